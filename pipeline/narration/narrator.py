"""Narration of beats: speech made offline or read from recordings, measured, cached as FLAC.

Each beat's caption is split into its cue pieces (:func:`pipeline.cues.split_caption`);
a synthetic voice speaks each piece separately, so every cue's time is the
exact time of its words. Speech is cached under a hash of the text, the
voice, the engine and its version, and the rate. A beat's length and digest
come from the cache entries' records: nothing is decoded until a track is mixed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .. import tools
from ..cache import entries, scratch
from ..contracts import Cue
from ..cues import split_caption
from . import audio
from .audio import SAMPLE_RATE
from .spoken import spoken
from .voices import Recordings, Silent, Synthesizer, Voice, VoiceError

if TYPE_CHECKING:
    from scenes.timing import ReadingPace

LEAD_IN = 0.15
"""Seconds of silence at a beat's start before the voice."""
PIECE_GAP = 0.12
"""Seconds of silence between the pieces of a beat's caption."""
TAIL = 0.45
"""Seconds a beat goes on after its last word."""
MAX_RECORDING_SECONDS = 120.0
"""A beat is a sentence or two: a longer recording is a mistake (a whole lecture in one file, say)."""


def _to_wav48k(source: Path, target: Path) -> None:
    """Decode any audio file to mono 16-bit WAV at 48 kHz."""
    try:
        tools.ffmpeg("-i", source, "-ac", "1", "-ar", str(SAMPLE_RATE), "-sample_fmt", "s16", "-f", "wav", target)
    except tools.ToolError as err:
        raise VoiceError(f"{source}: cannot be read as audio ({err.detail.splitlines()[-1:]})") from None


@dataclass(frozen=True)
class Sound:
    """Audio stored in the cache (FLAC, 48 kHz mono): its length in samples and the digest of its samples."""

    path: Path
    length: int
    digest: str

    def samples(self) -> np.ndarray:
        return audio.read(self.path)


SOUND_FILE = "sound.flac"


def _load_sound(entry: Path) -> Sound | None:
    """The sound of an intact entry; None when missing, damaged, or written by an earlier version."""
    verdict = entries.check(entry)
    if not verdict.valid or SOUND_FILE not in verdict.files or "pcm_sha256" not in verdict.meta:
        return None
    entries.mark_used(entry)
    return Sound(entry / SOUND_FILE, int(verdict.meta["samples"]), str(verdict.meta["pcm_sha256"]))


def _store_sound(cache_dir: Path, entry: Path, wav48: Path, meta: dict[str, str]) -> Sound:
    """Keep a 48 kHz mono WAV in the cache entry ``entry`` as FLAC, with its length and digest."""
    samples = audio.read_wav(wav48)
    record = {**meta, "samples": len(samples), "pcm_sha256": hashlib.sha256(samples.tobytes()).hexdigest()}
    made = wav48.parent / "entry"
    made.mkdir()
    audio.to_flac(wav48, made / SOUND_FILE)
    entries.seal(made, record)
    entries.commit(made, entry, replace=True)
    return Sound(entry / SOUND_FILE, len(samples), record["pcm_sha256"])


@dataclass(frozen=True)
class BeatAudio:
    """A beat's narration: its sounds at their offsets (in samples), its length, and the time of each piece."""

    sounds: tuple[tuple[int, Sound], ...]
    length: int
    pieces: tuple[Cue, ...]
    """Each cue's words and time, in seconds from the beat's start."""

    @property
    def seconds(self) -> float:
        """Length of the speech with its lead-in (without the tail)."""
        return self.length / SAMPLE_RATE

    @property
    def digest(self) -> str:
        """A digest of the samples (from each sound's digest and place; nothing is read)."""
        layout = [(at, sound.length, sound.digest) for at, sound in self.sounds]
        return hashlib.sha256(repr((self.length, layout)).encode()).hexdigest()

    def samples(self) -> np.ndarray:
        """The beat's samples: silence with each sound in its place."""
        track = np.zeros(self.length, dtype=np.int16)
        for at, sound in self.sounds:
            piece = sound.samples()[: sound.length]
            track[at : at + len(piece)] = piece
        return track


