"""The one place that runs programs: a missing program, a failing one, a full disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import tools
from pipeline.errors import EnvironmentFailure


def test_a_missing_program_is_named_with_its_install_command(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(tools.ToolMissing, match="ffmpeg is not installed; install it with: apt-get install ffmpeg"):
        tools.ffmpeg("-version", writes=Path("/dev/null"))


def test_a_failing_program_raises_with_its_last_error_lines(tmp_path: Path) -> None:
    with pytest.raises(tools.ToolError, match=r"ffmpeg failed: .*No such file"):
        tools.ffmpeg("-i", tmp_path / "missing.wav", tmp_path / "out.wav")


def test_a_full_disk_is_an_environment_failure_naming_the_file() -> None:
    # ffmpeg exits with status 0 here: only its error lines tell.
    with pytest.raises(EnvironmentFailure, match=r"^/dev/full: no space left on the device"):
        tools.ffmpeg("-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono", "-t", "1", "-f", "wav", Path("/dev/full"))


def test_probe_and_duration_read_a_real_file(tmp_path: Path) -> None:
    target = tmp_path / "tone.wav"
    tools.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1.5", target)
    assert tools.probe(target)["streams"][0]["codec_type"] == "audio"
    assert tools.duration(target) == pytest.approx(1.5, abs=0.01)
    assert tools.duration(tmp_path) is None
