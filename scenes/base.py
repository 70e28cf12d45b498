"""The lecture's scene: a sequence of beats, each a caption and its animations."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import cast

from manim import (
    DecimalNumber,
    Mobject,
    Scene,
    SingleStringMathTex,
    Text,
    VMobject,
    config,
)

from mathcore import LectureData
from scenes.data import DataView, default_data
from scenes.parts.style import BACKGROUND
from scenes.registry import spec_of_class
from scenes.speedups import install_shared_svg_paths
from scenes.timing import ReadingPace, TimingSource


@dataclass(frozen=True)
class Beat:
    """One beat as played: its stable id, caption, times in the clip (seconds) and description.

    ``id`` is the scene's name and a hash of the caption, so it stays the same
    while the sentence does. ``description`` says in words what the beat's last
    picture shows (the text alternative published as a descriptions track).
    """

    id: str
    scene: str
    text: str
    start: float
    end: float
    description: str = ""


@dataclass
class Snapshot:
    """What was on screen at the end of a beat (for tests and checks)."""

    beat: Beat
    texts: list[str] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def beat_id(scene: str, text: str) -> str:
    """``Scene-<8 hex>`` from the caption's text."""
    return f"{scene}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


def _visible(mob: Mobject) -> bool:
    if not isinstance(mob, VMobject):
        return True
    fill = mob.get_fill_opacity()
    stroke = mob.get_stroke_opacity() if mob.get_stroke_width() > 0 else 0
    return bool(mob.has_points()) and (fill > 0.01 or stroke > 0.01)


def _describe(mob: Mobject) -> str:
    if isinstance(mob, SingleStringMathTex):
        return f"{type(mob).__name__}({mob.tex_string!r})"
    if isinstance(mob, Text):
        return f"Text({mob.original_text!r})"
    return type(mob).__name__


class LectureScene(Scene):
    """Base of the lecture's scenes.

    A subclass writes ``construct`` as a sequence of beats::

        with self.beat("Five candies leave the bag, one at a time."):
            self.play(...)

    Each beat lasts at least as long as its caption takes to say (from the
    scene's :class:`~scenes.timing.TimingSource`), is emitted as a subcaption
    and is recorded in :attr:`beats`; what is on screen at its end is recorded
    in :attr:`snapshots`; :attr:`beat_listener`, when set, is called with each
    finished beat's index and end time (the render pipeline's progress display).

    Parameters
    ----------
    data
        The lecture's data; by default :func:`scenes.data.default_data`. The scene sees it
        through a :class:`~scenes.data.DataView`: it may read only the fields its entry in
        :mod:`scenes.registry` declares (a class outside the lecture reads none).
    timing
        The beats' minimum lengths; by default :class:`~scenes.timing.ReadingPace`.
    """

    def __init__(
        self,
        data: LectureData | None = None,
        timing: TimingSource | None = None,
        **kwargs: object,
    ) -> None:
        registered = spec_of_class(type(self))
        view = DataView(
            data if data is not None else default_data(),
            registered.name if registered is not None else type(self).__name__,
            registered.reads if registered is not None else (),
        )
        self.data = cast(LectureData, view)  # LectureData's interface, limited to the declared fields
        self.timing = timing if timing is not None else ReadingPace()
        self.beats: list[Beat] = []
        self.snapshots: list[Snapshot] = []
        self.beat_listener: Callable[[int, float], None] | None = None
        install_shared_svg_paths()
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND

    @contextmanager
    def beat(self, text: str, shows: str = "") -> Iterator[None]:
        """Play a beat: the animations inside, then a wait until ``text`` is said.

        ``shows`` describes, in words a screen reader can say, what is on screen when the
        beat ends: the formulas in speakable form and the values the picture holds,
        formatted from the same data as the picture.
        """
        name = type(self).__name__
        ident = beat_id(name, text)
        seen = sum(1 for b in self.beats if b.id.split("~")[0] == ident)
        if seen:
            ident = f"{ident}~{seen + 1}"
        start = self.time
        yield
        remaining = self.timing.seconds(ident, text) - (self.time - start)
        if remaining > 1e-6:
            # Whole frames, rounded up: manim would cut a partial frame and the beat would end early.
            # (The small excess keeps manim's int(duration / dt) from dropping the last frame.)
            frames = math.ceil(remaining * config.frame_rate - 1e-6)
            self.wait(frames / config.frame_rate + 1e-6)
        end = self.time
        self.add_subcaption(text, duration=end - start, offset=start - end)
        record = Beat(ident, name, text, start, end, shows)
        self.beats.append(record)
        self.snapshots.append(self._snapshot(record))
        if self.beat_listener is not None:
            self.beat_listener(len(self.beats) - 1, end)

    def _snapshot(self, record: Beat) -> Snapshot:
        snap = Snapshot(record)
        half_w = config.frame_width / 2 + 1e-3
        half_h = config.frame_height / 2 + 1e-3
        for top in self.mobjects:
            for mob in top.get_family():
                if isinstance(mob, SingleStringMathTex):
                    snap.texts.append(mob.tex_string)
                elif isinstance(mob, Text):
                    snap.texts.append(mob.original_text)
                elif isinstance(mob, DecimalNumber):
                    snap.numbers.append(float(mob.number))
                if not mob.has_points() or not _visible(mob):
                    continue
                x0, y0 = mob.get_corner([-1, -1, 0])[:2]
                x1, y1 = mob.get_corner([1, 1, 0])[:2]
                if x0 < -half_w or x1 > half_w or y0 < -half_h or y1 > half_h:
                    snap.outside.append(_describe(top))
                    break
        return snap
