"""The one place that runs the programs the lecture needs: ffmpeg, ffprobe, flite, espeak-ng,
latex, dvisvgm, fc-match.

Every call goes through :func:`run`. A program that is not installed is a
:class:`ToolMissing` naming the command that installs it; a program that fails
is a :class:`ToolError` with its last error lines; a failure of the machine
while it writes (a full disk, a permission) is an :class:`EnvironmentFailure`
naming the file it was writing.
"""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import EnvironmentFailure, os_failure

_TEX = "texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended"
INSTALL_HINT = {
    "ffmpeg": "apt-get install ffmpeg",
    "ffprobe": "apt-get install ffmpeg",
    "latex": f"apt-get install --no-install-recommends {_TEX}",
    "dvisvgm": "apt-get install --no-install-recommends dvisvgm",
    "flite": "apt-get install flite",
    "espeak-ng": "apt-get install espeak-ng",
    "fc-match": "apt-get install fontconfig",
}


class ToolMissing(EnvironmentFailure):
    """A program the pipeline needs is not installed; the message says how to install it."""


class ToolError(RuntimeError):
    """A program failed; the message names it and carries its last error lines. Exit status 1."""

    exit_status = 1

    def __init__(self, program: str, detail: str) -> None:
        super().__init__(f"{program} failed: {detail}")
        self.program = program
        self.detail = detail


def require(*programs: str) -> None:
    """Raise :class:`ToolMissing` naming the first missing program and its install command."""
    for program in programs:
        if shutil.which(program) is None:
            raise ToolMissing(f"{program} is not installed; install it with: {INSTALL_HINT.get(program, program)}")


_OS_MESSAGES = {
    "No space left on device": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "Permission denied": errno.EACCES,
    "Read-only file system": errno.EROFS,
}


def run(
    command: Sequence[str | Path],
    *,
    writes: Path | None = None,
    cwd: Path | None = None,
    check: bool = True,
    binary: bool = False,
) -> subprocess.CompletedProcess[Any]:
    """Run ``command`` and capture its output.

    ``writes``: the file it writes, named when the machine stops it (a full
    disk). With ``check``, a non-zero exit raises :class:`ToolError`.
    """
    program = str(command[0])
    require(program)
    proc = subprocess.run([str(c) for c in command], capture_output=True, text=not binary, cwd=cwd, check=False)
    if not check:
        return proc
    stderr = proc.stderr.decode(errors="replace") if binary else proc.stderr
    # ffmpeg can exit with status 0 after "Error writing trailer ...: No space left on device".
    for text, code in _OS_MESSAGES.items():
        if text in stderr:
            raise os_failure(OSError(code, text, str(writes) if writes else None))
    if proc.returncode != 0:
        raise ToolError(program, stderr.strip()[-500:] or f"exit status {proc.returncode}")
    return proc


def ffmpeg(*args: str | Path, writes: Path | None = None) -> None:
    """ffmpeg, quiet; ``writes`` is its output file (by default the last argument)."""
    target = writes if writes is not None else Path(args[-1])
    run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args], writes=target)


def probe(path: Path) -> dict[str, Any]:
    """ffprobe's JSON description (format and streams) of a media file."""
    proc = run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path])
    return json.loads(proc.stdout)


def duration(path: Path) -> float | None:
    """Seconds of media in a file, from its header; None if ffprobe cannot read it."""
    proc = run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path], check=False)
    try:
        return float(proc.stdout.strip())
    except ValueError:
        return None


def first_line(*command: str) -> str:
    """The first line a program prints (its version, say); ``none`` if it is missing or prints nothing."""
    try:
        out = subprocess.run(list(command), capture_output=True, text=True, check=False, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "none"
    return out.splitlines()[0].strip() if out.strip() else "none"
