"""Cache entries: folders written whole and checked before reuse.

An entry is a folder (``pictures/<key>/``, ``clips/<key>/``, ``lectures/<key>/``,
``speech/<key>/`` ...) that is written in a scratch folder, sealed and renamed
into place in one step, so it is either complete or absent. Sealing records in
``entry.json`` each file's size and SHA-256, and the stat it had (mtime, ctime,
inode). :func:`check` compares the folder with that record before the entry is
reused: a missing, extra or changed file makes the entry damaged. A file whose
size and stat are unchanged is trusted without reading it (ctime cannot be set
back by a user's tools, and any write changes it); otherwise it is hashed in
full. The entry folder's mtime is its last use, for pruning the least recently
used (:mod:`pipeline.cache.limit`). Entries are made in a scratch folder
(:mod:`pipeline.cache.scratch`) on the same file system, so the rename is atomic.
"""

from __future__ import annotations

import contextlib
import ctypes
import enum
import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()
ENTRY_FILE = "entry.json"
_CHUNK = 1 << 20


class State(enum.Enum):
    """What :func:`check` found."""

    VALID = "valid"
    MISSING = "missing"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class Verdict:
    """The result of checking an entry: its state, why it is damaged, and its recorded metadata."""

    state: State
    reason: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def sha256(self, name: str) -> str:
        """The recorded digest of one of the entry's files."""
        return str(self.files[name]["sha256"])

    @property
    def valid(self) -> bool:
        return self.state is State.VALID


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stat_record(st: os.stat_result) -> list[int]:
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _entry_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name != ENTRY_FILE)


def seal(folder: Path, meta: Mapping[str, Any] | None = None) -> None:
    """Record every file of the complete entry ``folder`` in its ``entry.json``."""
    files = {}
    for path in _entry_files(folder):
        if not path.is_file() or path.is_symlink():
            raise ValueError(f"{path}: an entry holds regular files only")
        st = path.stat()
        files[path.name] = {"size": st.st_size, "sha256": file_sha256(path), "stat": _stat_record(st)}
    record = {"meta": dict(meta or {}), "files": files}
    (folder / ENTRY_FILE).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def _read_record(folder: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((folder / ENTRY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        return None
    return record


def check(folder: Path) -> Verdict:
    """Is the entry ``folder`` as it was sealed? Cheap when nothing changed (stat only)."""
    if not folder.is_dir():
        return Verdict(State.MISSING)
    record = _read_record(folder)
    if record is None:
        return Verdict(State.DAMAGED, f"{ENTRY_FILE} missing or unreadable")
    files: dict[str, Any] = record["files"]
    try:
        present = {p.name for p in _entry_files(folder)}
    except OSError as err:
        return Verdict(State.DAMAGED, f"cannot be listed ({err.strerror})")
    if present != set(files):
        extra, gone = sorted(present - set(files)), sorted(set(files) - present)
        return Verdict(State.DAMAGED, f"missing {gone[0]}" if gone else f"extra file {extra[0]}")
    rehashed = False
    for name, want in files.items():
        path = folder / name
        try:
            st = path.stat()
            if st.st_size != want.get("size"):
                return Verdict(State.DAMAGED, f"{name} changed size")
            if _stat_record(st) == want.get("stat"):
                continue
            if file_sha256(path) != want.get("sha256"):
                return Verdict(State.DAMAGED, f"{name} changed")
        except OSError as err:
            return Verdict(State.DAMAGED, f"{name} unreadable ({err.strerror})")
        want["stat"] = _stat_record(st)
        rehashed = True
    if rehashed:
        # The content is right but the stat changed (a copied cache, a restored backup):
        # remember the new stat so the next check is cheap again.
        with contextlib.suppress(OSError):
            write_atomic(folder / ENTRY_FILE, json.dumps(record, indent=1, sort_keys=True).encode())
    return Verdict(State.VALID, meta=record.get("meta") or {}, files=files)


def write_atomic(target: Path, data: bytes, scratch_dir: Path | None = None) -> None:
    """Write ``data`` to a temporary file (in ``scratch_dir``, else beside ``target``), then rename it."""
    fd, name = tempfile.mkstemp(prefix=".tmp-", dir=scratch_dir or target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(name, _FILE_MODE)
        os.replace(name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def mark_used(folder: Path) -> None:
    """Note that an entry was used now (its folder's mtime orders pruning); a read-only cache is fine."""
    with contextlib.suppress(OSError):
        os.utime(folder)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``).

    Returns False where the system or file system cannot (then nothing moved).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def commit(staged: Path, target: Path, replace: bool = False) -> None:
    """Put the sealed entry ``staged`` at ``target`` in one step.

    An existing ``target`` is kept (it is the same entry, made by someone else
    meanwhile) unless ``replace`` (``--force``, or the existing one is damaged):
    then the two are swapped atomically and the old one is removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(staged, target)
        return
    except OSError as err:
        if err.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
    if not replace and check(target).valid:
        shutil.rmtree(staged, ignore_errors=True)
        return
    if not exchange(staged, target):
        old = staged.with_name(staged.name + ".old")
        os.rename(target, old)
        os.rename(staged, target)
        staged = old
    shutil.rmtree(staged, ignore_errors=True)
