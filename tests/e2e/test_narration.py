"""Narration: every clip speaks, captions follow the voice, recordings replace it."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from pipeline.cues import LINE_CHARS, split_caption
from pipeline.narration.narrator import LEAD_IN, TAIL
from pipeline.publish.captions import parse_cues
from pipeline.tools import probe

from .conftest import run_cli

pytestmark = pytest.mark.slow
FRAME = 1 / 15
SPEECH_RMS = 0.02
"""Speech is louder than this RMS (full scale 1.0, about -34 dBFS) over every cue of a narrated clip."""


def _streams(path: Path) -> dict[str, dict]:
    return {s["codec_type"]: s for s in probe(path)["streams"]}


def _pcm(path: Path) -> np.ndarray:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a", "-ac", "1", "-ar", "48000", "-f", "s16le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(out, dtype=np.int16).astype(np.float64) / 32768


def _rms(samples: np.ndarray, start: float, end: float) -> float:
    part = samples[int(start * 48000) : int(end * 48000)]
    return float(np.sqrt(np.mean(part**2))) if len(part) else 0.0


def test_every_clip_has_narration_as_long_as_its_picture(lecture: Path) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    assert manifest["voice"] == "slt"
    for rel in [manifest["lecture"]["video"]] + [s["video"] for s in manifest["scenes"]]:
        streams = _streams(lecture / rel)
        assert streams["audio"]["codec_name"] == "aac"
        assert streams["audio"]["sample_rate"] == "48000"
        assert float(streams["audio"]["duration"]) == pytest.approx(float(streams["video"]["duration"]), abs=FRAME)


def test_speech_fills_every_cue_and_silence_is_silent(lecture: Path) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    for scene in manifest["scenes"]:
        samples = _pcm(lecture / scene["video"])
        cues = parse_cues((lecture / scene["captions"]).read_text())
        for cue in cues:
            assert _rms(samples, cue.start, cue.end) > SPEECH_RMS, (scene["name"], cue.text)
        assert _rms(samples, 0, LEAD_IN * 0.8) < 0.002, "the lead-in before the first word is silent"


def test_captions_are_the_script_in_short_cues(lecture: Path, cache_dir: Path) -> None:
    proc = run_cli("script", "--format", "json", cache=cache_dir)
    assert proc.returncode == 0, proc.stderr
    script = json.loads(proc.stdout)
    manifest = json.loads((lecture / "manifest.json").read_text())
    for scene in manifest["scenes"]:
        cues = parse_cues((lecture / scene["captions"]).read_text())
        texts = [b["text"] for b in script if b["scene"] == scene["name"]]
        assert [c.text for c in cues] == [p for t in texts for p in split_caption(t)]
        for cue in cues:
            lines = cue.text.split("\n")
            assert len(lines) <= 2 and all(len(line) <= LINE_CHARS for line in lines), cue.text
        assert all(a.end <= b.start + 1e-6 for a, b in itertools.pairwise(cues))
        beats = scene["beats"]
        assert [b["id"] for b in beats] == [b["id"] for b in script if b["scene"] == scene["name"]]
        for cue in cues:
            assert any(b["start_s"] - 1e-6 <= cue.start < cue.end <= b["end_s"] + 1e-6 for b in beats), cue


def test_lecture_loudness_is_for_the_web(lecture: Path) -> None:
    proc = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(lecture / "lecture.mp4"), "-map", "0:a", "-af", "ebur128=peak=true",
         "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    summary = proc.stderr[proc.stderr.rindex("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"True peak:\s+Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    assert integrated == pytest.approx(-16, abs=1.5)
    assert peak < -1.0


def _tone(path: Path, seconds: float, freq: float) -> None:
    t = np.arange(int(seconds * 22050)) / 22050
    samples = (0.3 * np.sin(2 * np.pi * freq * t) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(22050)
        handle.writeframes(samples.tobytes())


def _title_script(cache_dir: Path) -> list[dict]:
    proc = run_cli("script", "--format", "json", cache=cache_dir)
    assert proc.returncode == 0, proc.stderr
    return [b for b in json.loads(proc.stdout) if b["scene"] == "Title"]


def test_recordings_set_the_beats_lengths_and_a_new_voice_reuses_the_picture(tmp_path: Path, cache_dir: Path) -> None:
    beats = _title_script(cache_dir)
    assert len(beats) == 2
    lengths = [4.0, 7.5]
    for freq, folder in ((440.0, tmp_path / "a"), (660.0, tmp_path / "b")):
        folder.mkdir()
        for beat, seconds in zip(beats, lengths, strict=True):
            _tone(folder / f"{beat['id']}.wav", seconds, freq)
    out = tmp_path / "site"
    first = run_cli("build", "--out", str(out), "--scenes", "Title", "--voice", f"recordings:{tmp_path / 'a'}",
                    "--quiet", cache=cache_dir)  # fmt: skip
    assert first.returncode == 0, first.stderr
    scene = json.loads((out / "manifest.json").read_text())["scenes"][0]
    expected = sum(LEAD_IN + s + TAIL for s in lengths)
    assert scene["duration_s"] == pytest.approx(expected, abs=2 * FRAME)
    cues = parse_cues((out / scene["captions"]).read_text())
    assert [c.text for c in cues] == [p for b in beats for p in split_caption(b["text"])]
    assert cues[0].start == pytest.approx(LEAD_IN, abs=FRAME)
    samples = _pcm(out / scene["video"])
    assert _rms(samples, LEAD_IN + 0.5, LEAD_IN + 3.5) > SPEECH_RMS

    second = run_cli("build", "--out", str(out), "--scenes", "Title", "--voice", f"recordings:{tmp_path / 'b'}",
                     cache=cache_dir)  # fmt: skip
    assert second.returncode == 0, second.stderr
    scene = json.loads((out / "manifest.json").read_text())["scenes"][0]
    assert scene["status"] == "rendered" and scene["picture"] == "cached"
    assert "sound only (picture reused)" in second.stdout


def test_missing_recordings_are_listed_before_anything_renders(tmp_path: Path, cache_dir: Path) -> None:
    beats = _title_script(cache_dir)
    folder = tmp_path / "rec"
    folder.mkdir()
    _tone(folder / f"{beats[0]['id']}.wav", 2.0, 440.0)
    out = tmp_path / "site"
    proc = run_cli("build", "--out", str(out), "--voice", f"recordings:{folder}", cache=cache_dir)
    assert proc.returncode == 2
    message = proc.stderr.strip()
    assert len(message.splitlines()) == 1
    assert beats[1]["id"] in message and beats[0]["id"] not in message
    assert "CandyDraws-" in message, "missing beats of every scene are listed"
    assert not (out / "manifest.json").exists()
