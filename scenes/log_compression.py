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

import math
from collections.abc import Sequence
from dataclasses import dataclass

from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    ReplacementTransform,
    SurroundingRectangle,
    Text,
    Transform,
    TransformFromCopy,
    TransformMatchingTex,
    VGroup,
    VMobject,
    Write,
    config,
)

from mathcore import GuessData, LectureData
from scenes.base import LectureScene
from scenes.parts.describe import said_fixed, said_list, said_log, said_number, said_raised
from scenes.parts.formatting import plain_fraction, tex_decimal, tex_fixed, tex_fraction, tex_log, tex_name
from scenes.parts.layout import fit
from scenes.parts.likelihood_plot import Curves, GuessMark, curves_for, guess_marks, likelihood_plots
from scenes.parts.mobjects import color_tex, heading, label
from scenes.parts.plot import (
    AxisLabels,
    Box,
    Marker,
    Plot,
    axes,
    is_infinity,
    x_ticks,
    y_ticks,
)
from scenes.parts.style import (
    ACCENT,
    BEST,
    BODY_SIZE,
    FORMULA,
    FRAME_MARGIN,
    HEADING_BUFF,
    MUTED,
    NOTE_SIZE,
    SMALL_SIZE,
    TEXT,
    guess_color_of,
)
from scenes.parts.table import Table

PANEL_WIDTH = (4.8, 5.5)
"""Least and greatest width of the right-hand panel (formula and table); the plot takes the rest."""
PANEL_GAP = 0.6

# --------------------------------------------------------------------------- formulas and ranges


def class_piece(data: LectureData, index: int) -> tuple[str, str]:
    return (tex_name(data.classes[index]), data.colors[index])


def q_of(data: LectureData, index: int, prefix: str = "q(", suffix: str = ")") -> list[tuple[str, str | None]]:
    """``q(name)`` with the class name in its colour."""
    return [(prefix, None), class_piece(data, index), (suffix, None)]


def product_formula(data: LectureData, width: float) -> tuple[MathTex, MathTex]:
    """:math:`L = \\prod q_i^{n_i}` and its log as a sum; with two classes, named if ``width`` allows."""
    log = tex_log(data.log_base)
    if len(data.classes) == 2:
        counts = data.counts
        prod = color_tex(
            [
                ("L", None),
                ("=", None),
                *q_of(data, 0, suffix=f")^{{{counts[0]}}}"),
                *q_of(data, 1, prefix="\\,q(", suffix=f")^{{{counts[1]}}}"),
            ],
            font_size=FORMULA.panel,
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
            font_size=FORMULA.panel,
        )
        if max(prod.width, total.width) <= width:
            return prod, total
    prod = MathTex("L", "=", "\\prod_i", "q_i^{n_i}", font_size=FORMULA.panel, color=TEXT)
    total = MathTex(log, "L", "=", "\\sum_i", f"n_i\\,{log}", "q_i", font_size=FORMULA.panel, color=TEXT)
    return prod, total


def result_formula(data: LectureData) -> VGroup:
    """:math:`\\arg\\max_t L = \\arg\\max_t \\log L = p_1`, framed."""
    tex = color_tex(
        [
            ("\\arg\\max_t", None),
            ("L", None),
            ("=", None),
            ("\\arg\\max_t", None),
            (f"{tex_log(data.log_base)} L", None),
            ("=", None),
            (tex_fraction(data.empirical[0]), ACCENT),
        ],
        font_size=FORMULA.panel,
    )
    frame = SurroundingRectangle(tex, color=ACCENT, buff=0.12, stroke_width=2)
    return VGroup(tex, frame)


