"""The cache's size: what it holds, a cap, and trimming the least recently used entries.

The cap is 2 GB unless ``LECTURE_CACHE_MAX`` (or ``--cache-max``) says
otherwise (``500M``, ``2G``, ``10G``, or bytes). After a build that wrote to
the cache, the least recently used entries are removed until the cache fits;
an entry the build used (its last use is after the build began) is never
removed. Compiled formulas (``tex/``) are small and shared by every lecture:
they are counted, and removed only by ``render.py cache --clear``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from . import scratch

CAP_ENV = "LECTURE_CACHE_MAX"
DEFAULT_CAP = 2 * 1000**3
KINDS = ("pictures", "clips", "lectures", "audio/speech", "audio/recordings")
"""Folders of entries (each a folder with an ``entry.json``), the ones pruning removes."""

_UNITS = {"": 1, "K": 1000, "M": 1000**2, "G": 1000**3, "T": 1000**4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)B?\s*$", re.IGNORECASE)


def parse_size(text: str, what: str = CAP_ENV) -> int:
    """``2G``, ``500M``, ``1.5G`` or a number of bytes."""
    match = _SIZE.match(text)
    if not match:
        raise UsageError(f"{what} = {text[:40]!r}: a size such as 500M, 2G or 10G (bytes without a unit)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def default_cap() -> int:
    text = os.environ.get(CAP_ENV)
    return parse_size(text) if text else DEFAULT_CAP


def human(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"


def _tree_size(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


@dataclass(frozen=True)
class Entry:
    """One entry folder: its kind, size and last use."""

    path: Path
    kind: str
    size: int
    used: float


def entries(cache_dir: Path) -> list[Entry]:
    """Every entry of the prunable kinds."""
    found = []
    for kind in KINDS:
        folder = cache_dir / kind
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.is_dir() and not path.name.startswith("."):
                try:
                    used = path.stat().st_mtime
                except OSError:
                    continue
                found.append(Entry(path, kind, _tree_size(path), used))
    return found


@dataclass(frozen=True)
class Usage:
    """What the cache holds: its size by kind of entry, everything else, and the cap."""

    path: Path
    by_kind: dict[str, tuple[int, int]]
    other: int
    cap: int

    @property
    def total(self) -> int:
        return sum(size for _, size in self.by_kind.values()) + self.other

    def report(self) -> str:
        lines = [f"cache: {self.path}", f"size:  {human(self.total)} of a {human(self.cap)} cap ({CAP_ENV})"]
        for kind, (count, size) in self.by_kind.items():
            lines.append(f"  {kind:<18} {count:5d} entries  {human(size):>9}")
        lines.append(f"  {'other (tex, texts)':<18} {'':13} {human(self.other):>9}")
        return "\n".join(lines)


def usage(cache_dir: Path, cap: int) -> Usage:
    listed = entries(cache_dir)
    by_kind = {k: (sum(1 for e in listed if e.kind == k), sum(e.size for e in listed if e.kind == k)) for k in KINDS}
    total = _tree_size(cache_dir) if cache_dir.is_dir() else 0
    return Usage(cache_dir, by_kind, max(total - sum(e.size for e in listed), 0), cap)


@dataclass(frozen=True)
class Pruned:
    removed: int
    freed: int
    size: int


def prune(cache_dir: Path, cap: int, protect_since: float | None = None) -> Pruned:
    """Remove least recently used entries until the cache is within ``cap``.

    Entries used at or after ``protect_since`` (the current build's) are kept
    even when the cache stays over the cap.
    """
    scratch.sweep(cache_dir)
    listed = sorted(entries(cache_dir), key=lambda e: e.used)
    size = _tree_size(cache_dir)
    removed = freed = 0
    for entry in listed:
        if size <= cap:
            break
        if protect_since is not None and entry.used >= protect_since:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        size -= entry.size
        freed += entry.size
        removed += 1
    return Pruned(removed, freed, size)


def clear(cache_dir: Path) -> int:
    """Empty the cache (keeping the folder); return the bytes freed."""
    size = _tree_size(cache_dir) if cache_dir.is_dir() else 0
    for path in cache_dir.iterdir() if cache_dir.is_dir() else ():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    return size
