"""A plot drawn by hand: a screen rectangle (:class:`Box`), the map from values into it
(:class:`Plot`), its axes, smooth curves through screen points, and markers on it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Circle, Dot, Line, MathTex, VGroup, VMobject, config

from scenes.parts.style import BACKGROUND, FORMULA, FRAME_MARGIN, MUTED

PEAK_FRACTION = 0.84
"""Height of a curve's maximum as a fraction of the plot's height."""

DOT_RADIUS = 0.085
"""Radius of a marker on a plot."""


@dataclass(frozen=True)
class Box:
    """A screen rectangle (scene units)."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def padded(self, pad: float) -> Box:
        return Box(self.left - pad, self.bottom - pad, self.right + pad, self.top + pad)

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left or other.right <= self.left or self.top <= other.bottom or other.top <= self.bottom
        )

    def inside(self, other: Box) -> bool:
        return (
            self.left >= other.left
            and self.right <= other.right
            and self.bottom >= other.bottom
            and self.top <= other.top
        )

    def hits(self, points: np.ndarray) -> bool:
        """True when any of ``points`` (n x 3) lies in the box."""
        if len(points) == 0:
            return False
        xs, ys = points[:, 0], points[:, 1]
        mask = (xs >= self.left) & (xs <= self.right) & (ys >= self.bottom) & (ys <= self.top)
        return bool(mask.any())

    @staticmethod
    def around(center: np.ndarray, width: float, height: float) -> Box:
        return Box(center[0] - width / 2, center[1] - height / 2, center[0] + width / 2, center[1] + height / 2)

    @staticmethod
    def of(mob: VMobject) -> Box:
        x0, y0 = mob.get_corner(DOWN + LEFT)[:2]
        x1, y1 = mob.get_corner(UP + RIGHT)[:2]
        return Box(float(x0), float(y0), float(x1), float(y1))