def notes_for(data: LectureData) -> VGroup:
    """With more than two classes: how the curve is drawn, and what hollow markers mean."""
    notes = VGroup()
    if len(data.classes) > 2:
        notes.add(label("The other classes share 1 − t in their data proportions.", size=NOTE_SIZE, color=MUTED))
        if any(not g.on_curve for g in data.guesses):
            notes.add(
                label(
                    "Hollow: a guess that splits 1 − t differently; it lies below the curve.",
                    size=NOTE_SIZE,
                    color=MUTED,
                )
            )
        notes.arrange(DOWN, buff=0.1)
    return notes


class LikelihoodTable(VGroup):
    """The guesses' likelihoods beside their logs: names, ``L`` and ``log L`` in columns.

    Rows are given in order; each name carries its marker's shape (filled on
    the curve, hollow below it).
    """

    def __init__(self, data: LectureData, rows: Sequence[GuessData], log: str) -> None:
        super().__init__()
        cells: list[list[VMobject]] = [
            [
                MathTex("\\phantom{L}", font_size=FORMULA.plot_table),
                MathTex("L", font_size=FORMULA.plot_table, color=TEXT),
                MathTex(log, "L", font_size=FORMULA.plot_table, color=TEXT),
            ]
        ]
        for guess in rows:
            color = guess_color_of(data, guess)
            glyph = Marker(color, hollow=not guess.on_curve, radius=0.07)
            cells.append(
                [
                    VGroup(glyph, label(guess.name, size=SMALL_SIZE, color=color)).arrange(RIGHT, buff=0.12),
                    MathTex(tex_decimal(guess.likelihood_float), font_size=FORMULA.plot_table, color=color),
                    MathTex(tex_fixed(guess.log_likelihood), font_size=FORMULA.plot_table, color=color),
                ]
            )
        table = Table(cells, "lrr", col_gap=0.4, min_pitch=0.5, pad=0.18, header="ccc", align_edges=True)
        body = range(1, len(cells))
        self.header = table.row(0)
        self.names, self.values_l, self.values_log = (table.column(c, body) for c in range(3))
        y = -table.pitch / 2
        self.rule = Line([0, y, 0], [table.columns.right, y, 0], color=MUTED, stroke_width=1.5)
        self.add(self.header, self.rule, self.names, self.values_l, self.values_log)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Panel:
    """The right-hand panel: the formula (later its log), the monotonicity line (later the result), the table."""

    box: Box
    formula: MathTex
    log_formula: MathTex
    monotone: MathTex
    result: VGroup
    table: LikelihoodTable

    def arrange(self) -> None:
        """The formula, the monotonicity line (later the result) and the table, centred in the panel."""
        box = self.box
        for mob in (self.table, self.formula, self.log_formula, self.monotone, self.result):
            fit(mob, width=box.width, height=math.inf)
        slot = max(self.monotone.height, self.result.height + 0.3)
        height = max(self.formula.height, self.log_formula.height) + slot + self.table.height + 2 * 0.45
        center_x = (box.left + box.right) / 2
        top = min(box.top, (box.top + box.bottom) / 2 + height / 2)
        self.formula.move_to([center_x, top - self.formula.height / 2, 0])
        self.log_formula.move_to(self.formula)
        formula_bottom = min(self.formula.get_bottom()[1], self.log_formula.get_bottom()[1])
        self.monotone.move_to([center_x, formula_bottom - 0.45 - slot / 2, 0])
        self.result.move_to(self.monotone)
        self.table.next_to([center_x, formula_bottom - 0.45 - slot, 0], DOWN, buff=0.45)


@dataclass(frozen=True)
class Layout:
    """The scene's pieces that are placed before the first beat, and where the plot goes.

    ``plot_l`` and ``plot_log`` share the ``box``: the likelihood's maximum and the
    log-likelihood's maximum map to the same point.
    """

    heading: Text
    notes: VGroup
    axis_labels: AxisLabels
    panel: Panel
    box: Box
    plot_l: Plot
    plot_log: Plot


