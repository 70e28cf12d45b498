"""Input that looks valid but would run away, answered in one short line before any work starts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli


def _one_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--set", "guesses.good.probs.red=1/" + "3" * 300, "--set", "guesses.good.probs.blue=1/2"], "6 digits"),
        (["--config", "/dev/zero"], "larger than 64 KB"),
        (["--set", "title=" + "x" * 100_000], "is 100000 characters long"),
        (["--set", "title=a\u202eb"], "U+202E"),
        (["--set", "title=\u200b"], "U+200B"),
    ],
)
def test_input_that_would_run_away_is_refused_in_one_short_line(args: list[str], says: str, tmp_path: Path) -> None:
    for command, extra in (("check", []), ("build", ["--out", str(tmp_path / "site")])):
        proc = run_cli(command, *args, *extra, cache=tmp_path / "cache", timeout=30)
        assert proc.returncode == 2
        line = _one_line(proc)
        assert says in line and len(line) < 300
    assert not (tmp_path / "site").exists()


def test_scenes_without_a_name_is_an_error(tmp_path: Path) -> None:
    proc = run_cli("build", "--scenes", ",,,", "--out", str(tmp_path / "site"), cache=tmp_path / "cache")
    assert proc.returncode == 2
    assert "--scenes: no scene named" in _one_line(proc)
