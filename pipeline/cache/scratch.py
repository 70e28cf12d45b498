"""Scratch folders in the cache: temporary work of one process, swept when the process is gone.

Temporary work goes into ``tmp/<pid>-<random>/`` in the cache, one folder per
process, held by a lock on its ``.owner`` file for the life of the process.
:func:`sweep` removes the folders whose owner is gone (killed builds leave
theirs), so scratch never piles up, even when several builds share a cache.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .entries import write_atomic

OWNER_FILE = ".owner"

_mine: dict[Path, tuple[Path, int]] = {}


def scratch_root(cache_dir: Path) -> Path:
    return cache_dir / "tmp"


def scratch(cache_dir: Path) -> Path:
    """This process's scratch folder in ``cache_dir`` (made on first use, removed at exit)."""
    key = cache_dir.resolve()
    if key in _mine and _mine[key][0].is_dir():
        return _mine[key][0]
    root = scratch_root(cache_dir)
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    fd = os.open(folder / OWNER_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _mine[key] = (folder, fd)
    return folder


@contextlib.contextmanager
def work_folder(cache_dir: Path, prefix: str) -> Iterator[Path]:
    """A fresh folder inside this process's scratch, removed afterwards whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=scratch(cache_dir)))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_file(cache_dir: Path, target: Path, data: bytes) -> None:
    """Write a single cache file atomically, its temporary copy in this process's scratch."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data, scratch(cache_dir))


@atexit.register
def _release() -> None:
    for folder, fd in list(_mine.values()):
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.close(fd)
    _mine.clear()


ORPHAN_AGE = 60.0
"""A scratch folder without an owner file is left alone this many seconds (it may be being made)."""

_LEGACY = ("pictures", "clips", "lectures", "texts")


def sweep(cache_dir: Path) -> int:
    """Remove scratch folders whose process is gone; return how many were removed.

    A read-only cache is left as it is.
    """
    removed = 0
    root = scratch_root(cache_dir)
    for folder in _listing(root):
        if _owner_gone(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    # What earlier versions left beside the entries: ``.pending-*``, ``.work-*``, ``.tmp-*``, job files.
    old = [p for kind in _LEGACY for p in _listing(cache_dir / kind) if p.name.startswith(".")]
    for path in old + _listing(cache_dir / "jobs"):
        with contextlib.suppress(OSError):
            if time.time() - path.lstat().st_mtime > ORPHAN_AGE:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed += 1
    return removed


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _owner_gone(folder: Path) -> bool:
    try:
        fd = os.open(folder / OWNER_FILE, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        try:
            return time.time() - folder.lstat().st_mtime > ORPHAN_AGE
        except OSError:
            return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True