def build_layout(data: LectureData) -> Layout:
    """Heading, notes, the panel on the right and the plot's box in the space left of it."""
    half_w = config.frame_width / 2 - FRAME_MARGIN
    half_h = config.frame_height / 2 - FRAME_MARGIN
    log = tex_log(data.log_base)
    title = heading("Why we take the logarithm", gap=0.05)
    notes = notes_for(data)
    below = title.get_bottom()[1] - HEADING_BUFF
    if len(notes):
        notes.next_to(title, DOWN, buff=0.2)
        below = notes.get_bottom()[1] - 0.25

    labels = AxisLabels(
        peak=color_tex(
            [("p(", ACCENT), class_piece(data, 0), (")=", ACCENT), (tex_fraction(data.empirical[0]), ACCENT)],
            font_size=FORMULA.tick,
        ),
        peak_tick=MathTex(tex_fraction(data.empirical[0]), font_size=FORMULA.tick, color=ACCENT),
        x=color_tex(q_of(data, 0), font_size=BODY_SIZE),
        y=MathTex("L", font_size=BODY_SIZE, color=TEXT),
        y_after=MathTex(log, "L", font_size=BODY_SIZE, color=TEXT),
    )
    tick_width = max(
        MathTex(tex_decimal(data.best.likelihood_float), font_size=FORMULA.tick).width,
        MathTex(tex_fixed(data.best.log_likelihood), font_size=FORMULA.tick).width,
        labels.y_after.width,
    )
    top = below - labels.peak.height - 0.2
    bottom = -half_h + labels.x.height + labels.peak_tick.height + 0.12 + 0.08
    left = -half_w + tick_width + 0.25
    table = LikelihoodTable(data, [data.best, *(data.guess(name) for name in data.ranking)], log)
    formula, log_formula = product_formula(data, PANEL_WIDTH[1])
    monotone = MathTex("a", "<", "b", "\\iff", f"{log} a", "<", f"{log} b", font_size=FORMULA.panel, color=TEXT)
    result = result_formula(data)
    widest = max(m.width for m in (table, formula, log_formula, result))
    panel_width = min(max(widest, PANEL_WIDTH[0]), PANEL_WIDTH[1])
    panel = Panel(Box(half_w - panel_width, -half_h, half_w, below), formula, log_formula, monotone, result, table)
    box = Box(left, bottom, panel.box.left - PANEL_GAP, top)
    plot_l, plot_log = likelihood_plots(data, box)
    panel.arrange()
    return Layout(title, notes, labels, panel, box, plot_l, plot_log)


# --------------------------------------------------------------------------- descriptions


def is_general(formula: MathTex) -> bool:
    """True when the panel shows the general product (more classes, or the named one too wide)."""
    return "\\prod_i" in formula.tex_strings


def formula_said(data: LectureData, general: bool) -> str:
    """``L equals q of red squared times q of blue cubed`` or the general product."""
    if general:
        return "L equals the product over i of q sub i to the power n sub i"
    powers = " times ".join(said_raised(f"q of {c}", n) for c, n in zip(data.classes, data.counts, strict=True))
    return f"L equals {powers}"


def log_formula_said(data: LectureData, general: bool) -> str:
    """``ln L equals 2 ln q of red plus 3 ln q of blue`` or the general sum."""
    log = said_log(data.log_base)
    if general:
        return f"{log} L equals the sum over i of n sub i times {log} q sub i"
    terms = " plus ".join(f"{n} {log} q of {c}" for c, n in zip(data.classes, data.counts, strict=True))
    return f"{log} L equals {terms}"


def table_rows(data: LectureData) -> list[GuessData]:
    """The table's rows: the best guess, then the teacher's guesses from most to least likely."""
    return [data.best, *(data.guess(name) for name in data.ranking)]


def likelihood_said(guess: GuessData) -> str:
    return said_number(guess.likelihood_float)


def peak_said(data: LectureData) -> str:
    return f"q of {data.classes[0]} equals {said_number(data.empirical[0])}"


