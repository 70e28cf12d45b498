"""A clip's narration track: beats' audio placed at their times, loudness-normalised, muxed.

The picture is rendered silent; the sound is added afterwards (manim's own
``add_sound`` drops sounds on cached re-renders). Tracks are PCM until the
last step, so the whole lecture's track is the scenes' tracks joined sample
for sample and encoded once: sound and picture stay in sync to the end.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from . import audio
from .audio import SAMPLE_RATE, read_wav, write_wav
from .media import atomic_path, run_ffmpeg
from .narration import BeatAudio

TARGET_LUFS = -16.0
TRUE_PEAK = -1.5
LOUDNESS_RANGE = 11.0
AAC_BITRATE = "128k"


def mix(beats: Sequence[tuple[float, BeatAudio]], duration: float) -> np.ndarray:
    """Samples of a track ``duration`` seconds long with each beat's audio at its start time."""
    track = np.zeros(round(duration * SAMPLE_RATE), dtype=np.int32)
    for start, beat in beats:
        at = round(start * SAMPLE_RATE)
        piece = beat.samples()[: max(len(track) - at, 0)]
        track[at : at + len(piece)] += piece
    return np.clip(track, -32768, 32767).astype(np.int16)


def _measure(path: Path) -> dict[str, str]:
    proc = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostdin", "-i", str(path), "-af",
         f"loudnorm=I={TARGET_LUFS}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}:print_format=json", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    match = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", proc.stderr, re.S)
    if match is None:
        raise RuntimeError("ffmpeg loudnorm printed no measurement")
    return json.loads(match.group(0))


def normalise(source: Path, target: Path) -> None:
    """EBU R128 loudness normalisation (two passes, linear): about -16 LUFS, true peak below -1 dBTP.

    The result has exactly as many samples as ``source``; ``target`` is FLAC
    (lossless: half the space of WAV or less, the same samples) or WAV, by its suffix.
    """
    samples = len(read_wav(source))
    m = _measure(source)
    codec = ["-c:a", "flac", "-f", "flac"] if target.suffix == ".flac" else ["-f", "wav"]
    if m["input_i"] in ("-inf", "inf"):  # silence stays silence
        silent = target.with_name(f".silent-{target.stem}.wav")
        try:
            write_wav(silent, np.zeros(samples, dtype=np.int16))
            with atomic_path(target) as tmp:
                run_ffmpeg(["-i", str(silent), *codec, str(tmp)])
        finally:
            silent.unlink(missing_ok=True)
        return
    loudnorm = (
        f"loudnorm=I={TARGET_LUFS}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}:measured_I={m['input_i']}"
        f":measured_TP={m['input_tp']}:measured_LRA={m['input_lra']}:measured_thresh={m['input_thresh']}"
        f":offset={m['target_offset']}:linear=true"
    )
    with atomic_path(target) as tmp:
        run_ffmpeg(
            ["-i", str(source), "-af", f"{loudnorm},aresample={SAMPLE_RATE},apad=whole_len={samples}",
             "-ac", "1", "-ar", str(SAMPLE_RATE), "-sample_fmt", "s16", "-t", f"{samples / SAMPLE_RATE:.6f}",
             *codec, str(tmp)]
        )  # fmt: skip


def mux(video: Path, track: Path | None, target: Path) -> None:
    """The clip: ``video``'s picture (copied) with ``track`` as AAC 48 kHz narration, faststart."""
    with atomic_path(target) as tmp:
        if track is None:
            run_ffmpeg(["-i", str(video), "-map", "0:v", "-c", "copy", "-movflags", "+faststart", "-f", "mp4",
                        str(tmp)])  # fmt: skip
            return
        run_ffmpeg(
            ["-i", str(video), "-i", str(track), "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac",
             "-b:a", AAC_BITRATE, "-ar", str(SAMPLE_RATE), "-movflags", "+faststart", "-f", "mp4", str(tmp)]
        )  # fmt: skip


def join_tracks(tracks: Sequence[Path], target: Path) -> None:
    """One PCM track (WAV) from several, sample for sample."""
    with atomic_path(target) as tmp:
        write_wav(tmp, np.concatenate([audio.read(t) for t in tracks]) if tracks else np.zeros(0, np.int16))
