"""What can stop a command, each as one line for the user, and the exit status it gets.

- :class:`UsageError` (status 2): the user's input cannot be used: a config
  value, an option, a missing recording, an output folder we may not write.
- :class:`EnvironmentFailure` (status 1): the machine is in the way: a full
  disk, a permission, a read-only folder, a missing program, a killed worker.
- :class:`RenderFailure` (status 1): a scene failed to render.

An :class:`OSError` that reaches the command line is an environment failure;
:func:`os_failure` says what it means and what to do, naming the path.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

SHOWN_CHARS = 80
"""At most this many characters of a user's value are quoted in an error line."""


class UsageError(ValueError):
    """Input the lecture cannot use; exit status 2."""

    exit_status = 2


class EnvironmentFailure(RuntimeError):
    """The machine stops the build (disk, permissions, a program, a killed process); exit status 1."""

    exit_status = 1


class RenderFailure(RuntimeError):
    """A scene failed to render; exit status 1."""

    exit_status = 1


def quoted(value: object, limit: int = SHOWN_CHARS) -> str:
    """``repr(value)`` cut to about ``limit`` characters, so a huge value gives a short line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to about ``limit`` characters (for keys and names shown without quotes)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


_ADVICE = {
    errno.ENOSPC: "no space left on the device; free some space or choose a folder on another disk",
    errno.EDQUOT: "the disk quota is used up; free some space or choose a folder on another disk",
    errno.EACCES: "permission denied; change the folder's permissions or choose another folder",
    errno.EPERM: "operation not permitted; change the folder's permissions or choose another folder",
    errno.EROFS: "the file system is read-only; choose a writable folder",
    errno.ENOTDIR: "a part of this path is a file, not a folder; choose another path",
    errno.EISDIR: "this is a folder where a file was expected; move it away or choose another path",
    errno.ENAMETOOLONG: "the path is too long; choose a shorter one",
    errno.EIO: "input/output error; check the disk",
    errno.EXDEV: "this folder is on another file system than its parent (a mount point); choose a folder inside it",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) and try again",
    errno.ENOMEM: "out of memory; close other programs or render fewer scenes at once (--jobs 1)",
}


def os_failure(err: OSError, path: Path | str | None = None) -> EnvironmentFailure:
    """An :class:`EnvironmentFailure` for ``err``, naming its path (or ``path``) and what to do."""
    where = err.filename if err.filename is not None else path
    advice = _ADVICE.get(err.errno or 0) or (err.strerror or str(err)).lower()
    prefix = f"{where}: " if where is not None else ""
    return EnvironmentFailure(f"{prefix}{advice}")


@contextlib.contextmanager
def about(path: Path) -> Iterator[None]:
    """Name ``path`` in an :class:`OSError` that names no file (a write to a full disk names none)."""
    try:
        yield
    except OSError as err:
        if err.filename is None:
            err.filename = str(path)
        raise