@dataclass(frozen=True)
class Plot:
    """Where a plot sits and how values map onto it.

    ``t`` in [0, 1] maps to the box's width. ``y_low`` maps to the bottom edge and ``y_peak``
    (the curve's maximum) to :data:`PEAK_FRACTION` of the height; values below ``y_low`` are
    off the plot.
    """

    box: Box
    y_low: float
    y_peak: float

    def x(self, t: float) -> float:
        return self.box.left + float(t) * self.box.width

    def y(self, value: float) -> float:
        fraction = (value - self.y_low) / (self.y_peak - self.y_low) * PEAK_FRACTION
        return self.box.bottom + fraction * self.box.height

    def point(self, t: float, value: float) -> np.ndarray:
        return np.array([self.x(t), self.y(value), 0.0])

    def points(self, ts: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.array([self.point(t, v) for t, v in zip(ts, values, strict=True)])


def axes(box: Box) -> VGroup:
    """The x axis along the box's bottom and the y axis along its left side."""
    x_axis = Line([box.left, box.bottom, 0], [box.right, box.bottom, 0], color=MUTED, stroke_width=2.5)
    y_axis = Line([box.left, box.bottom, 0], [box.left, box.top, 0], color=MUTED, stroke_width=2.5)
    return VGroup(x_axis, y_axis)


def x_ticks(plot: Plot, ts: Sequence[float], avoid: VMobject) -> VGroup:
    """Labels of ``ts`` under the x axis, leaving out any that would crowd ``avoid``."""
    ticks = VGroup()
    for t in ts:
        tick = MathTex(str(t), font_size=FORMULA.tick, color=MUTED)
        tick.next_to([plot.x(t), plot.box.bottom, 0], DOWN, buff=0.15)
        if not Box.of(tick).padded(0.1).overlaps(Box.of(avoid)):
            ticks.add(tick)
    return ticks


def y_ticks(plot: Plot, labels: Sequence[tuple[float, str]]) -> VGroup:
    """Tick marks left of the y axis at the given values, each with its label."""
    box = plot.box
    group = VGroup()
    for value, text in labels:
        y = plot.y(value)
        mark = Line([box.left - 0.1, y, 0], [box.left, y, 0], color=MUTED, stroke_width=2)
        tex = MathTex(text, font_size=FORMULA.tick, color=MUTED)
        tex.next_to(mark, LEFT, buff=0.08)
        group.add(VGroup(mark, tex))
    return group


@dataclass(frozen=True)
class AxisLabels:
    """A plot's labels: the maximum's value above the plot and its tick under the x axis, the x
    axis's name, and the y axis's name before and after the curve turns into another (L, log L)."""

    peak: MathTex
    peak_tick: MathTex
    x: MathTex
    y: MathTex
    y_after: MathTex

    def place(self, box: Box, peak_line: Line, x_peak: float, right_limit: float) -> None:
        """Put the labels around ``box``: the peak's label above ``peak_line`` (the vertical line at
        the maximum, ``x_peak``), kept inside the frame and left of ``right_limit``; its tick under
        the axis; the x axis's name under the ticks at the right end (the left end if the tick is
        there); the y axis's names at the top of the axis."""
        self.peak.next_to(peak_line, UP, buff=0.1)
        self.peak.shift(RIGHT * _inside_shift(Box.of(self.peak), right_limit))
        self.peak_tick.next_to([x_peak, box.bottom, 0], DOWN, buff=0.12)
        self.x.next_to(self.peak_tick, DOWN, buff=0.08)
        self.x.set_x(box.right - self.x.width / 2)
        if Box.of(self.x).padded(0.1).overlaps(Box.of(self.peak_tick)):
            self.x.set_x(box.left + self.x.width / 2)
        self.y.next_to([box.left, box.top, 0], LEFT, buff=0.2)
        self.y_after.move_to(self.y, aligned_edge=RIGHT)


def _inside_shift(box: Box, right_limit: float) -> float:
    """How far to shift ``box`` horizontally to keep it inside the frame's margin and left of ``right_limit``."""
    limit_left = -config.frame_width / 2 + FRAME_MARGIN
    if box.left < limit_left:
        return limit_left - box.left
    if box.right > right_limit:
        return right_limit - box.right
    return 0.0


def nice_step(span: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) not larger than ``span``."""
    power = 10.0 ** math.floor(math.log10(span))
    for factor in (5.0, 2.0, 1.0):
        if factor * power <= span:
            return factor * power
    return power


def smooth_curve(points: np.ndarray, color: str, width: float = 4) -> VMobject:
    """A smooth curve through the given screen points."""
    curve = VMobject(color=color, stroke_width=width)
    curve.set_points_smoothly([*points])
    return curve


class Marker(VGroup):
    """A point on a plot: a filled dot (on the curve), or a hollow ring (below it)."""

    def __init__(self, color: str, hollow: bool, radius: float = DOT_RADIUS) -> None:
        if hollow:
            mark = Circle(radius=radius, color=color, stroke_width=3, fill_color=BACKGROUND, fill_opacity=1)
        else:
            mark = Dot(radius=radius, color=color)
        super().__init__(mark)


def minus_infinity(color: str, plot: Plot, t: float) -> VGroup:
    """A downward arrow to the bottom edge of the plot at ``t``, labelled :math:`-\\infty`."""
    x = plot.x(t)
    arrow = Arrow(
        [x, plot.box.bottom + 0.75, 0],
        [x, plot.box.bottom + 0.02, 0],
        buff=0,
        color=color,
        stroke_width=4,
        max_tip_length_to_length_ratio=0.3,
    )
    sign = MathTex("-\\infty", font_size=FORMULA.tick, color=color)
    side = LEFT if x > plot.box.left + plot.box.width * 0.8 else RIGHT
    sign.next_to(arrow, side, buff=0.08).align_to(arrow, UP)
    return VGroup(arrow, sign)


def is_infinity(marker: VMobject) -> bool:
    """True for the arrow to minus infinity (:func:`minus_infinity`) drawn in place of a marker."""
    return isinstance(marker, VGroup) and not isinstance(marker, Marker)
