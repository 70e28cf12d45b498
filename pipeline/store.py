"""The render cache's storage: entries written whole and checked before reuse, and scratch folders.

Entries
-------
An entry is a folder (``pictures/<key>/``, ``clips/<key>/``, ``lectures/<key>/``,
``speech/<key>/`` ...) that is written in a scratch folder, sealed and renamed
into place in one step, so it is either complete or absent. Sealing records in
``entry.json`` each file's size and SHA-256, and the stat it had (mtime, ctime,
inode). :func:`check` compares the folder with that record before the entry is
reused: a missing, extra or changed file makes the entry damaged. A file whose
size and stat are unchanged is trusted without reading it (ctime cannot be set
back by a user's tools, and any write changes it); otherwise it is hashed in
full. The entry folder's mtime is its last use, for pruning the least recently
used (:mod:`pipeline.prune`).

Scratch
-------
Temporary work goes into ``tmp/<pid>-<random>/`` in the cache, one folder per
process, held by a lock on its ``.owner`` file for the life of the process.
:func:`sweep` removes the folders whose owner is gone (killed builds leave
theirs), so scratch never piles up, even when several builds share a cache.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import enum
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()
ENTRY_FILE = "entry.json"
OWNER_FILE = ".owner"
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
            _write_atomic(folder / ENTRY_FILE, json.dumps(record, indent=1, sort_keys=True).encode())
    return Verdict(State.VALID, meta=record.get("meta") or {}, files=files)


def _write_atomic(target: Path, data: bytes, scratch_dir: Path | None = None) -> None:
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


# --- scratch -------------------------------------------------------------------------------------

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
    _write_atomic(target, data, scratch(cache_dir))


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
