"""The output folder: which folders a build may write, which files it may replace, and the swap.

A build writes only into an empty or new folder, or into one that holds a
previous build (recognised by its ``manifest.json``, which lists every file
that build wrote). It never removes a file that no manifest lists: a teacher's
own files in the folder are carried over into the new site. Folders of the
project's own source, the cache, and the folders above the project are refused.

The new site is assembled in a sibling folder (``.<name>.staging-*``) and
swapped with the old one in one atomic step (``renameat2`` with
``RENAME_EXCHANGE``), so a kill at any moment leaves the old site or the new
one, never a mix. Leftovers of killed builds are removed by the next build.

Files are copies of the cache's (or a reflink, where the file system can), so
editing a published file never touches the cache. A file the previous build
published with the same content, untouched since (same size, mtime and inode,
recorded in ``.build-state.json``), is linked from the old site instead of
copied: an unchanged re-run costs no copying.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..cache.entries import exchange
from ..contracts import Manifest
from ..errors import UsageError, about

MANIFEST = "manifest.json"
LOCK = ".build.lock"
STATE = ".build-state.json"
GENERATOR = "candy-lecture"
_OURS = (LOCK, STATE)
_SOURCE_SUFFIXES = (".py", ".sh", ".pot", ".toml")


@dataclass(frozen=True)
class Previous:
    """What a previous build left in the folder: its files' digests and their stat when published."""

    files: dict[str, str] = field(default_factory=dict)
    stats: dict[str, list[int]] = field(default_factory=dict)


def _is_source_dir(path: Path) -> bool:
    if path.name.startswith("."):
        return True
    try:
        return any(p.suffix in _SOURCE_SUFFIXES for p in path.iterdir() if p.is_file())
    except OSError:
        return True


def place_refusal(out_dir: Path, project: Path, cache_dir: Path) -> str | None:
    """Why nothing of ours may go into ``out_dir`` (the project, its source, the cache, a file), or None."""
    out = out_dir.resolve()
    root = project.resolve()
    cache = cache_dir.resolve()
    if out == root or out in root.parents:
        return "is the project's folder or holds it; choose a folder of its own, e.g. --out output"
    if root in out.parents:
        top = root / out.relative_to(root).parts[0]
        if top.is_dir() and _is_source_dir(top):
            return f"is inside the project's source ({top.name}/); choose another folder, e.g. --out output"
    if out == cache or cache in out.parents or out in cache.parents:
        return "is the render cache or holds it; choose another folder"
    if out.exists() and not out.is_dir():
        return "is a file, not a folder"
    return None


def refusal(out_dir: Path, project: Path, cache_dir: Path) -> str | None:
    """Why a build must not write into ``out_dir``, or None when it may."""
    reason = place_refusal(out_dir, project, cache_dir)
    if reason:
        return reason
    out = out_dir.resolve()
    if out.is_dir() and previous_build(out) is None:
        try:
            foreign = [p.name for p in out.iterdir() if p.name not in _OURS]
        except OSError:
            return None  # unreadable: writing will say why, as an environment failure
        if foreign:
            return (
                f"holds files that no lecture build wrote (e.g. {foreign[0]}); "
                "choose an empty or new folder, or one a previous build wrote"
            )
    return None


def _legacy_files(manifest: dict[str, Any]) -> dict[str, str]:
    """The files a manifest of an earlier version lists (it had no ``files`` table)."""
    lecture = manifest.get("lecture") or {}
    names = [v for k, v in lecture.items() if k != "duration_s" and isinstance(v, str)]
    for scene in manifest.get("scenes") or []:
        names += [scene[k] for k in ("video", "captions", "poster") if isinstance(scene.get(k), str)]
    return dict.fromkeys(names, "")


