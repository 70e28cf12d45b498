"""The shared store of compiled formulas (``<cache>/tex``), checked before each use.

Workers compile formulas into their private media folder and copy new SVGs
here; the next render links them in instead of compiling again. Each file
``<name>.svg`` has a record ``<name>.svg.sha256`` written before it; a file
whose record is missing or differs is not used (manim compiles the formula
again, and the next copy here replaces the damaged file).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from ..cache import entries, scratch

RECORD = ".sha256"


def _record(path: Path) -> Path:
    return path.with_name(path.name + RECORD)


def intact(path: Path) -> bool:
    """Does the file still have the content its record names?"""
    try:
        want = _record(path).read_text(encoding="ascii").strip()
        return entries.file_sha256(path) == want
    except (OSError, UnicodeDecodeError):
        return False


def put(cache_dir: Path, source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` with its record, each file atomically (record first)."""
    digest = entries.file_sha256(source)
    scratch.write_file(cache_dir, _record(target), (digest + "\n").encode("ascii"))
    scratch.write_file(cache_dir, target, source.read_bytes())


def link_into(shared: Path, private: Path) -> set[str]:
    """Make the intact shared SVGs visible in ``private``; return the names linked."""
    private.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()
    for svg in shared.glob("*.svg") if shared.is_dir() else ():
        if not intact(svg):
            continue
        try:
            os.link(svg, private / svg.name)
        except OSError:
            shutil.copyfile(svg, private / svg.name)
        names.add(svg.name)
    return names


def publish_from(cache_dir: Path, private: Path, shared: Path, known: set[str]) -> None:
    """Copy the SVGs compiled in ``private`` (not linked from the store) into the store."""
    shared.mkdir(parents=True, exist_ok=True)
    for svg in private.glob("*.svg"):
        if svg.name in known or intact(shared / svg.name):
            continue
        with contextlib.suppress(FileNotFoundError):
            put(cache_dir, svg, shared / svg.name)
