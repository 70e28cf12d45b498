"""A clip's narration track: beats' audio placed at their times, loudness-normalised, muxed.

The picture is rendered silent; the sound is added afterwards (manim's own
``add_sound`` drops sounds on cached re-renders). Tracks are lossless until the
last step, so the whole lecture's track is the scenes' tracks joined sample
for sample and encoded once: sound and picture stay in sync to the end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .. import tools
from . import audio
from .audio import SAMPLE_RATE, read_wav, write_wav
from .narrator import BeatAudio

TARGET_LUFS = -16.0
TRUE_PEAK = -1.5
LOUDNESS_RANGE = 11.0
AAC_BITRATE = "128k"
AAC = ["-c:a", "aac", "-b:a", AAC_BITRATE, "-ar", str(SAMPLE_RATE)]
"""How every narration reaches the viewer: AAC at 48 kHz."""


def mix(beats: Sequence[tuple[float, BeatAudio]], duration: float) -> np.ndarray:
    """Samples of a track ``duration`` seconds long with each beat's audio at its start time."""
    track = np.zeros(round(duration * SAMPLE_RATE), dtype=np.int32)
    for start, beat in beats:
        at = round(start * SAMPLE_RATE)
        piece = beat.samples()[: max(len(track) - at, 0)]
        track[at : at + len(piece)] += piece
    return np.clip(track, -32768, 32767).astype(np.int16)


_LOUDNORM = f"loudnorm=I={TARGET_LUFS}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}"


def _measure(path: Path) -> dict[str, str]:
    proc = tools.run(["ffmpeg", "-hide_banner", "-nostdin", "-i", path, "-af", f"{_LOUDNORM}:print_format=json",
                      "-f", "null", "-"])  # fmt: skip
    match = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", proc.stderr, re.S)
    if match is None:
        raise tools.ToolError("ffmpeg", "loudnorm printed no measurement")
    return json.loads(match.group(0))


def normalise(source: Path, target: Path) -> None:
    """EBU R128 loudness normalisation (two passes, linear) into FLAC: about -16 LUFS, true peak below -1 dBTP.

    The result has exactly as many samples as ``source`` (a WAV). Silence stays silence.
    """
    samples = len(read_wav(source))
    m = _measure(source)
    if m["input_i"] in ("-inf", "inf"):
        silent = target.with_suffix(".silent.wav")
        write_wav(silent, np.zeros(samples, dtype=np.int16))
        tools.ffmpeg("-i", silent, "-c:a", "flac", "-f", "flac", target)
        silent.unlink()
        return
    measured = (
        f":measured_I={m['input_i']}:measured_TP={m['input_tp']}:measured_LRA={m['input_lra']}"
        f":measured_thresh={m['input_thresh']}:offset={m['target_offset']}:linear=true"
    )
    tools.ffmpeg("-i", source, "-af", f"{_LOUDNORM}{measured},aresample={SAMPLE_RATE},apad=whole_len={samples}",
                 "-ac", "1", "-ar", str(SAMPLE_RATE), "-sample_fmt", "s16", "-t", f"{samples / SAMPLE_RATE:.6f}",
                 "-c:a", "flac", "-f", "flac", target)  # fmt: skip


def mux(video: Path, track: Path | None, target: Path) -> None:
    """The clip: ``video``'s picture (copied) with ``track`` as AAC 48 kHz narration, faststart."""
    if track is None:
        tools.ffmpeg("-i", video, "-map", "0:v", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", target)
        return
    tools.ffmpeg("-i", video, "-i", track, "-map", "0:v", "-map", "1:a", "-c:v", "copy", *AAC,
                 "-movflags", "+faststart", "-f", "mp4", target)  # fmt: skip


def join_tracks(tracks: Sequence[Path], target: Path) -> None:
    """One PCM track (WAV) from several, sample for sample."""
    write_wav(target, np.concatenate([audio.read(t) for t in tracks]) if tracks else np.zeros(0, np.int16))