def previous_build(out_dir: Path) -> Previous | None:
    """The previous build in ``out_dir``, or None if its manifest is not one of ours."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    if manifest.get("generator") == GENERATOR and isinstance(manifest.get("files"), dict):
        files = {str(k): str((v or {}).get("sha256", "")) for k, v in manifest["files"].items()}
    elif isinstance(manifest.get("scenes"), list) and isinstance(manifest.get("lecture"), dict):
        files = _legacy_files(manifest)
    else:
        return None
    files = {k: v for k, v in files.items() if _inside(k)}
    files[MANIFEST] = ""
    try:
        stats = json.loads((out_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stats = {}
    return Previous(files, stats if isinstance(stats, dict) else {})


def _inside(rel: str) -> bool:
    path = Path(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts


def check_writable(out_dir: Path, project: Path, cache_dir: Path) -> None:
    """Raise :class:`UsageError` (one line) when the build may not write into ``out_dir``."""
    reason = refusal(out_dir, project, cache_dir)
    if reason:
        raise UsageError(f"--out {out_dir}: {reason}")


# --- the lock ------------------------------------------------------------------------------------


class OutputLock:
    """``OUT/.build.lock``, held for the build; a second build into the folder gets a clear error.

    The lock file travels with the site: the new site's lock is taken before
    the swap, so the folder at ``OUT`` is locked at every moment.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self._fds: list[int] = []

    def __enter__(self) -> OutputLock:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.out_dir / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
                os.close(fd)
                raise UsageError(
                    f"another build is writing to {self.out_dir} ({holder}); wait for it or use another --out"
                ) from None
            # The folder may have been swapped while we waited: hold the lock of the one at OUT.
            if os.fstat(fd).st_ino == os.stat(self.out_dir / LOCK).st_ino:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        self._fds.append(fd)
        return self

    def adopt(self, path: Path) -> None:
        """Take the lock of the new site's lock file ``path`` too (before it is swapped in)."""
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, f"pid {os.getpid()}".encode())
        self._fds.append(fd)

    def __exit__(self, *exc: object) -> None:
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.close(fd)
        self._fds.clear()


# --- staging and the swap ------------------------------------------------------------------------


def _siblings(out_dir: Path, kind: str) -> list[Path]:
    return list(out_dir.parent.glob(f".{out_dir.name}.{kind}-*"))


def sweep_leftovers(out_dir: Path) -> None:
    """Remove what killed builds left beside ``out_dir`` (call with the folder's lock held)."""
    out_dir = out_dir.resolve()
    for path in _siblings(out_dir, "staging") + _siblings(out_dir, "old"):
        shutil.rmtree(path, ignore_errors=True)


def _clone(source: Path, target: Path) -> None:
    """A copy of ``source`` sharing no storage that can change: a reflink where possible, else a copy."""
    ficlone = 0x40049409
    with source.open("rb") as src, target.open("wb") as dst:
        try:
            fcntl.ioctl(dst.fileno(), ficlone, src.fileno())
            return
        except OSError:
            pass
        shutil.copyfileobj(src, dst, 1 << 20)