@dataclass
class Narrator:
    """Makes and caches the audio of beats for one speaking voice, in the cache folder ``cache_dir``."""

    voice: Synthesizer | Recordings
    cache_dir: Path
    _made: dict[str, BeatAudio] = field(default_factory=dict)

    def identity(self) -> dict[str, str]:
        """What the audio depends on besides the text (part of cache keys)."""
        return self.voice.identity()

    def _synth_piece(self, voice: Synthesizer, text: str) -> Sound:
        key = hashlib.sha256(repr((spoken(text), sorted(voice.identity().items()))).encode()).hexdigest()
        entry = self.cache_dir / "audio" / "speech" / key
        found = _load_sound(entry)
        if found is not None:
            return found
        with scratch.work_folder(self.cache_dir, "speech-") as work:
            raw = work / "raw.wav"
            voice.synthesize(text, raw)
            _to_wav48k(raw, work / "speech.wav")
            return _store_sound(self.cache_dir, entry, work / "speech.wav", {"kind": "speech", "text": text})

    def _converted(self, source: Path) -> Sound:
        """The teacher's recording as 48 kHz mono (converted once, cached by its content)."""
        seconds = tools.duration(source)
        if seconds is None:
            raise VoiceError(f"{source}: cannot be read as audio")
        if seconds > MAX_RECORDING_SECONDS:
            raise VoiceError(
                f"{source}: the recording is {seconds:.0f} s long; a beat's recording may be at most "
                f"{MAX_RECORDING_SECONDS:.0f} s (one beat is one or two sentences)"
            )
        entry = self.cache_dir / "audio" / "recordings" / entries.file_sha256(source)
        found = _load_sound(entry)
        if found is not None:
            return found
        with scratch.work_folder(self.cache_dir, "recording-") as work:
            _to_wav48k(source, work / "recording.wav")
            return _store_sound(self.cache_dir, entry, work / "recording.wav", {"kind": "recording"})

    def _recorded(self, voice: Recordings, beat_id: str, texts: list[str]) -> BeatAudio:
        source = voice.recording(beat_id)
        if source is None:
            raise VoiceError(f"no recording for beat {beat_id} in {voice.directory}")
        sound = self._converted(source)
        at = int(LEAD_IN * SAMPLE_RATE)
        weights = [len(p) for p in texts]
        start, pieces = at / SAMPLE_RATE, []
        for piece, weight in zip(texts, weights, strict=True):
            end = start + sound.length / SAMPLE_RATE * weight / sum(weights)
            pieces.append(Cue(start, end, piece))
            start = end
        return BeatAudio(((at, sound),), at + sound.length, tuple(pieces))

    def _spoken(self, voice: Synthesizer, texts: list[str]) -> BeatAudio:
        at, gap = int(LEAD_IN * SAMPLE_RATE), int(PIECE_GAP * SAMPLE_RATE)
        sounds: list[tuple[int, Sound]] = []
        pieces: list[Cue] = []
        for i, piece in enumerate(texts):
            sound = self._synth_piece(voice, piece.replace("\n", " "))
            at += gap if i else 0
            sounds.append((at, sound))
            pieces.append(Cue(at / SAMPLE_RATE, (at + sound.length) / SAMPLE_RATE, piece))
            at += sound.length
        return BeatAudio(tuple(sounds), at, tuple(pieces))

    def beat(self, beat_id: str, text: str) -> BeatAudio:
        """The narration of one beat (synthesised or read, then cached); reads no samples."""
        if beat_id not in self._made:
            texts = split_caption(text)
            if isinstance(self.voice, Recordings):
                self._made[beat_id] = self._recorded(self.voice, beat_id, texts)
            else:
                self._made[beat_id] = self._spoken(self.voice, texts)
        return self._made[beat_id]


@dataclass
class NarrationTiming:
    """A :class:`scenes.timing.TimingSource`: a beat lasts as long as its narration plus a tail."""

    narrator: Narrator

    def seconds(self, beat_id: str, text: str) -> float:
        return self.narrator.beat(beat_id, text).seconds + TAIL


def timing_for(voice: Voice, cache_dir: Path) -> NarrationTiming | ReadingPace:
    """The timing source of a voice: its narration's length, or the reading pace for no voice."""
    from scenes.timing import ReadingPace

    if isinstance(voice, Silent):
        return ReadingPace()
    return NarrationTiming(Narrator(voice, cache_dir))  # type: ignore[arg-type]
