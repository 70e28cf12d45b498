"""ffmpeg and ffprobe: joining clips, probing them, writing files atomically."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import EnvironmentFailure, os_failure


class ToolMissing(EnvironmentFailure):
    """A program the pipeline needs is not installed; the message says how to install it."""


INSTALL_HINT = {
    "ffmpeg": "apt-get install ffmpeg",
    "ffprobe": "apt-get install ffmpeg",
    "latex": "apt-get install --no-install-recommends texlive-latex-base texlive-latex-recommended "
    "texlive-latex-extra texlive-fonts-recommended",
    "dvisvgm": "apt-get install --no-install-recommends dvisvgm",
}


def require(*tools: str) -> None:
    """Raise :class:`ToolMissing` naming the first missing tool and its install command."""
    for tool in tools:
        if shutil.which(tool) is None:
            raise ToolMissing(f"{tool} is not installed; install it with: {INSTALL_HINT.get(tool, tool)}")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    On failure (or interruption) the temporary file is removed and ``target``
    is left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_OS_MESSAGES = {
    "No space left on device": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "Permission denied": errno.EACCES,
    "Read-only file system": errno.EROFS,
}


def run_ffmpeg(args: Sequence[str]) -> None:
    """Run ffmpeg quietly; raise with its last error lines on failure.

    A failure of the machine (a full disk, a permission) is an
    :class:`EnvironmentFailure` naming the output file (the last argument).
    """
    require("ffmpeg")
    proc = subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        for text, code in _OS_MESSAGES.items():
            if text in proc.stderr:
                raise os_failure(OSError(code, text, str(args[-1])))
        raise RuntimeError(f"ffmpeg failed: {proc.stderr.strip()[-500:]}")


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's JSON description (format and streams) of a media file."""
    require("ffprobe")
    proc = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)
