"""The build's progress display: one line per scene, and the summary at the end."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class SceneState:
    """What one scene is doing: queued, rendering (with beats done), cached, done or failed."""

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
            share = ""
            if self.expected:
                share = f" {min(self.seconds_rendered / self.expected, 1.0):4.0%}"
            video = f"{self.seconds_rendered:5.1f} s of video"
            return f"{self.name:<20} rendering{share}  beat {self.beat}, {video}, {elapsed:5.1f} s"
        if self.status not in ("queued", "rendering", "failed"):
            took = f", took {self.took:.1f} s" if self.status.startswith(("rendered", "re-rendered")) else ""
            return f"{self.name:<20} {self.status}  {self.duration:5.1f} s of video{took}"
        if self.status == "failed":
            return f"{self.name:<20} FAILED  {self.error}"
        return f"{self.name:<20} {self.status}"


@dataclass
class Progress:
    """Prints scene states: a live block on a terminal, one line per change otherwise."""

    names: list[str]
    quiet: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)

    def __post_init__(self) -> None:
        self.states = {n: SceneState(n) for n in self.names}
        self._lock = threading.Lock()
        self._live = self.stream.isatty() and not self.quiet
        self._drawn = 0
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def start(self) -> None:
        if self._live:
            self._draw()
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self._draw()

    def stop(self) -> None:
        self._stop.set()
        if self._ticker:
            self._ticker.join()
        if self._live:
            self._draw()

    def update(self, name: str, **changes: object) -> None:
        with self._lock:
            state = self.states[name]
            old = state.status
            for key, value in changes.items():
                setattr(state, key, value)
            changed = state.status != old
        if not self._live and not self.quiet and changed:
            self.stream.write(state.line() + "\n")
            self.stream.flush()

    def _draw(self) -> None:
        with self._lock:
            lines = [s.line() for s in self.states.values()]
            up = f"\x1b[{self._drawn}F" if self._drawn else ""
            self.stream.write(up + "".join(f"\x1b[2K{line}\n" for line in lines))
            self.stream.flush()
            self._drawn = len(lines)
