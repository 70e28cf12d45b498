r"""Part 4: why we may take the logarithm of the likelihood.

The scene plots the likelihood :math:`L` against one number, :math:`t = q_1`
(the guess's probability of the first class), marks its maximum at
:math:`t = p_1` and the teacher's guesses, then explains the two properties of
the logarithm that matter: it turns the product into a sum, and it is strictly
increasing. The curve then turns into :math:`\log L` while the maximum stays
where it is and the guesses keep their order; a table of :math:`L` beside
:math:`\log L` shows how the log compresses the range (and sends a likelihood
of 0 to :math:`-\infty`).

Every value comes from :class:`mathcore.LectureData` (``curves`` for the two
curves, the guesses' ``y_hat``, ``likelihood`` and ``log_likelihood``); the
scene only chooses where to draw them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    ReplacementTransform,
    SurroundingRectangle,
    Transform,
    TransformFromCopy,
    TransformMatchingTex,
    VGroup,
    VMobject,
    Write,
    config,
)

from mathcore import GuessData, LectureData
from scenes import fmt
from scenes.base import LectureScene
from scenes.mobjects import color_tex, label
from scenes.style import (
    ACCENT,
    BACKGROUND,
    BEST,
    BODY_SIZE,
    FRAME_MARGIN,
    HEADING_BUFF,
    HEADING_SIZE,
    MUTED,
    SMALL_SIZE,
    TEXT,
    guess_color,
)

NOTE_SIZE = 20
TICK_SIZE = 26
FORMULA_SIZE = 32
VALUE_SIZE = 28
PEAK_FRACTION = 0.84
"""Height of the curves' maximum as a fraction of the plot's height (the same for L and log L)."""
PANEL_WIDTH = (4.8, 5.5)
"""Least and greatest width of the right-hand panel (formula and table); the plot takes the rest."""
PANEL_GAP = 0.6
DOT_RADIUS = 0.085


# --------------------------------------------------------------------------- geometry


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
    """Where the plot sits and how values map onto it.

    ``y_low`` maps to the bottom edge and ``y_peak`` (the curve's maximum) to
    :data:`PEAK_FRACTION` of the height; values below ``y_low`` are off the plot.
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


def nice_step(span: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) not larger than ``span``."""
    power = 10.0 ** math.floor(math.log10(span))
    for factor in (5.0, 2.0, 1.0):
        if factor * power <= span:
            return factor * power
    return power


def log_floor(data: LectureData) -> float:
    """The bottom of the log plot: a round value a bit below the lowest finite guess.

    The reference is the lowest finite log-likelihood of the guesses, or, when
    they all sit close to the maximum, a point part-way down to the curve's
    median, so that the clipped curve still shows its shape. Layout only: a
    plot range.
    """
    curve = data.curves.log_likelihood
    top = float(np.max(curve))
    finite = [g.log_likelihood for g in data.all_guesses if math.isfinite(g.log_likelihood)]
    low = min([*finite, top - 0.6 * (top - float(np.median(curve)))])
    span = top - low
    step = nice_step(span * 0.3)
    return math.floor((low - 0.3 * span) / step) * step


# --------------------------------------------------------------------------- pieces


def smooth_curve(points: np.ndarray, color: str, width: float = 4) -> VMobject:
    """A smooth curve through the given screen points."""
    curve = VMobject(color=color, stroke_width=width)
    curve.set_points_smoothly([*points])
    return curve


def guess_color_of(data: LectureData, guess: GuessData) -> str:
    """A teacher's guess has its own colour; the best guess q = p has BEST."""
    if guess.name == data.best.name:
        return BEST
    return guess_color(data.guesses.index(guess))


def class_piece(data: LectureData, index: int) -> tuple[str, str]:
    return (fmt.tex_name(data.classes[index]), data.colors[index])


def q_of(data: LectureData, index: int, prefix: str = "q(", suffix: str = ")") -> list[tuple[str, str | None]]:
    """``q(name)`` with the class name in its colour."""
    return [(prefix, None), class_piece(data, index), (suffix, None)]


def product_formula(data: LectureData, width: float) -> tuple[MathTex, MathTex]:
    """:math:`L = \\prod q_i^{n_i}` and its log as a sum; with two classes, named if ``width`` allows."""
    log = fmt.tex_log(data.log_base)
    if len(data.classes) == 2:
        counts = data.counts
        prod = color_tex(
            [
                ("L", None),
                ("=", None),
                *q_of(data, 0, suffix=f")^{{{counts[0]}}}"),
                *q_of(data, 1, prefix="\\,q(", suffix=f")^{{{counts[1]}}}"),
            ],
            font_size=FORMULA_SIZE,
        )
        total = color_tex(
            [
                (log, None),
                ("L", None),
                ("=", None),
                (f"{counts[0]}\\,{log}", None),
                *q_of(data, 0),
                ("+", None),
                (f"{counts[1]}\\,{log}", None),
                *q_of(data, 1),
            ],
            font_size=FORMULA_SIZE,
        )
        if max(prod.width, total.width) <= width:
            return prod, total
    prod = MathTex("L", "=", "\\prod_i", "q_i^{n_i}", font_size=FORMULA_SIZE, color=TEXT)
    total = MathTex(log, "L", "=", "\\sum_i", f"n_i\\,{log}", "q_i", font_size=FORMULA_SIZE, color=TEXT)
    return prod, total


class Marker(VGroup):
    """A guess on the plot: a filled dot on the curve, a hollow ring below it."""

    def __init__(self, color: str, hollow: bool, radius: float = DOT_RADIUS) -> None:
        if hollow:
            mark = Circle(radius=radius, color=color, stroke_width=3, fill_color=BACKGROUND, fill_opacity=1)
        else:
            mark = Dot(radius=radius, color=color)
        super().__init__(mark)


def is_infinity(marker: VMobject) -> bool:
    """True for the arrow-to-minus-infinity drawn in place of a marker."""
    return isinstance(marker, VGroup) and not isinstance(marker, Marker)


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
    sign = MathTex("-\\infty", font_size=TICK_SIZE, color=color)
    side = LEFT if x > plot.box.left + plot.box.width * 0.8 else RIGHT
    sign.next_to(arrow, side, buff=0.08).align_to(arrow, UP)
    return VGroup(arrow, sign)


# --------------------------------------------------------------------------- label placement

DIRECTIONS = (UP, UP + RIGHT, UP + LEFT, RIGHT, LEFT, DOWN, DOWN + RIGHT, DOWN + LEFT)
GRID_STEP = 0.12
LEADER_MIN = 0.3
"""A tag further than this from its marker gets a leader line."""
HARD = 10.0
"""Penalty for a tag on another tag, a marker or the curve."""
SOFT = 1.0
"""Penalty for a tag across the argmax line (tags have a background outline, so it stays readable)."""
CROSSING = 3.0
"""Penalty for a leader line across anything."""
TAG_SIZE = 20


def densify(points: np.ndarray, step: float = 0.03) -> np.ndarray:
    """Points along the polyline through ``points``, at most ``step`` apart (for hit tests)."""
    out = [points[:1]]
    for a, b in itertools.pairwise(points):
        pieces = max(1, math.ceil(float(np.linalg.norm(b - a)) / step))
        out.append(a + np.outer(np.arange(1, pieces + 1) / pieces, b - a))
    return np.concatenate(out)


def nearest_on(box: Box, point: np.ndarray) -> np.ndarray:
    """The point of ``box`` nearest to ``point``."""
    return np.array([min(max(point[0], box.left), box.right), min(max(point[1], box.bottom), box.top), 0.0])


def leader_hits(anchor: np.ndarray, box: Box, blocks: Sequence[Box], points: np.ndarray) -> int:
    """How many things the leader line from ``anchor`` to ``box`` would cross."""
    end = nearest_on(box, anchor)
    length = float(np.linalg.norm(end - anchor))
    if length <= LEADER_MIN:
        return 0
    samples = anchor + np.outer(np.linspace(0.15 / length, 1.0, 30), end - anchor)
    dist = np.linalg.norm(samples[:, None, :2] - points[None, :, :2], axis=2)
    return int(bool((dist.min(axis=1) < 0.06).any())) + sum(b.hits(samples) for b in blocks)


def candidates(anchor: np.ndarray, size: tuple[float, float], bounds: Box) -> np.ndarray:
    """Label centres to try: right next to the anchor in eight directions, then a grid over ``bounds``."""
    width, height = size
    near = [anchor + np.array([d[0] * (width / 2 + 0.12), d[1] * (height / 2 + 0.12), 0.0]) for d in DIRECTIONS]
    xs = np.arange(bounds.left + width / 2, bounds.right - width / 2 + 1e-9, GRID_STEP)
    ys = np.arange(bounds.bottom + height / 2, bounds.top - height / 2 + 1e-9, GRID_STEP)
    grid = [np.array([x, y, 0.0]) for y in ys for x in xs]
    inside = [c for c in near if Box.around(c, width, height).inside(bounds)]
    return np.array(inside + grid)


def place_label(
    anchor: np.ndarray,
    size: tuple[float, float],
    bounds: Box,
    blocks: Sequence[Box],
    soft: Sequence[Box],
    points: np.ndarray,
) -> np.ndarray:
    """The centre for a tag of ``size`` near ``anchor``: clear of everything, as near as possible.

    A candidate's cost is its distance from the anchor plus penalties: ``HARD``
    for each of ``blocks`` (tags, markers) and for the curve's ``points`` it
    covers, ``SOFT`` for each of ``soft`` (the argmax line) and ``CROSSING``
    for each thing a leader line would cross. Layout only.
    """
    width, height = size
    centers = candidates(anchor, size, bounds)
    if len(centers) == 0:
        return anchor + UP * (height / 2 + 0.12)
    pad = 0.05
    x0 = centers[:, 0] - width / 2 - pad
    x1 = centers[:, 0] + width / 2 + pad
    y0 = centers[:, 1] - height / 2 - pad
    y1 = centers[:, 1] + height / 2 + pad

    def overlaps(group: Sequence[Box]) -> np.ndarray:
        count = np.zeros(len(centers))
        for b in group:
            count += ~((x1 <= b.left) | (b.right <= x0) | (y1 <= b.bottom) | (b.top <= y0))
        return count

    px, py = points[:, 0][None, :], points[:, 1][None, :]
    on_curve = ((px >= x0[:, None]) & (px <= x1[:, None]) & (py >= y0[:, None]) & (py <= y1[:, None])).any(axis=1)
    dx = np.maximum(np.maximum(x0 + pad - anchor[0], 0), anchor[0] - x1 + pad)
    dy = np.maximum(np.maximum(y0 + pad - anchor[1], 0), anchor[1] - y1 + pad)
    cost = HARD * (overlaps(blocks) + on_curve) + SOFT * overlaps(soft) + np.hypot(dx, dy)
    best_cost, best = math.inf, centers[0]
    for index in np.argsort(cost, kind="stable"):
        if cost[index] >= best_cost:
            break
        box = Box.around(centers[index], width, height)
        total = cost[index] + CROSSING * leader_hits(anchor, box, [*blocks, *soft], points)
        if total < best_cost:
            best_cost, best = total, centers[index]
    return best


def leader(anchor: np.ndarray, tag: VMobject, color: str) -> Line:
    """A thin line from a marker to its tag when the tag sits away from it (else invisible)."""
    nearest = nearest_on(Box.of(tag), anchor)
    gap = float(np.linalg.norm(nearest - anchor))
    line = Line(anchor, nearest if gap > 1e-3 else anchor + RIGHT * 1e-3, color=color, stroke_width=1.5)
    line.set_stroke(opacity=0.7 if gap > LEADER_MIN else 0.0)
    return line


# --------------------------------------------------------------------------- the scene


@dataclass
class GuessMark:
    """One guess on the plot: its marker, name tag and leader line."""

    guess: GuessData
    color: str
    marker: VMobject
    tag: VMobject
    line: Line


class LogCompression(LectureScene):
    """The logarithm keeps the order and the maximum, and compresses the range.

    Beats: the likelihood curve over :math:`q_1` and its maximum at
    :math:`p_1`; the guesses on it; the log turns the product into a sum; the
    log is strictly increasing; the curve turns into the log-likelihood (the
    maximum stays, the guesses keep their order); the conclusion
    :math:`\\arg\\max L = \\arg\\max \\log L`.
    """

    def construct(self) -> None:
        data = self.data
        self.log = fmt.tex_log(data.log_base)
        self.first = data.classes[0]
        self.p1 = fmt.plain_fraction(data.empirical[0])
        self.build_layout()
        self.beat_curve()
        self.beat_guesses()
        self.beat_sum()
        self.beat_monotone()
        self.beat_morph()
        self.beat_conclusion()

    # ------------------------------------------------------------------ layout

    def build_layout(self) -> None:
        data = self.data
        half_w = config.frame_width / 2 - FRAME_MARGIN
        half_h = config.frame_height / 2 - FRAME_MARGIN
        self.heading = label("Why we take the logarithm", size=HEADING_SIZE, color=TEXT)
        self.heading.to_edge(UP, buff=FRAME_MARGIN + 0.05)
        self.notes = self.build_notes()
        below = self.heading.get_bottom()[1] - HEADING_BUFF
        if len(self.notes):
            self.notes.next_to(self.heading, DOWN, buff=0.2)
            below = self.notes.get_bottom()[1] - 0.25

        self.argmax_label = color_tex(
            [
                ("p(", ACCENT),
                class_piece(data, 0),
                (")=", ACCENT),
                (fmt.tex_fraction(data.empirical[0]), ACCENT),
            ],
            font_size=TICK_SIZE,
        )
        self.y_label_l = MathTex("L", font_size=BODY_SIZE, color=TEXT)
        self.y_label_log = MathTex(self.log, "L", font_size=BODY_SIZE, color=TEXT)
        peak_l = fmt.tex_decimal(data.best.likelihood_float)
        peak_log = fmt.tex_fixed(data.best.log_likelihood)
        tick_width = max(
            MathTex(peak_l, font_size=TICK_SIZE).width,
            MathTex(peak_log, font_size=TICK_SIZE).width,
            self.y_label_log.width,
        )
        x_label = color_tex(q_of(data, 0), font_size=BODY_SIZE)
        self.argmax_tick = MathTex(fmt.tex_fraction(data.empirical[0]), font_size=TICK_SIZE, color=ACCENT)
        top = below - self.argmax_label.height - 0.2
        bottom = -half_h + x_label.height + self.argmax_tick.height + 0.12 + 0.08
        left = -half_w + tick_width + 0.25
        rows = [data.best, *(data.guess(name) for name in data.ranking)]
        self.table = Table(data, rows, self.log)
        self.formula, self.log_formula = product_formula(data, PANEL_WIDTH[1])
        self.monotone = MathTex(
            "a", "<", "b", "\\iff", f"{self.log} a", "<", f"{self.log} b", font_size=FORMULA_SIZE, color=TEXT
        )
        self.result = self.result_formula()
        widest = max(m.width for m in (self.table, self.formula, self.log_formula, self.result))
        panel_width = min(max(widest, PANEL_WIDTH[0]), PANEL_WIDTH[1])
        self.panel = Box(half_w - panel_width, -half_h, half_w, below)
        box = Box(left, bottom, self.panel.left - PANEL_GAP, top)
        self.box = box
        curves = data.curves
        self.plot_l = Plot(box, 0.0, float(np.max(curves.likelihood)))
        self.plot_log = Plot(box, log_floor(data), float(np.max(curves.log_likelihood)))
        self.x_label = x_label
        self.layout_panel()

    def layout_panel(self) -> None:
        """The formula, the monotonicity line (later the result) and the table, centred in the panel."""
        panel = self.panel
        for mob in (self.table, self.formula, self.log_formula, self.monotone, self.result):
            if mob.width > panel.width:
                mob.scale_to_fit_width(panel.width)
        slot = max(self.monotone.height, self.result.height + 0.3)
        height = max(self.formula.height, self.log_formula.height) + slot + self.table.height + 2 * 0.45
        center_x = (panel.left + panel.right) / 2
        top = min(panel.top, (panel.top + panel.bottom) / 2 + height / 2)
        self.formula.move_to([center_x, top - self.formula.height / 2, 0])
        self.log_formula.move_to(self.formula)
        formula_bottom = min(self.formula.get_bottom()[1], self.log_formula.get_bottom()[1])
        self.monotone.move_to([center_x, formula_bottom - 0.45 - slot / 2, 0])
        self.result.move_to(self.monotone)
        self.table.next_to([center_x, formula_bottom - 0.45 - slot, 0], DOWN, buff=0.45)

    def result_formula(self) -> VGroup:
        """:math:`\\arg\\max_t L = \\arg\\max_t \\log L = p_1`, framed."""
        tex = color_tex(
            [
                ("\\arg\\max_t", None),
                ("L", None),
                ("=", None),
                ("\\arg\\max_t", None),
                (f"{self.log} L", None),
                ("=", None),
                (fmt.tex_fraction(self.data.empirical[0]), ACCENT),
            ],
            font_size=FORMULA_SIZE,
        )
        frame = SurroundingRectangle(tex, color=ACCENT, buff=0.12, stroke_width=2)
        return VGroup(tex, frame)

    def build_notes(self) -> VGroup:
        """With more than two classes: how the curve is drawn, and what hollow markers mean."""
        notes = VGroup()
        if len(self.data.classes) > 2:
            notes.add(label("The other classes share 1 − t in their data proportions.", size=NOTE_SIZE, color=MUTED))
            if any(not g.on_curve for g in self.data.guesses):
                notes.add(
                    label(
                        "Hollow: a guess that splits 1 − t differently; it lies below the curve.",
                        size=NOTE_SIZE,
                        color=MUTED,
                    )
                )
            notes.arrange(DOWN, buff=0.1)
        return notes

    # ------------------------------------------------------------------ beat 1

    def axes(self) -> VGroup:
        box = self.box
        x_axis = Line([box.left, box.bottom, 0], [box.right, box.bottom, 0], color=MUTED, stroke_width=2.5)
        y_axis = Line([box.left, box.bottom, 0], [box.left, box.top, 0], color=MUTED, stroke_width=2.5)
        return VGroup(x_axis, y_axis)

    def x_ticks(self) -> VGroup:
        """Tick labels 0 and 1 under the axis, unless the argmax label would crowd them."""
        ticks = VGroup()
        argmax = self.argmax_tick
        for t in (0, 1):
            tick = MathTex(str(t), font_size=TICK_SIZE, color=MUTED)
            tick.next_to([self.plot_l.x(t), self.box.bottom, 0], DOWN, buff=0.15)
            if not Box.of(tick).padded(0.1).overlaps(Box.of(argmax)):
                ticks.add(tick)
        return ticks

    def y_ticks(self, plot: Plot, low: str, peak: str) -> VGroup:
        """Labels at the bottom of the y axis and at the curve's maximum, with tick marks."""
        box = self.box
        group = VGroup()
        for value, text in ((plot.y_low, low), (plot.y_peak, peak)):
            y = plot.y(value)
            mark = Line([box.left - 0.1, y, 0], [box.left, y, 0], color=MUTED, stroke_width=2)
            tex = MathTex(text, font_size=TICK_SIZE, color=MUTED)
            tex.next_to(mark, LEFT, buff=0.08)
            group.add(VGroup(mark, tex))
        return group

    def beat_curve(self) -> None:
        data = self.data
        curves = data.curves
        box = self.box
        plot = self.plot_l
        # The log plot shows only the part of the curve above its floor; the L curve
        # is drawn in three pieces so that its middle turns into exactly that part.
        keep = np.flatnonzero(curves.log_likelihood >= self.plot_log.y_low)
        lo, hi = int(keep[0]), int(keep[-1])
        pts = plot.points(curves.t, curves.likelihood)
        self.curve_mid = smooth_curve(pts[lo : hi + 1], TEXT)
        self.curve_tails = VGroup(
            smooth_curve(pts[: lo + 1], TEXT),
            smooth_curve(pts[hi:], TEXT),
        )
        self.curve_pts_l = densify(pts)
        self.log_curve = smooth_curve(
            self.plot_log.points(curves.t[lo : hi + 1], curves.log_likelihood[lo : hi + 1]), TEXT
        )
        self.curve_pts_log = densify(self.plot_log.points(curves.t[lo : hi + 1], curves.log_likelihood[lo : hi + 1]))

        axes = self.axes()
        x_argmax = plot.x(curves.argmax)
        self.argmax_line = DashedLine(
            [x_argmax, box.bottom, 0], [x_argmax, box.top + 0.05, 0], color=ACCENT, stroke_width=2.5
        )
        self.argmax_label.next_to(self.argmax_line, UP, buff=0.1)
        self.argmax_label.shift(RIGHT * self.argmax_shift())
        self.argmax_tick.next_to([x_argmax, box.bottom, 0], DOWN, buff=0.12)
        self.place_x_label()
        self.peak_dot = Dot(plot.point(curves.argmax, plot.y_peak), radius=DOT_RADIUS * 1.25, color=BEST)
        self.ticks_x = self.x_ticks()
        self.ticks_y = self.y_ticks(plot, "0", fmt.tex_decimal(data.best.likelihood_float))
        self.y_label_l.next_to([box.left, box.top, 0], LEFT, buff=0.2)
        self.y_label_log.move_to(self.y_label_l, aligned_edge=RIGHT)

        if len(data.classes) == 2:
            caption = (
                f"Plot the likelihood against one number, q({self.first}), with q({data.classes[1]}) = "
                f"1 − q({self.first}). The curve peaks exactly at q({self.first}) = {self.p1}, "
                f"the share of {self.first} in the data."
            )
        else:
            caption = (
                f"Plot the likelihood against one number, q({self.first}), letting the other classes "
                f"share the rest in their data proportions. The curve peaks exactly at "
                f"q({self.first}) = {self.p1}, the share of {self.first} in the data."
            )
        with self.beat(caption):
            self.play(FadeIn(self.heading, shift=DOWN * 0.2), FadeIn(self.formula))
            if len(self.notes):
                self.play(FadeIn(self.notes[0]))
            self.play(
                Create(axes),
                FadeIn(self.x_label, self.ticks_x, self.ticks_y, self.y_label_l),
                run_time=1.2,
            )
            self.play(Create(self.curve_tails[0]), run_time=0.5)
            self.play(Create(self.curve_mid), run_time=1.6)
            self.play(Create(self.curve_tails[1]), run_time=0.5)
            self.play(
                Create(self.argmax_line),
                FadeIn(self.peak_dot, scale=1.5),
                Write(self.argmax_label),
                FadeIn(self.argmax_tick, shift=UP * 0.1),
            )

    def place_x_label(self) -> None:
        """The axis name under the tick row, at the right end (the left end if the argmax is there)."""
        box = self.box
        self.x_label.next_to(self.argmax_tick, DOWN, buff=0.08)
        self.x_label.set_x(box.right - self.x_label.width / 2)
        if Box.of(self.x_label).padded(0.1).overlaps(Box.of(self.argmax_tick)):
            self.x_label.set_x(box.left + self.x_label.width / 2)

    def argmax_shift(self) -> float:
        """Keep the argmax label inside the frame horizontally (and left of the panel)."""
        box = Box.of(self.argmax_label)
        limit_left = -config.frame_width / 2 + FRAME_MARGIN
        if box.left < limit_left:
            return limit_left - box.left
        if box.right > self.panel.left - 0.1:
            return self.panel.left - 0.1 - box.right
        return 0.0

    # ------------------------------------------------------------------ beat 2

    def fixed_blocks(self, plot: Plot) -> list[Box]:
        """Things on the plot that labels must keep clear of."""
        x = plot.x(self.data.curves.argmax)
        return [Box(x - 0.04, self.box.bottom, x + 0.04, self.box.top)]

    def guess_anchor(self, plot: Plot, guess: GuessData, log: bool) -> np.ndarray:
        value = guess.log_likelihood if log else guess.likelihood_float
        if log and not math.isfinite(value):
            return np.array([plot.x(float(guess.y_hat)), plot.box.bottom + 0.75, 0.0])
        return plot.point(float(guess.y_hat), value)

    def build_marks(self, plot: Plot, points: np.ndarray, log: bool) -> list[GuessMark]:
        """Markers, name tags and leader lines of every guess, tags placed clear of each other."""
        data = self.data
        marks: list[GuessMark] = []
        # Highest first, so the peak's tag gets the nearest spot; -inf guesses last.
        guesses = sorted(data.all_guesses, key=lambda g: (not math.isfinite(g.log_likelihood), -g.log_likelihood))
        markers: dict[str, VMobject] = {}
        for guess in guesses:
            color = guess_color_of(data, guess)
            if log and not math.isfinite(guess.log_likelihood):
                markers[guess.name] = minus_infinity(color, plot, float(guess.y_hat))
            elif guess.name == data.best.name:
                markers[guess.name] = self.peak_dot.copy()
            else:
                markers[guess.name] = Marker(color, hollow=not guess.on_curve).move_to(
                    self.guess_anchor(plot, guess, log)
                )
        # Markers, arrows to -inf and their signs block every tag.
        blocks = [Box.of(part).padded(0.02) for m in markers.values() for part in (m if is_infinity(m) else [m])]
        soft = self.fixed_blocks(plot)
        bounds = self.box.padded(-0.05)
        for guess in guesses:
            color = guess_color_of(data, guess)
            tag = label(guess.name, size=TAG_SIZE, color=color)
            tag.set_stroke(BACKGROUND, width=5, background=True)
            anchor = self.guess_anchor(plot, guess, log)
            tag.move_to(place_label(anchor, (tag.width, tag.height), bounds, blocks, soft, points))
            line = leader(anchor, tag, color)
            blocks.append(Box.of(tag))
            if line.get_stroke_opacity() > 0:
                # Later tags keep off this leader line, as they keep off the curve.
                points = np.concatenate([points, densify(np.array([line.get_start(), line.get_end()]))])
            marks.append(GuessMark(guess, color, markers[guess.name], tag, line))
        return marks

    def beat_guesses(self) -> None:
        data = self.data
        self.marks = self.build_marks(self.plot_l, self.curve_pts_l, log=False)
        rest = [m for m in self.marks if m.guess.name != data.best.name]
        best = next(m for m in self.marks if m.guess.name == data.best.name)

        ranking = data.ranking
        if len(ranking) > 1:
            order = f"The {ranking[0]} guess stands higher than the {ranking[-1]} guess"
        else:
            order = f"The {ranking[0]} guess stands below the peak"
        caption = (
            f"Each guess sits at its own q({self.first}) and its likelihood. {order}, "
            f"and none rises above the peak: the best guess, q = p."
        )
        if any(not g.on_curve for g in data.guesses):
            caption += " Guesses that split the other classes differently lie below the curve."
        zeros = [g.name for g in data.guesses if g.likelihood == 0]
        if zeros:
            caption += f" The {zeros[0]} guess has likelihood 0: it sits on the axis."
        with self.beat(caption):
            if len(self.notes) > 1:
                self.play(FadeIn(self.notes[1]))
            self.play(
                LaggedStart(*(FadeIn(m.marker, scale=1.6) for m in rest), lag_ratio=0.25),
                FadeIn(self.table.header[:2], self.table.rule),
                run_time=1.2,
            )
            self.add(*(m.marker for m in rest))
            self.bring_to_front(self.peak_dot)
            self.play(
                LaggedStart(*(FadeIn(VGroup(m.tag, m.line)) for m in self.marks), lag_ratio=0.2),
                LaggedStart(
                    *(FadeIn(self.table.names[i], self.table.values_l[i]) for i in range(len(self.marks))),
                    lag_ratio=0.2,
                ),
                run_time=1.8,
            )
            self.play(Indicate(best.tag, color=BEST), Indicate(self.table.values_l[0], color=BEST))

    # ------------------------------------------------------------------ beats 3, 4

    def beat_sum(self) -> None:
        formula = self.log_formula
        with self.beat(
            "Now take the logarithm. It turns the product of powers into a sum of terms, "
            "which is far easier to differentiate."
        ):
            self.play(TransformMatchingTex(self.formula, formula), run_time=1.8)
        self.formula = formula

    def beat_monotone(self) -> None:
        with self.beat(
            "And the logarithm is strictly increasing: a larger likelihood always has a larger log. "
            "So it keeps the order of the guesses and the place of the maximum."
        ):
            self.play(Write(self.monotone), run_time=1.5)
            self.play(Indicate(self.monotone[1], color=ACCENT), Indicate(self.monotone[5], color=ACCENT))

    # ------------------------------------------------------------------ beat 5

    def beat_morph(self) -> None:
        data = self.data
        plot = self.plot_log
        new_marks = self.build_marks(plot, self.curve_pts_log, log=True)
        ticks_log = self.y_ticks(plot, fmt.tex_decimal(plot.y_low), fmt.tex_fixed(data.best.log_likelihood))
        moves = []
        for old, new in zip(self.marks, new_marks, strict=True):
            if old.guess.name == data.best.name:
                pass
            elif is_infinity(new.marker):
                moves.append(ReplacementTransform(old.marker, new.marker))
            else:
                moves.append(old.marker.animate.move_to(new.marker))
            moves.append(Transform(old.tag, new.tag))
            moves.append(Transform(old.line, new.line))

        zeros = [g.name for g in data.guesses if g.likelihood == 0]
        caption = (
            f"Watch the likelihood turn into the log-likelihood. The peak stays at q({self.first}) = {self.p1}, "
            f"the guesses keep their order, and values crowded near zero spread apart."
        )
        if zeros:
            caption += f" The {zeros[0]} guess, with likelihood 0, falls to minus infinity."
        table = self.table
        with self.beat(caption):
            self.play(
                Transform(self.curve_mid, self.log_curve),
                FadeOut(self.curve_tails, shift=DOWN * 0.5),
                TransformMatchingTex(self.y_label_l, self.y_label_log),
                Transform(self.ticks_y, ticks_log),
                *moves,
                run_time=3,
            )
            self.bring_to_front(self.peak_dot)
            self.play(
                FadeIn(table.header[2]),
                LaggedStart(
                    *(TransformFromCopy(a, b) for a, b in zip(table.values_l, table.values_log, strict=True)),
                    lag_ratio=0.2,
                ),
                run_time=2,
            )
        for old, new in zip(self.marks, new_marks, strict=True):
            if is_infinity(new.marker):
                old.marker = new.marker

    # ------------------------------------------------------------------ beat 6

    def beat_conclusion(self) -> None:
        tex, frame = self.result
        columns = VGroup(self.table.values_l, self.table.values_log)
        with self.beat(
            f"Both columns fall in the same order, and the peak has not moved: the guess that maximises "
            f"the log-likelihood is the one that maximises the likelihood, q({self.first}) = {self.p1}."
        ):
            self.play(Indicate(columns, color=ACCENT, scale_factor=1.05), run_time=1.5)
            self.play(ReplacementTransform(self.monotone, tex), run_time=1.5)
            self.play(Create(frame), Indicate(self.peak_dot, color=ACCENT, scale_factor=1.6))


class Table(VGroup):
    """The guesses' likelihoods beside their logs: names, ``L`` and ``log L`` in columns.

    Rows are given in order; each name carries its marker's shape (filled on
    the curve, hollow below it).
    """

    def __init__(self, data: LectureData, rows: Sequence[GuessData], log: str) -> None:
        super().__init__()
        header = VGroup(
            MathTex("\\phantom{L}", font_size=VALUE_SIZE),
            MathTex("L", font_size=VALUE_SIZE, color=TEXT),
            MathTex(log, "L", font_size=VALUE_SIZE, color=TEXT),
        )
        names = VGroup()
        values_l = VGroup()
        values_log = VGroup()
        for guess in rows:
            color = guess_color_of(data, guess)
            glyph = Marker(color, hollow=not guess.on_curve, radius=0.07)
            names.add(VGroup(glyph, label(guess.name, size=SMALL_SIZE, color=color)).arrange(RIGHT, buff=0.12))
            values_l.add(MathTex(fmt.tex_decimal(guess.likelihood_float), font_size=VALUE_SIZE, color=color))
            values_log.add(MathTex(fmt.tex_fixed(guess.log_likelihood), font_size=VALUE_SIZE, color=color))
        columns = (names, values_l, values_log)
        widths = [max(m.width for m in (header[i], *col)) for i, col in enumerate(columns)]
        gap = 0.4
        xs = [sum(widths[:i]) + gap * i for i in range(3)]
        row_h = max(0.5, *(m.height + 0.18 for col in columns for m in col))
        for i, col in enumerate(columns):
            header[i].move_to([xs[i] + widths[i] / 2, 0, 0])
            for r, mob in enumerate(col):
                y = -(r + 1) * row_h
                if i == 0:
                    mob.move_to([xs[i], y, 0], aligned_edge=LEFT)
                else:
                    mob.move_to([xs[i] + widths[i], y, 0], aligned_edge=RIGHT)
        rule = Line([0, -row_h / 2, 0], [xs[2] + widths[2], -row_h / 2, 0], color=MUTED, stroke_width=1.5)
        self.header, self.names, self.values_l, self.values_log, self.rule = (
            header,
            names,
            values_l,
            values_log,
            rule,
        )
        self.add(header, rule, names, values_l, values_log)


__all__ = ["LogCompression"]