def curve_shows(data: LectureData, general: bool) -> str:
    first = data.classes[0]
    shows = (
        f"Under the heading Why we take the logarithm, a plot of L against q of {first} from 0 to 1: "
        f"the curve peaks at {likelihood_said(data.best)} at {peak_said(data)}, marked by a dashed line "
        f"and labelled p of {first} equals {said_number(data.empirical[0])}. "
        f"On the right, {formula_said(data, general)}."
    )
    if len(data.classes) > 2:
        shows += " A note: the other classes share 1 minus t in their data proportions."
    return shows


def guesses_shows(data: LectureData) -> str:
    values = said_list([f"{g.name} {likelihood_said(g)}" for g in table_rows(data)])
    shows = (
        f"Each guess is a marker with its name on the plot, best at the peak. On the right, "
        f"a table of the guesses' L, largest first: {values}."
    )
    if any(not g.on_curve for g in data.guesses):
        shows += " A note: hollow markers split 1 minus t differently and lie below the curve."
    zeros = [g.name for g in data.guesses if g.likelihood == 0]
    if zeros:
        sits = "guess sits" if len(zeros) == 1 else "guesses sit"
        shows += f" The {said_list(zeros)} {sits} on the axis at 0."
    return shows


def log_formula_shows(data: LectureData, general: bool) -> str:
    return (
        f"The panel's formula is now {log_formula_said(data, general)}. "
        "The plot of L and the table of L stay as they were."
    )


def monotone_shows(data: LectureData, general: bool) -> str:
    log = said_log(data.log_base)
    return (
        f"Below the formula {log_formula_said(data, general)}: a less than b if and only if "
        f"{log} a less than {log} b. The plot and the table of L stay."
    )


def log_values_said(data: LectureData) -> str:
    return said_list([f"{g.name} {said_fixed(g.log_likelihood)}" for g in table_rows(data)])


def morph_shows(data: LectureData) -> str:
    log = said_log(data.log_base)
    shows = (
        f"The curve is now the log-likelihood, its y axis labelled {log} L; its peak, "
        f"{said_fixed(data.best.log_likelihood)}, is still at {peak_said(data)}, and the guesses' "
        f"markers moved with it. The table gains a column {log} L: {log_values_said(data)}."
    )
    zeros = [g.name for g in data.guesses if g.likelihood == 0]
    if zeros:
        marker = "guess's marker is an arrow" if len(zeros) == 1 else "guesses' markers are arrows"
        shows += f" The {said_list(zeros)} {marker} down to minus infinity."
    return shows


def conclude_shows(data: LectureData) -> str:
    log = said_log(data.log_base)
    pairs = "; ".join(f"{g.name}: {likelihood_said(g)}, {said_fixed(g.log_likelihood)}" for g in table_rows(data))
    return (
        f"Framed in the panel: arg max over t of L equals arg max over t of {log} L equals "
        f"{said_number(data.empirical[0])}. The table's columns L and {log} L fall in the same order: {pairs}. "
        f"The plot's peak stays at {peak_said(data)}."
    )


# --------------------------------------------------------------------------- the scene


def curve_caption(data: LectureData) -> str:
    first, p1 = data.classes[0], plain_fraction(data.empirical[0])
    if len(data.classes) == 2:
        return (
            f"Plot the likelihood against one number, q({first}), with q({data.classes[1]}) = "
            f"1 − q({first}). The curve peaks exactly at q({first}) = {p1}, "
            f"the share of {first} in the data."
        )
    return (
        f"Plot the likelihood against one number, q({first}), letting the other classes "
        f"share the rest in their data proportions. The curve peaks exactly at "
        f"q({first}) = {p1}, the share of {first} in the data."
    )


