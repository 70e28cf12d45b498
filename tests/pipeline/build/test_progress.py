"""Progress: one line per change when not on a terminal, nothing when quiet."""

from __future__ import annotations

import io

from rich.console import Console

from pipeline.build.progress import Progress


def _console(buffer: io.StringIO) -> Console:
    return Console(file=buffer, force_terminal=False, width=200)


def test_off_a_terminal_each_change_of_state_is_one_line() -> None:
    out = io.StringIO()
    progress = Progress(["Title", "Recap"], console=_console(out))
    progress.start()
    progress.update("Title", status="rendering", started=0.0)
    progress.update("Title", beat=2, seconds_rendered=4.0)  # no change of state: no line
    progress.update("Title", status="rendered", duration=12.6, took=3.3)
    progress.update("Recap", status="cached", duration=58.5)
    progress.stop()
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Title") and "rendering" in lines[0]
    assert lines[1].split() == ["Title", "rendered", "12.6", "s", "of", "video,", "took", "3.3", "s"]
    assert lines[2].split()[:2] == ["Recap", "cached"]


def test_quiet_prints_nothing() -> None:
    out = io.StringIO()
    progress = Progress(["Title"], quiet=True, console=_console(out))
    progress.start()
    progress.update("Title", status="failed", error="boom")
    progress.stop()
    assert out.getvalue() == ""
