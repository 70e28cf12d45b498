"""A scene renders with the plain manim command, from the default lecture, from any folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANIM = Path(sys.executable).with_name("manim")


@pytest.mark.parametrize("module, name", [("title", "Title"), ("candy_draws", "CandyDraws")])
def test_plain_manim_plays_a_scene(tmp_path: Path, module: str, name: str) -> None:
    proc = subprocess.run(
        [str(MANIM), "-ql", "--dry_run", "--media_dir", str(tmp_path), str(ROOT / "scenes" / f"{module}.py"), name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert f"Rendered {name}" in proc.stdout + proc.stderr
