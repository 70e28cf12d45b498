"""Narration: a voice for every beat, made offline, measured, cached.

Voices
------
``slt`` (the default), ``awb``, ``rms``, ``kal16``
    Debian's ``flite`` (CMU Flite). ``slt``, a female US English voice built
    from the CMU ARCTIC recordings, is the clearest of the free offline voices
    we tried: espeak-ng is more robotic, and festival's HTS voices are not in
    Debian's main archive.
``espeak``
    Debian's ``espeak-ng`` (en-us), small and robotic, for comparison.
``none``
    No voice: captions only, beats paced by reading speed.
``recordings:DIR``
    The teacher's own voice: ``DIR/<beat id>.wav`` (or ``.mp3``, ``.flac``,
    ``.m4a``) for every beat; ``python render.py script`` lists the ids.

Each beat's caption is split into the cue pieces of :mod:`pipeline.captions`;
a synthetic voice speaks each piece separately, so every cue's time is the
exact time of its words. Audio is cached under a hash of the text, the voice,
the engine and its version, and the rate.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from . import audio, store
from .audio import SAMPLE_RATE
from .captions import split_caption
from .errors import UsageError, quoted
from .media import ToolMissing

LEAD_IN = 0.15
"""Seconds of silence at a beat's start before the voice."""
PIECE_GAP = 0.12
"""Seconds of silence between the pieces of a beat's caption."""
TAIL = 0.45
"""Seconds a beat goes on after its last word."""

FLITE_VOICES = ("slt", "awb", "rms", "kal16")
DEFAULT_VOICE = "slt"
AUDIO_SUFFIXES = (".wav", ".mp3", ".flac", ".m4a")
MAX_RECORDING_SECONDS = 120.0
"""A beat is a sentence or two: a longer recording is a mistake (a whole lecture in one file, say)."""


class VoiceError(UsageError):
    """A voice that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Voice:
    """A narration voice: ``kind`` is ``none``, ``flite``, ``espeak`` or ``recordings``."""

    kind: str
    name: str = ""
    directory: Path | None = None
    rate: float = 1.0

    @property
    def label(self) -> str:
        if self.kind == "recordings":
            return f"recordings:{self.directory}"
        return self.name or self.kind

    @property
    def speaks(self) -> bool:
        return self.kind != "none"


def parse_voice(text: str) -> Voice:
    """``slt``, ``awb``, ``rms``, ``kal16``, ``espeak``, ``none`` or ``recordings:DIR``."""
    if text == "none":
        return Voice("none", "none")
    if text in FLITE_VOICES:
        return Voice("flite", text)
    if text == "espeak":
        return Voice("espeak", "en-us")
    if text.startswith("recordings:"):
        directory = Path(text.split(":", 1)[1]).expanduser()
        if not directory.is_dir():
            raise VoiceError(f"--voice {quoted(text)}: {directory} is not a folder of recordings")
        return Voice("recordings", "recordings", directory.resolve())
    allowed = ", ".join((*FLITE_VOICES, "espeak", "none", "recordings:DIR"))
    raise VoiceError(f"--voice {quoted(text)}: unknown voice; the voices are {allowed}")


@cache
def engine_version(kind: str) -> str:
    """The synthesiser's version line, part of the audio cache key."""
    command = {"flite": ["flite", "--version"], "espeak": ["espeak-ng", "--version"]}.get(kind)
    if command is None:
        return kind
    if shutil.which(command[0]) is None:
        install = "flite" if kind == "flite" else "espeak-ng"
        raise ToolMissing(f"{command[0]} is not installed; install it with: apt-get install {install}")
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    return " ".join(out.split())[:200]


_SPOKEN = (
    (re.compile(r"(\d+)\s*/\s*(\d+)"), r"\1 over \2"),
    (re.compile(r"×"), " times "),
    (re.compile(r"≈"), " about "),
    (re.compile(r"\s=\s"), " equals "),
    (re.compile(r"[−–]\s*∞|-\s*∞"), " minus infinity "),
    (re.compile(r"∞"), " infinity "),
    (re.compile(r"\s[−-]\s"), " minus "),
    (re.compile(r"\bq\(([^)]*)\)"), r"q of \1"),
    (re.compile(r"\bH\(p, q\)"), "H of p and q"),
    (re.compile(r"\bH\(p\)"), "H of p"),
    (re.compile(r"\bKL\b"), "K L"),
    (re.compile(r"\bBCE\b"), "B C E"),
)


def spoken(text: str) -> str:
    """The caption as the voice should say it (fractions, symbols and a few names spelled out)."""
    for pattern, replacement in _SPOKEN:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _to_wav48k(source: Path, target: Path) -> None:
    """Decode any audio file to mono 16-bit WAV at 48 kHz."""
    proc = subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", str(source),
         "-ac", "1", "-ar", str(SAMPLE_RATE), "-sample_fmt", "s16", "-f", "wav", str(target)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise VoiceError(f"{source}: cannot be read as audio ({proc.stderr.strip().splitlines()[-1:]})")


def _duration(source: Path) -> float:
    """Seconds of audio in a file, from its header (ffprobe); a file ffprobe cannot read is refused."""
    proc = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        return float(proc.stdout.strip())
    except ValueError:
        raise VoiceError(f"{source}: cannot be read as audio ({proc.stderr.strip()[:200] or 'no duration'})") from None


