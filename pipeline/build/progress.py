"""The build's progress on stderr: a live block on a terminal (rich), one line per change otherwise."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

_ACTIVE = ("queued", "rendering", "failed")


@dataclass
class SceneState:
    """What one scene is doing: queued, rendering (with beats done), failed, or how it ended."""

    name: str
    status: str = "queued"
    beat: int = 0
    seconds_rendered: float = 0.0
    expected: float | None = None
    started: float | None = None
    took: float = 0.0
    duration: float = 0.0
    error: str = ""

    def line(self) -> str:
        if self.status == "rendering":
            elapsed = time.monotonic() - (self.started or time.monotonic())
            share = f" {min(self.seconds_rendered / self.expected, 1.0):4.0%}" if self.expected else ""
            video = f"{self.seconds_rendered:5.1f} s of video"
            return f"{self.name:<20} rendering{share}  beat {self.beat}, {video}, {elapsed:5.1f} s"
        if self.status == "failed":
            return f"{self.name:<20} FAILED  {self.error}"
        if self.status not in _ACTIVE:
            took = f", took {self.took:.1f} s" if self.status.startswith(("rendered", "re-rendered")) else ""
            return f"{self.name:<20} {self.status}  {self.duration:5.1f} s of video{took}"
        return f"{self.name:<20} {self.status}"


class Progress:
    """Prints scene states. ``quiet`` prints nothing (the summary comes at the end)."""

    def __init__(self, names: list[str], quiet: bool = False, console: Console | None = None) -> None:
        self.states = {n: SceneState(n) for n in names}
        self.quiet = quiet
        self.console = console or Console(stderr=True, highlight=False)
        self._lock = threading.Lock()
        self._live: Live | None = None

    def _block(self) -> Group:
        with self._lock:
            return Group(*(Text(s.line(), no_wrap=True, overflow="ellipsis") for s in self.states.values()))

    def start(self) -> None:
        if self.console.is_terminal and not self.quiet:
            self._live = Live(get_renderable=self._block, console=self.console, refresh_per_second=2, transient=False)
            self._live.start()

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def update(self, name: str, **changes: object) -> None:
        with self._lock:
            state = self.states[name]
            old = state.status
            for key, value in changes.items():
                setattr(state, key, value)
            line = state.line() if state.status != old else None
        if line is not None and self._live is None and not self.quiet:
            self.console.print(line, markup=False, soft_wrap=True)
