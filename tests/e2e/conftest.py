"""Builds through the real command line, at preview quality, into temporary folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
