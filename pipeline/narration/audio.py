"""Sound files: 48 kHz mono 16-bit samples, WAV for work in progress, FLAC in the cache.

FLAC is lossless: the samples read back are the ones written, in a third of
the space for speech (flite's voice, made at 16 kHz, leaves the upper band
empty). Reading happens in this process through PyAV (manim's own binding of
FFmpeg's libraries), so it costs no process start.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from .. import tools

SAMPLE_RATE = 48_000


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


def to_flac(source: Path, target: Path) -> None:
    """Encode a 16-bit mono WAV as FLAC (the same samples)."""
    tools.ffmpeg("-i", source, "-c:a", "flac", "-f", "flac", target)


def read(path: Path) -> np.ndarray:
    """The 16-bit mono samples of a FLAC or WAV file, exactly as stored."""
    import av

    with av.open(str(path)) as container:
        chunks = [frame.to_ndarray().reshape(-1) for frame in container.decode(audio=0)]
    return np.concatenate(chunks).astype(np.int16, copy=False) if chunks else np.zeros(0, np.int16)
