"""Builds through the real command line, at preview quality, into temporary folders."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pipeline.tools import probe

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cache: Path, env: dict[str, str] | None = None, timeout: float = 900):
    """Run ``python render.py ARGS`` with its cache in ``cache``; return the completed process."""
    return subprocess.run(
        [sys.executable, str(ROOT / "render.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "LECTURE_CACHE_DIR": str(cache), **(env or {})},
        timeout=timeout,
        check=False,
    )


def small_gray_frames(video: Path) -> np.ndarray:
    """The video's frames in gray, each 4 x 4 block of pixels averaged."""
    stream = next(s for s in probe(video)["streams"] if s["codec_type"] == "video")
    width, height = int(stream["width"]), int(stream["height"])
    proc = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(video), "-map", "0:v",
         "-vf", f"scale={width // 4}:{height // 4}:flags=area", "-pix_fmt", "gray", "-f", "rawvideo", "-"],
        capture_output=True, check=True,
    )  # fmt: skip
    return np.frombuffer(proc.stdout, np.uint8).reshape(-1, height // 4, width // 4).astype(np.int16)


# The same scene rendered after different scenes has differed by up to 4 levels (of 255) in a
# few frames of an animation (floating-point rounding). Anything drawn elsewhere, a glyph matched
# to another one or a frame of another scene, differs by about 100 levels or more.
SAME_PICTURE_LEVELS = 12


def same_picture(a: Path, b: Path) -> bool:
    """Whether two clips show the same frames, up to the rounding that render order can cause."""
    first, second = small_gray_frames(a), small_gray_frames(b)
    return first.shape == second.shape and int(np.abs(first - second).max()) <= SAME_PICTURE_LEVELS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright."""
    from .browser import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: make test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One render cache for the e2e tests (scenes rendered by one test are reused by the next)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def lecture(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The whole default lecture, built once at preview quality."""
    out = tmp_path_factory.mktemp("site")
    proc = run_cli("build", "--out", str(out), "--quiet", cache=cache_dir)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out
