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
import tempfile
import wave
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from .captions import split_caption

SAMPLE_RATE = 48_000
LEAD_IN = 0.15
"""Seconds of silence at a beat's start before the voice."""
PIECE_GAP = 0.12
"""Seconds of silence between the pieces of a beat's caption."""
TAIL = 0.45
"""Seconds a beat goes on after its last word."""

FLITE_VOICES = ("slt", "awb", "rms", "kal16")
DEFAULT_VOICE = "slt"
AUDIO_SUFFIXES = (".wav", ".mp3", ".flac", ".m4a")


class VoiceError(ValueError):
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
            raise VoiceError(f"--voice {text}: {directory} is not a folder of recordings")
        return Voice("recordings", "recordings", directory.resolve())
    allowed = ", ".join((*FLITE_VOICES, "espeak", "none", "recordings:DIR"))
    raise VoiceError(f"--voice {text!r}: unknown voice; the voices are {allowed}")


@cache
def engine_version(kind: str) -> str:
    """The synthesiser's version line, part of the audio cache key."""
    command = {"flite": ["flite", "--version"], "espeak": ["espeak-ng", "--version"]}.get(kind)
    if command is None:
        return kind
    if shutil.which(command[0]) is None:
        install = "flite" if kind == "flite" else "espeak-ng"
        raise VoiceError(f"{command[0]} is not installed; install it with: apt-get install {install}")
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


def read_wav(path: Path) -> np.ndarray:
    """Mono 16-bit samples of a WAV file at :data:`SAMPLE_RATE`."""
    with wave.open(str(path), "rb") as handle:
        frames = handle.readframes(handle.getnframes())
    return np.frombuffer(frames, dtype=np.int16)


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Write mono 16-bit samples at :data:`SAMPLE_RATE`."""
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(SAMPLE_RATE)
        handle.writeframes(np.asarray(samples, dtype=np.int16).tobytes())


def _to_wav48k(source: Path, target: Path) -> None:
    """Decode any audio file to mono 16-bit WAV at 48 kHz (atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".wav", dir=target.parent, delete=False) as handle:
        tmp = Path(handle.name)
    try:
        proc = subprocess.run(
            ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", str(source),
             "-ac", "1", "-ar", str(SAMPLE_RATE), "-sample_fmt", "s16", "-f", "wav", str(tmp)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            raise VoiceError(f"{source}: cannot be read as audio ({proc.stderr.strip().splitlines()[-1:]})")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class Piece:
    """One cue's words and their time, in seconds from the beat's start."""

    text: str
    start: float
    end: float


@dataclass
class BeatAudio:
    """A beat's narration: its samples (48 kHz mono) and the time of each piece."""

    samples: np.ndarray
    pieces: list[Piece]
    digest: str

    @property
    def seconds(self) -> float:
        """Length of the speech with its lead-in (without the tail)."""
        return len(self.samples) / SAMPLE_RATE


@dataclass
class Narrator:
    """Makes and caches the audio of beats for one voice."""

    voice: Voice
    cache_dir: Path
    _made: dict[str, BeatAudio] = field(default_factory=dict)

    def identity(self) -> dict[str, str]:
        """What the audio depends on besides the text (part of cache keys)."""
        return {"kind": self.voice.kind, "voice": self.voice.name, "engine": engine_version(self.voice.kind),
                "rate": repr(self.voice.rate)}  # fmt: skip

    def _synth_piece(self, text: str) -> Path:
        ident = self.identity()
        key = hashlib.sha256(repr((spoken(text), sorted(ident.items()))).encode()).hexdigest()
        target = self.cache_dir / "speech" / f"{key}.wav"
        if target.exists():
            return target
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.wav"
            if self.voice.kind == "flite":
                command = ["flite", "-voice", self.voice.name, "-t", spoken(text), "-o", str(raw)]
            else:
                command = ["espeak-ng", "-v", self.voice.name, "-s", "160", "-w", str(raw), spoken(text)]
            proc = subprocess.run(command, capture_output=True, text=True, check=False)
            if proc.returncode != 0 or not raw.exists():
                raise VoiceError(f"{command[0]} failed on {text!r}: {proc.stderr.strip()[:200]}")
            _to_wav48k(raw, target)
        return target

    def recording(self, beat_id: str) -> Path | None:
        """The teacher's file for a beat, if there is one."""
        assert self.voice.directory is not None
        for suffix in AUDIO_SUFFIXES:
            path = self.voice.directory / f"{beat_id}{suffix}"
            if path.is_file():
                return path
        return None

    def beat(self, beat_id: str, text: str) -> BeatAudio:
        """The narration of one beat (synthesised or read, then cached)."""
        if beat_id in self._made:
            return self._made[beat_id]
        lead = np.zeros(int(LEAD_IN * SAMPLE_RATE), dtype=np.int16)
        parts: list[np.ndarray] = [lead]
        pieces: list[Piece] = []
        t = LEAD_IN
        if self.voice.kind == "recordings":
            source = self.recording(beat_id)
            if source is None:
                raise VoiceError(f"no recording for beat {beat_id} in {self.voice.directory}")
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
            converted = self.cache_dir / "recordings" / f"{digest}.wav"
            if not converted.exists():
                _to_wav48k(source, converted)
            samples = read_wav(converted)
            parts.append(samples)
            length = len(samples) / SAMPLE_RATE
            texts = split_caption(text)
            weights = [len(p) for p in texts]
            start = t
            for piece, weight in zip(texts, weights, strict=True):
                end = start + length * weight / sum(weights)
                pieces.append(Piece(piece, start, end))
                start = end
        else:
            gap = np.zeros(int(PIECE_GAP * SAMPLE_RATE), dtype=np.int16)
            for i, piece in enumerate(split_caption(text)):
                samples = read_wav(self._synth_piece(piece.replace("\n", " ")))
                if i:
                    parts.append(gap)
                    t += PIECE_GAP
                parts.append(samples)
                pieces.append(Piece(piece, t, t + len(samples) / SAMPLE_RATE))
                t += len(samples) / SAMPLE_RATE
            digest = hashlib.sha256(b"".join(p.tobytes() for p in parts)).hexdigest()
        audio = BeatAudio(np.concatenate(parts), pieces, digest)
        self._made[beat_id] = audio
        return audio


@dataclass
class NarrationTiming:
    """A :class:`scenes.timing.TimingSource`: a beat lasts as long as its narration plus a tail."""

    narrator: Narrator

    def seconds(self, beat_id: str, text: str) -> float:
        return self.narrator.beat(beat_id, text).seconds + TAIL