@dataclass(frozen=True)
class Piece:
    """One cue's words and their time, in seconds from the beat's start."""

    text: str
    start: float
    end: float


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
    verdict = store.check(entry)
    if not verdict.valid:
        return None
    store.mark_used(entry)
    return Sound(entry / SOUND_FILE, int(verdict.meta["samples"]), str(verdict.meta["pcm_sha256"]))


def _store_sound(cache_dir: Path, entry: Path, wav48: Path, meta: dict[str, str]) -> Sound:
    """Keep a 48 kHz mono WAV in the cache entry ``entry`` as FLAC, with its length and digest."""
    samples = audio.read_wav(wav48)
    record = {**meta, "samples": len(samples), "pcm_sha256": hashlib.sha256(samples.tobytes()).hexdigest()}
    made = wav48.parent / "entry"
    made.mkdir()
    audio.to_flac(wav48, made / SOUND_FILE)
    store.seal(made, record)
    store.commit(made, entry, replace=True)
    return Sound(entry / SOUND_FILE, len(samples), record["pcm_sha256"])


@dataclass(frozen=True)
class BeatAudio:
    """A beat's narration: its sounds at their offsets (in samples), its length, and the time of each piece."""

    sounds: tuple[tuple[int, Sound], ...]
    length: int
    pieces: tuple[Piece, ...]

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
    """Makes and caches the audio of beats for one voice, in the cache folder ``cache_dir``."""

    voice: Voice
    cache_dir: Path
    _made: dict[str, BeatAudio] = field(default_factory=dict)

    def identity(self) -> dict[str, str]:
        """What the audio depends on besides the text (part of cache keys)."""
        return {"kind": self.voice.kind, "voice": self.voice.name, "engine": engine_version(self.voice.kind),
                "rate": repr(self.voice.rate)}  # fmt: skip

    def _synth_piece(self, text: str) -> Sound:
        ident = self.identity()
        key = hashlib.sha256(repr((spoken(text), sorted(ident.items()))).encode()).hexdigest()
        entry = self.cache_dir / "audio" / "speech" / key
        found = _load_sound(entry)
        if found is not None:
            return found
        with store.work_folder(self.cache_dir, "speech-") as work:
            raw = work / "raw.wav"
            if self.voice.kind == "flite":
                command = ["flite", "-voice", self.voice.name, "-t", spoken(text), "-o", str(raw)]
            else:
                command = ["espeak-ng", "-v", self.voice.name, "-s", "160", "-w", str(raw), spoken(text)]
            proc = subprocess.run(command, capture_output=True, text=True, check=False)
            if proc.returncode != 0 or not raw.exists():
                raise VoiceError(f"{command[0]} failed on {quoted(text)}: {proc.stderr.strip()[:200]}")
            _to_wav48k(raw, work / "speech.wav")
            return _store_sound(self.cache_dir, entry, work / "speech.wav", {"kind": "speech", "text": text})

    def _converted(self, source: Path) -> Sound:
        """The teacher's recording as 48 kHz mono (converted once, cached by its content)."""
        seconds = _duration(source)
        if seconds > MAX_RECORDING_SECONDS:
            raise VoiceError(
                f"{source}: the recording is {seconds:.0f} s long; a beat's recording may be at most "
                f"{MAX_RECORDING_SECONDS:.0f} s (one beat is one or two sentences)"
            )
        entry = self.cache_dir / "audio" / "recordings" / store.file_sha256(source)
        found = _load_sound(entry)
        if found is not None:
            return found
        with store.work_folder(self.cache_dir, "recording-") as work:
            _to_wav48k(source, work / "recording.wav")
            return _store_sound(self.cache_dir, entry, work / "recording.wav", {"kind": "recording"})

    def recording(self, beat_id: str) -> Path | None:
        """The teacher's file for a beat, if there is one."""
        assert self.voice.directory is not None
        for suffix in AUDIO_SUFFIXES:
            path = self.voice.directory / f"{beat_id}{suffix}"
            if path.is_file():
                return path
        return None

    def beat(self, beat_id: str, text: str) -> BeatAudio:
        """The narration of one beat (synthesised or read, then cached); reads no samples."""
        if beat_id in self._made:
            return self._made[beat_id]
        at = int(LEAD_IN * SAMPLE_RATE)
        sounds: list[tuple[int, Sound]] = []
        pieces: list[Piece] = []
        texts = split_caption(text)
        if self.voice.kind == "recordings":
            source = self.recording(beat_id)
            if source is None:
                raise VoiceError(f"no recording for beat {beat_id} in {self.voice.directory}")
            sound = self._converted(source)
            sounds.append((at, sound))
            weights = [len(p) for p in texts]
            start = at / SAMPLE_RATE
            for piece, weight in zip(texts, weights, strict=True):
                end = start + sound.length / SAMPLE_RATE * weight / sum(weights)
                pieces.append(Piece(piece, start, end))
                start = end
            at += sound.length
        else:
            gap = int(PIECE_GAP * SAMPLE_RATE)
            for i, piece in enumerate(texts):
                sound = self._synth_piece(piece.replace("\n", " "))
                at += gap if i else 0
                sounds.append((at, sound))
                pieces.append(Piece(piece, at / SAMPLE_RATE, (at + sound.length) / SAMPLE_RATE))
                at += sound.length
        made = BeatAudio(tuple(sounds), at, tuple(pieces))
        self._made[beat_id] = made
        return made


@dataclass
class NarrationTiming:
    """A :class:`scenes.timing.TimingSource`: a beat lasts as long as its narration plus a tail."""

    narrator: Narrator

    def seconds(self, beat_id: str, text: str) -> float:
        return self.narrator.beat(beat_id, text).seconds + TAIL