def guesses_caption(data: LectureData) -> str:
    ranking = data.ranking
    if len(ranking) > 1:
        order = f"The {ranking[0]} guess stands higher than the {ranking[-1]} guess"
    else:
        order = f"The {ranking[0]} guess stands below the peak"
    caption = (
        f"Each guess sits at its own q({data.classes[0]}) and its likelihood. {order}, "
        f"and none rises above the peak: the best guess, q = p."
    )
    if any(not g.on_curve for g in data.guesses):
        caption += " Guesses that split the other classes differently lie below the curve."
    zeros = [g.name for g in data.guesses if g.likelihood == 0]
    if zeros:
        caption += f" The {zeros[0]} guess has likelihood 0: it sits on the axis."
    return caption


def morph_caption(data: LectureData) -> str:
    zeros = [g.name for g in data.guesses if g.likelihood == 0]
    caption = (
        f"Watch the likelihood turn into the log-likelihood. The peak stays at "
        f"q({data.classes[0]}) = {plain_fraction(data.empirical[0])}, "
        f"the guesses keep their order, and values crowded near zero spread apart."
    )
    if zeros:
        caption += f" The {zeros[0]} guess, with likelihood 0, falls to minus infinity."
    return caption


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
        layout = build_layout(data)
        curves = curves_for(data, layout.plot_l, layout.plot_log)
        panel = layout.panel
        # The likelihood curve over q(first class), its maximum at p
        self.plot_likelihood(layout, curves)
        # The guesses on the curve, and the table of their likelihoods
        marks = self.show_guesses(layout, curves)
        # The log turns the product into a sum
        with self.beat(
            "Now take the logarithm. It turns the product of powers into a sum of terms, "
            "which is far easier to differentiate.",
            shows=log_formula_shows(data, is_general(panel.formula)),
        ):
            self.play(TransformMatchingTex(panel.formula, panel.log_formula), run_time=1.8)
        # The log is strictly increasing: it keeps the order and the place of the maximum
        with self.beat(
            "And the logarithm is strictly increasing: a larger likelihood always has a larger log. "
            "So it keeps the order of the guesses and the place of the maximum.",
            shows=monotone_shows(data, is_general(panel.formula)),
        ):
            self.play(Write(panel.monotone), run_time=1.5)
            self.play(Indicate(panel.monotone[1], color=ACCENT), Indicate(panel.monotone[5], color=ACCENT))
        # The curve turns into log L: the peak stays, the guesses keep their order
        self.turn_into_log(layout, curves, marks)
        # argmax L = argmax log L
        self.conclude(layout, curves)

    def plot_likelihood(self, layout: Layout, curves: Curves) -> None:
        """Beat 1: axes, the curve drawn left to right, the argmax line, the peak and its label."""
        data = self.data
        box, labels = layout.box, layout.axis_labels
        plot_axes = axes(box)
        x_argmax = layout.plot_l.x(data.curves.argmax)
        argmax_line = DashedLine(
            [x_argmax, box.bottom, 0], [x_argmax, box.top + 0.05, 0], color=ACCENT, stroke_width=2.5
        )
        labels.place(box, argmax_line, x_argmax, layout.panel.box.left - 0.1)
        ticks_x = x_ticks(layout.plot_l, (0, 1), labels.peak_tick)
        with self.beat(curve_caption(data), shows=curve_shows(data, is_general(layout.panel.formula))):
            self.play(FadeIn(layout.heading, shift=DOWN * 0.2), FadeIn(layout.panel.formula))
            if len(layout.notes):
                self.play(FadeIn(layout.notes[0]))
            self.play(
                Create(plot_axes),
                FadeIn(labels.x, ticks_x, curves.ticks_y, labels.y),
                run_time=1.2,
            )
            self.play(Create(curves.tails[0]), run_time=0.5)
            self.play(Create(curves.mid), run_time=1.6)
            self.play(Create(curves.tails[1]), run_time=0.5)
            self.play(
                Create(argmax_line),
                FadeIn(curves.peak_dot, scale=1.5),
                Write(labels.peak),
                FadeIn(labels.peak_tick, shift=UP * 0.1),
            )

    def show_guesses(self, layout: Layout, curves: Curves) -> list[GuessMark]:
        """Beat 2: every guess's marker and name tag on the curve; the table's L column."""
        data = self.data
        table = layout.panel.table
        marks = guess_marks(data, layout.plot_l, curves.peak_dot, curves.points_l, log=False)
        rest = [m for m in marks if m.guess.name != data.best.name]
        best = next(m for m in marks if m.guess.name == data.best.name)
        with self.beat(guesses_caption(data), shows=guesses_shows(data)):
            if len(layout.notes) > 1:
                self.play(FadeIn(layout.notes[1]))
            self.play(
                LaggedStart(*(FadeIn(m.marker, scale=1.6) for m in rest), lag_ratio=0.25),
                FadeIn(table.header[:2], table.rule),
                run_time=1.2,
            )
            self.add(*(m.marker for m in rest))
            self.bring_to_front(curves.peak_dot)
            self.play(
                LaggedStart(*(FadeIn(VGroup(m.tag, m.line)) for m in marks), lag_ratio=0.2),
                LaggedStart(
                    *(FadeIn(table.names[i], table.values_l[i]) for i in range(len(marks))),
                    lag_ratio=0.2,
                ),
                run_time=1.8,
            )
            self.play(Indicate(best.tag, color=BEST), Indicate(table.values_l[0], color=BEST))
        return marks

    def turn_into_log(self, layout: Layout, curves: Curves, marks: list[GuessMark]) -> None:
        """Beat 5: the curve, the y axis and the markers turn into the log-likelihood's; the log column."""
        data = self.data
        plot, table = layout.plot_log, layout.panel.table
        new_marks = guess_marks(data, plot, curves.peak_dot, curves.points_log, log=True)
        ticks_log = y_ticks(
            plot, [(plot.y_low, tex_decimal(plot.y_low)), (plot.y_peak, tex_fixed(data.best.log_likelihood))]
        )
        moves = []
        for old, new in zip(marks, new_marks, strict=True):
            if old.guess.name == data.best.name:
                pass
            elif is_infinity(new.marker):
                moves.append(ReplacementTransform(old.marker, new.marker))
            else:
                moves.append(old.marker.animate.move_to(new.marker))
            moves.append(Transform(old.tag, new.tag))
            moves.append(Transform(old.line, new.line))
        with self.beat(morph_caption(data), shows=morph_shows(data)):
            self.play(
                Transform(curves.mid, curves.log),
                FadeOut(curves.tails, shift=DOWN * 0.5),
                TransformMatchingTex(layout.axis_labels.y, layout.axis_labels.y_after),
                Transform(curves.ticks_y, ticks_log),
                *moves,
                run_time=3,
            )
            self.bring_to_front(curves.peak_dot)
            self.play(
                FadeIn(table.header[2]),
                LaggedStart(
                    *(TransformFromCopy(a, b) for a, b in zip(table.values_l, table.values_log, strict=True)),
                    lag_ratio=0.2,
                ),
                run_time=2,
            )

    def conclude(self, layout: Layout, curves: Curves) -> None:
        """Beat 6: both columns fall in the same order and the peak has not moved: argmax L = argmax log L."""
        data = self.data
        panel = layout.panel
        tex, frame = panel.result
        columns = VGroup(panel.table.values_l, panel.table.values_log)
        first, p1 = data.classes[0], plain_fraction(data.empirical[0])
        with self.beat(
            f"Both columns fall in the same order, and the peak has not moved: the guess that maximises "
            f"the log-likelihood is the one that maximises the likelihood, q({first}) = {p1}.",
            shows=conclude_shows(data),
        ):
            self.play(Indicate(columns, color=ACCENT, scale_factor=1.05), run_time=1.5)
            self.play(ReplacementTransform(panel.monotone, tex), run_time=1.5)
            self.play(Create(frame), Indicate(curves.peak_dot, color=ACCENT, scale_factor=1.6))


__all__ = ["LogCompression"]
