"""Scratch folders: one per process, swept when the process is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.cache import scratch

ROOT = Path(__file__).resolve().parents[3]


_HOLD_SCRATCH = """
import sys, time
from pathlib import Path
from pipeline.cache import scratch
print(scratch.scratch(Path(sys.argv[1])), flush=True)
time.sleep(60)
"""


def test_sweep_removes_the_scratch_of_a_killed_process_and_keeps_a_live_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    procs = [
        subprocess.Popen([sys.executable, "-c", _HOLD_SCRATCH, str(cache)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    try:
        folders = [Path(p.stdout.readline().strip()) for p in procs]  # type: ignore[union-attr]
        assert all(f.is_dir() for f in folders)
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait()
        assert scratch.sweep(cache) == 1
        assert not folders[0].exists() and folders[1].is_dir()
    finally:
        for p in procs:
            p.kill()
            p.wait()
            p.stdout.close()  # type: ignore[union-attr]


def test_sweep_removes_what_earlier_versions_left_beside_the_entries(tmp_path: Path) -> None:
    old = tmp_path / "pictures" / ".pending-abc-123"
    old.mkdir(parents=True)
    past = time.time() - 2 * scratch.ORPHAN_AGE
    os.utime(old, (past, past))
    fresh = tmp_path / "pictures" / ".work-new"
    fresh.mkdir()
    scratch.sweep(tmp_path)
    assert not old.exists() and fresh.exists()


def test_write_file_is_atomic_and_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "texts" / "x.json"
    scratch.write_file(tmp_path, target, b"data")
    assert target.read_bytes() == b"data"
    assert target.stat().st_mode & 0o044 == 0o044 & ~_umask()
    assert [p.name for p in (tmp_path / "tmp").rglob("*") if p.is_file() and p.name != scratch.OWNER_FILE] == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