class Staging:
    """The new site, assembled beside ``out_dir``; :meth:`publish` swaps it in."""

    def __init__(self, out_dir: Path, previous: Previous | None) -> None:
        self.out_dir = out_dir.resolve()  # a link to the site's folder: swap the folder, not the link
        self.previous = previous
        self.folder = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
        self.files: dict[str, dict[str, Any]] = {}
        self.linked = 0
        self.copied = 0

    def _target(self, rel: str) -> Path:
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _unchanged_old(self, rel: str, sha256: str) -> Path | None:
        """The previous site's file ``rel`` if it has this content and was not touched since."""
        if self.previous is None or not sha256 or self.previous.files.get(rel) != sha256:
            return None
        old = self.out_dir / rel
        try:
            st = old.stat()
        except OSError:
            return None
        if self.previous.stats.get(rel) != [st.st_size, st.st_mtime_ns, st.st_ino]:
            return None
        return old

    def copy(self, rel: str, source: Path, sha256: str) -> None:
        """Publish the cache file ``source`` (whose content has ``sha256``) as ``rel``."""
        with about(self.out_dir / rel):
            self._copy(rel, source, sha256)

    def _copy(self, rel: str, source: Path, sha256: str) -> None:
        target = self._target(rel)
        old = self._unchanged_old(rel, sha256)
        if old is not None:
            try:
                os.link(old, target)
                self.linked += 1
            except OSError:
                old = None
        if old is None:
            _clone(source, target)
            self.copied += 1
        self.files[rel] = {"sha256": sha256, "bytes": target.stat().st_size}

    def write(self, rel: str, content: str | bytes) -> None:
        """Publish generated content as ``rel``."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        with about(self.out_dir / rel):
            self._target(rel).write_bytes(data)
        self.files[rel] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}

    def create(self, rel: str, fill: Callable[[BinaryIO], None]) -> Path:
        """Publish as ``rel`` the file that ``fill`` writes into the open handle; return its staged path.

        For generated files too big to hold in memory (a package of the site): the
        file is written inside the staging, so it is swapped in with the rest or not at all.
        """
        with about(self.out_dir / rel):
            target = self._target(rel)
            with target.open("wb") as handle:
                fill(handle)
            digest = hashlib.sha256()
            with target.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        self.files[rel] = {"sha256": digest.hexdigest(), "bytes": target.stat().st_size}
        return target

    def _carry_teachers_files(self) -> None:
        """Link every file of the old site that no manifest lists (and its empty folders) into the new one."""
        if not self.out_dir.is_dir():
            return
        ours = set(self.previous.files) if self.previous else set()
        for root, dirs, files in os.walk(self.out_dir):
            here = Path(root)
            for name in files + [d for d in dirs if (here / d).is_symlink()]:
                path = here / name
                rel = path.relative_to(self.out_dir).as_posix()
                if rel in ours or rel in _OURS:
                    continue
                if rel in self.files:
                    raise UsageError(
                        f"--out {self.out_dir}: {rel} was not written by a lecture build and the new build "
                        "writes a file of that name; move it away and run again"
                    )
                target = self._target(rel)
                if path.is_symlink():
                    os.symlink(os.readlink(path), target)
                else:
                    os.link(path, target)
            if not dirs and not files and here != self.out_dir:
                (self.folder / here.relative_to(self.out_dir)).mkdir(parents=True, exist_ok=True)

    def publish(self, manifest: Manifest | dict[str, Any], lock: OutputLock) -> None:
        """Write the manifest and the stat record, then swap the new site in (one atomic step)."""
        fields = manifest.to_json() if isinstance(manifest, Manifest) else manifest
        record = {"generator": GENERATOR, **fields, "files": dict(sorted(self.files.items()))}
        self.write(MANIFEST, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        del self.files[MANIFEST]
        self._carry_teachers_files()
        stats = {}
        for rel in [*self.files, MANIFEST]:
            st = (self.folder / rel).stat()
            stats[rel] = [st.st_size, st.st_mtime_ns, st.st_ino]
        (self.folder / STATE).write_text(json.dumps(stats, indent=0, sort_keys=True), encoding="utf-8")
        lock.adopt(self.folder / LOCK)
        try:  # the new folder gets the old one's permissions (a web server's group, say)
            self.folder.chmod(self.out_dir.stat().st_mode & 0o7777)
        except FileNotFoundError:
            self.folder.chmod(0o777 & ~_umask())
        if not self.out_dir.exists():
            os.rename(self.folder, self.out_dir)
            return
        if not exchange(self.folder, self.out_dir):
            # No atomic swap here (an old kernel, a network file system): two renames.
            old = self.folder.with_name(self.folder.name.replace(".staging-", ".old-"))
            os.rename(self.out_dir, old)
            os.rename(self.folder, self.out_dir)
            self.folder = old
        shutil.rmtree(self.folder, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def staging(out_dir: Path, previous: Previous | None) -> Iterator[Staging]:
    """A :class:`Staging` that is removed unless it was published."""
    stage = Staging(out_dir, previous)
    try:
        yield stage
    finally:
        stage.discard()
