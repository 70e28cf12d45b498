"""Part 3: the likelihood's general formula, and why maximising it directly is hard.

Counting the draws of each class, the likelihood of any guess is
:math:`L(q) = \\prod_i q_i^{n_i} = \\prod_i q_i^{N p_i}`; fitting a model means
maximising it over :math:`q`. With many classes (150) that is a product of 150
unknown factors, awkward to differentiate, and in floating point it underflows:
150 factors of 1/150 are exactly :math:`10^{-326.4}`, but a float64 product is
``0.0`` before the last factor.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circumscribe,
    DecimalNumber,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    Mobject,
    Square,
    TransformFromCopy,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

from mathcore import LectureData, Underflow
from scenes.base import LectureScene
from scenes.parts.describe import said_fraction, said_list, said_raised, said_tex_number
from scenes.parts.formatting import plain, tex_decimal, tex_fixed, tex_fraction, tex_name
from scenes.parts.layout import fit, flow, usable_width
from scenes.parts.mobjects import color_tex, label, training_set_row
from scenes.parts.style import ACCENT, BODY_SIZE, FORMULA, FRAME_MARGIN, MUTED, TEXT
from scenes.parts.transforms import settle

FORMULA_SIZE = FORMULA.general
"""Font size of the formulas."""

TOP = 4 - FRAME_MARGIN
BOTTOM = -4 + FRAME_MARGIN
CONTENT_TOP = TOP - 0.85
"""Top of the area below the row of draws."""

GRID_COLUMNS = 15
"""Squares per row in the picture of the underflowing product."""


# ---------------------------------------------------------------- layout


def in_band(mob: Mobject, top: float, centred: bool = False) -> Mobject:
    """Scale ``mob`` down to the frame's width and the band from ``top`` down to :data:`BOTTOM`; put it at
    the band's top, centred in x, or (``centred``) in the band's middle."""
    fit(mob, height=top - BOTTOM).set_x(0).set_y(top - mob.height / 2)
    if centred:
        mob.move_to([0, (top + BOTTOM) / 2, 0])
    return mob


# ---------------------------------------------------------------- formatting


def prod(exponent: str, classes: int) -> str:
    r"""``\prod_{i=1}^{K} q_i^{exponent}`` with the number of classes."""
    return f"\\prod_{{i=1}}^{{{classes}}} q_i^{{{exponent}}}"


def exact_power(underflow: Underflow) -> str:
    """``10^{-326.41}``: the exact product's order of magnitude."""
    return f"10^{{{tex_fixed(underflow.log10_exact, 2)}}}"


def float_result(underflow: Underflow) -> str:
    """The float64 product as a program prints it: ``0.0`` when it vanished."""
    if underflow.zero_after is not None:
        return "0.0"
    return tex_decimal(underflow.float_product)


def factor_tex(underflow: Underflow) -> str:
    r"""``\frac{1}{150}``: one factor of the uniform guess over the many classes."""
    return f"\\frac{{1}}{{{underflow.factors}}}"


def underbrace(underflow: Underflow) -> str:
    r"""``\underbrace{\frac{1}{150} \cdot \frac{1}{150} \cdots \frac{1}{150}}_{150 factors}``."""
    f = factor_tex(underflow)
    return f"\\underbrace{{{f} \\cdot {f} \\cdots {f}}}_{{{underflow.factors}\\ \\text{{factors}}}}"


# ---------------------------------------------------------------- captions


def instance_caption(classes: tuple[str, ...], counts: tuple[int, ...]) -> str:
    if len(classes) <= 3:
        items = [f"{c} {n} times" for c, n in zip(classes, counts, strict=True)]
        drawn = ", ".join(items[:-1]) + " and " + items[-1]
        powers = ", times ".join(f"q({c}) to the {n}" for c, n in zip(classes, counts, strict=True))
        return (
            f"Count how often each colour was drawn: {drawn}. Grouped into powers, "
            f"the likelihood of any guess is {powers}."
        )
    return (
        "Count how often each colour was drawn, n_i. Grouped into powers, the likelihood of any guess "
        "is the product of q_i to the power n_i, one factor per colour."
    )


def general_caption(n: int) -> str:
    return (
        "In general, with K classes, L(q) is the product of q_i to the power n_i. "
        f"And since n_i = N p_i, here with N = {n} draws, each exponent is N times the data's frequency p_i."
    )


def argmax_caption(k: int) -> str:
    easy = "one unknown, and easy" if k == 2 else "still manageable"
    return (
        "To fit a model, we look for the q that makes the training set most likely: "
        f"we maximise L over all distributions q. With {k} colours that is {easy}."
    )


def many_caption(underflow: Underflow) -> str:
    m = underflow.factors
    return (
        f"But a classifier may have {m} classes. Then L is a product of {m} unknown factors, "
        "and its derivative needs the product rule across all of them: awkward."
    )


def underflow_caption(underflow: Underflow) -> str:
    m = underflow.factors
    start = (
        f"Worse, it underflows. Even {m} factors of 1/{m} have an exact product of about "
        f"{plain(exact_power(underflow))}"
    )
    if underflow.zero_after is None:
        return f"{start}; multiplied in 64-bit floats, the product is {plain(float_result(underflow))}."
    return (
        f"{start}: far below what a 64-bit float can hold, "
        f"so the float product is 0.0 after {underflow.zero_after} factors."
    )


# ---------------------------------------------------------------- descriptions


def instance_said(data: LectureData) -> str:
    """``L of q equals q sub red squared times q sub blue cubed``."""
    powers = " times ".join(said_raised(f"q sub {c}", n) for c, n in zip(data.classes, data.counts, strict=True))
    return f"L of q equals {powers}"


def prod_said(exponent: str, classes: int) -> str:
    """``the product over i from 1 to 2 of q sub i to the power n sub i``."""
    return f"the product over i from 1 to {classes} of q sub i to the power {exponent}"


def instance_shows(data: LectureData) -> str:
    counts = said_list([f"n sub {c} equals {n}" for c, n in zip(data.classes, data.counts, strict=True)])
    return (
        f"{instance_said(data)}, built from the counts above it: {counts}. "
        "At the top, the row of draws labelled training set."
    )


def general_shows(data: LectureData) -> str:
    k = len(data.classes)
    rows = said_list(
        [
            f"n sub {c} equals {n} equals {data.n} times {said_fraction(p)}"
            for c, n, p in zip(data.classes, data.counts, data.empirical, strict=True)
        ]
    )
    return (
        f"L of q equals {prod_said('n sub i', k)}, which equals {prod_said('N p sub i', k)}, "
        f"with N p sub i highlighted. Above it, {instance_said(data)}, and at the top, "
        f"n sub i equals N p sub i: {rows}."
    )


def argmax_shows(k: int) -> str:
    return (
        f"q hat equals the argmax over q of {prod_said('N p sub i', k)}; below it, over all q: "
        "every q sub i at least 0 and the q sub i summing to 1. The row of draws stays at the top."
    )


def many_shows(underflow: Underflow) -> str:
    m = underflow.factors
    return (
        f"{m} classes. L of q equals q sub 1 to the power n sub 1 times q sub 2 to the power n sub 2 "
        f"times q sub 3 to the power n sub 3, and so on up to q sub {m} to the power n sub {m}. "
        "Below, the partial derivative of L with respect to q sub 1 equals n sub 1 times "
        "q sub 1 to the power n sub 1 minus 1, times the same other factors up to "
        f"q sub {m} to the power n sub {m}; then the note: one such product for each of the {m} unknowns. "
        "The argmax formula stays above."
    )


def underflow_shows(underflow: Underflow) -> str:
    m = underflow.factors
    start = (
        f"Under 1 over {m} times 1 over {m} and so on up to 1 over {m}, braced as {m} factors: "
        f"a grid of {m} squares, one per factor, beside the counter factors multiplied: {m}. "
        f"The exact product is about {said_tex_number(exact_power(underflow))}; "
    )
    if underflow.zero_after is None:
        return f"{start}the float64 product is {said_tex_number(float_result(underflow))}, never exactly 0.0."
    return (
        f"{start}the float64 product is {said_tex_number(float_result(underflow))}, "
        f"reached after {underflow.zero_after} factors, that factor's square highlighted."
    )


LOGARITHM_SHOWS = (
    "Two problems: a product of many unknowns, awkward to differentiate; many factors below 1, "
    "underflows to 0.0. Below them, a product sign, an arrow labelled log, and a sum sign."
)


# ---------------------------------------------------------------- the scene


def counts_formulas(data: LectureData) -> list[MathTex]:
    """``n_red = 2``, one per class."""
    return [
        color_tex([(f"n_{{{tex_name(c)}}}", col), ("=", col), (str(n), col)], font_size=FORMULA_SIZE - 6)
        for c, col, n in zip(data.classes, data.colors, data.counts, strict=True)
    ]


def instance_formula(data: LectureData) -> MathTex:
    """``L(q) = q_red^2 q_blue^3``: the likelihood of any guess for the lecture's draws."""
    return color_tex(
        [("L(q)", None), ("=", None)]
        + [
            (("\\," if i else "") + f"q_{{{tex_name(c)}}}^{{{n}}}", col)
            for i, (c, col, n) in enumerate(zip(data.classes, data.colors, data.counts, strict=True))
        ],
        font_size=FORMULA_SIZE,
    )


def frequency_formulas(data: LectureData) -> list[MathTex]:
    """``n_red = 2 = 5 · 2/5``, one per class."""
    return [
        color_tex(
            [
                (f"n_{{{tex_name(c)}}}", col),
                ("=", col),
                (str(n), col),
                ("=", col),
                (str(data.n), col),
                ("\\cdot", col),
                (tex_fraction(p), col),
            ],
            font_size=FORMULA_SIZE - 6,
        )
        for c, col, n, p in zip(data.classes, data.colors, data.counts, data.empirical, strict=True)
    ]


class LikelihoodFormula(LectureScene):
    """The general formula of the likelihood, the fitting problem, and why products are hard."""

    def construct(self) -> None:
        row = training_set_row(self.data.classes, self.data.colors, self.data.draws)
        # The data's instance, L(q) = q_red^2 q_blue^3, and the general formula with n_i = N p_i
        general, leaving = self.general_formula(row)
        # Fitting a model: maximise L over all distributions q
        argmax, constraint = self.maximise(general, leaving)
        # With many classes: a product of 150 unknowns, awkward to differentiate
        formulas = self.many_classes(argmax, constraint, row)
        # And the product underflows in floating point; what we need is the logarithm
        self.underflow(formulas)

    def general_formula(self, row: VGroup) -> tuple[MathTex, list[VGroup]]:
        """Beats 1-2: the counts group the likelihood into powers; n_i = N p_i gives the general formula."""
        data = self.data
        k = len(data.classes)
        counts = counts_formulas(data)
        counts_row = flow(counts, usable_width(), h_buff=0.6)
        instance = instance_formula(data)
        ni = frequency_formulas(data)
        rule = MathTex("n_i = N\\,p_i", ":", font_size=FORMULA_SIZE - 6, color=TEXT)
        ni_row = flow([rule, *ni], usable_width(), h_buff=0.6)
        general = MathTex("L(q)", "=", prod("n_i", k), "=", prod("N p_i", k), font_size=FORMULA_SIZE, color=TEXT)
        general[4].set_color(ACCENT)
        layout = VGroup(ni_row, instance, general).arrange(DOWN, buff=0.6)
        before = layout.height
        in_band(layout, CONTENT_TOP, centred=True)
        counts_row.scale(layout.height / before).move_to(ni_row)

        with self.beat(instance_caption(data.classes, data.counts), shows=instance_shows(data)):
            self.play(LaggedStart(*(FadeIn(c, shift=DOWN * 0.2) for c in row), lag_ratio=0.15), run_time=1.2)
            self.play(LaggedStart(*(FadeIn(c) for c in counts), lag_ratio=0.3), run_time=1.2)
            self.play(
                FadeIn(VGroup(*instance[:2])),
                *(TransformFromCopy(VGroup(c[0], c[2]), instance[2 + i]) for i, c in enumerate(counts)),
                run_time=1.5,
            )
            settle(self, instance)

        # n_i = N p_i beside the data's instance; the instance turned into the general form
        with self.beat(general_caption(data.n), shows=general_shows(data)):
            self.play(
                *(TransformMatchingTex(a, b) for a, b in zip(counts, ni, strict=True)),
                FadeIn(rule),
                run_time=1.5,
            )
            self.play(TransformFromCopy(instance, VGroup(*general[:3])), run_time=1.5)
            self.play(Write(general[3:]), run_time=1.2)
            settle(self, general)
            self.play(Circumscribe(general[4], color=ACCENT))
        return general, [ni_row, instance]

    def maximise(self, general: MathTex, leaving: list[VGroup]) -> tuple[MathTex, MathTex]:
        """Beat 3: the fitted guess maximises L over all distributions q; ``leaving`` fades out."""
        k = len(self.data.classes)
        argmax = MathTex(
            "\\hat q", "=", "\\mathop{\\mathrm{argmax}}_{q}", prod("N p_i", k), font_size=FORMULA_SIZE, color=TEXT
        )
        argmax[0].set_color(ACCENT)
        argmax[3].set_color(ACCENT)
        constraint = MathTex(
            "\\text{over all } q:\\quad q_i \\ge 0,\\ \\ \\sum_i q_i = 1", font_size=FORMULA_SIZE - 10, color=MUTED
        )
        VGroup(argmax, constraint).arrange(DOWN, buff=0.35).next_to([0, CONTENT_TOP, 0], DOWN, buff=0.2)
        with self.beat(argmax_caption(k), shows=argmax_shows(k)):
            self.play(*(FadeOut(m) for m in leaving), run_time=0.8)
            self.play(TransformMatchingTex(general, argmax), run_time=1.8)
            self.play(FadeIn(constraint, shift=UP * 0.2))
        return argmax, constraint

    def many_classes(self, argmax: MathTex, constraint: MathTex, row: VGroup) -> VGroup:
        """L with 150 unknown factors, and one of its 150 partial derivatives."""
        u = self.data.underflow
        m = u.factors
        expanded = MathTex(
            "L(q)",
            "=",
            "q_1^{n_1}\\, q_2^{n_2}\\, q_3^{n_3}",
            "\\cdots",
            f"q_{{{m}}}^{{n_{{{m}}}}}",
            font_size=FORMULA_SIZE,
            color=TEXT,
        )
        derivative = MathTex(
            "\\frac{\\partial L}{\\partial q_1}",
            "=",
            "n_1\\, q_1^{n_1 - 1}\\, q_2^{n_2}\\, q_3^{n_3}",
            "\\cdots",
            f"q_{{{m}}}^{{n_{{{m}}}}}",
            font_size=FORMULA_SIZE,
            color=TEXT,
        )
        derivative[2][:2].set_color(ACCENT)
        note = label(f"… and one such product for each of the {m} unknowns", size=BODY_SIZE, color=MUTED)
        count = label(f"{m} classes", size=BODY_SIZE, color=ACCENT)
        group = VGroup(count, expanded, derivative, note).arrange(DOWN, buff=0.5)
        in_band(group, constraint.get_bottom()[1] - 0.6)
        with self.beat(many_caption(u), shows=many_shows(u)):
            self.play(FadeOut(row), FadeIn(count, shift=DOWN * 0.2))
            self.play(TransformFromCopy(argmax[3], expanded), run_time=1.5)
            self.play(Circumscribe(expanded[2:], color=ACCENT), run_time=1.2)
            self.play(TransformFromCopy(expanded, derivative), run_time=1.5)
            self.play(FadeIn(note))
        return VGroup(argmax, constraint, group)

    def underflow(self, formulas: VGroup) -> None:
        """Beats 5-6: 150 factors of 1/150, exact value vs. the float64 product, factor by factor; the way out."""
        u = self.data.underflow
        m = u.factors
        heading = MathTex(
            underbrace(u),
            font_size=FORMULA_SIZE - 4,
            color=TEXT,
        )
        squares = VGroup(
            *(Square(side_length=0.26, stroke_color=MUTED, stroke_width=1.5, fill_opacity=0) for _ in range(m))
        ).arrange_in_grid(cols=GRID_COLUMNS, buff=0.07)
        tracker = ValueTracker(0)
        counter = DecimalNumber(0, num_decimal_places=0, font_size=FORMULA_SIZE, color=TEXT)
        counter.add_updater(lambda d: d.set_value(tracker.get_value()))
        counter_label = label("factors multiplied:", size=BODY_SIZE, color=MUTED)
        counter_row = VGroup(counter_label, counter).arrange(RIGHT, buff=0.25)
        exact = MathTex("\\text{exact product:}\\;", "\\approx", exact_power(u), font_size=FORMULA_SIZE - 4, color=TEXT)
        floats = MathTex("\\text{float64 product:}\\;", float_result(u), font_size=FORMULA_SIZE - 4, color=TEXT)
        floats[1].set_color(ACCENT)
        after = (
            label(f"0.0 after {u.zero_after} factors", size=BODY_SIZE, color=ACCENT)
            if u.zero_after is not None
            else label("never exactly 0.0", size=BODY_SIZE, color=MUTED)
        )
        right = VGroup(counter_row, exact, floats, after).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        body = VGroup(squares, right).arrange(RIGHT, buff=0.8)
        layout = VGroup(heading, body).arrange(DOWN, buff=0.45)
        in_band(layout, CONTENT_TOP)

        stop = u.zero_after if u.zero_after is not None else m
        with self.beat(underflow_caption(u), shows=underflow_shows(u)):
            self.play(FadeOut(formulas), run_time=0.8)
            self.play(FadeIn(heading), FadeIn(squares), FadeIn(counter_row), run_time=1.0)
            self.play(
                tracker.animate.set_value(stop),
                LaggedStart(*(s.animate.set_fill(TEXT, opacity=0.7) for s in squares[:stop]), lag_ratio=1.0),
                run_time=3.0,
                rate_func=linear,
            )
            self.play(FadeIn(exact, shift=LEFT * 0.2))
            if u.zero_after is not None:
                self.play(
                    squares[stop - 1].animate.set_fill(ACCENT, opacity=1),
                    FadeIn(floats, shift=LEFT * 0.2),
                    FadeIn(after, shift=LEFT * 0.2),
                )
            else:
                self.play(FadeIn(floats), FadeIn(after))
            rest = squares[stop:]
            if len(rest):
                self.play(
                    tracker.animate.set_value(m),
                    *(s.animate.set_fill(MUTED, opacity=0.5) for s in rest),
                    run_time=0.8,
                )
            counter.clear_updaters()
            self.remove(tracker)

        with self.beat(
            "Products are hard to differentiate and vanish in floating point. What we need turns the product "
            "into a sum and keeps the maximum where it is: the logarithm.",
            shows=LOGARITHM_SHOWS,
        ):
            problems = VGroup(
                label("a product of many unknowns: awkward to differentiate", size=BODY_SIZE, color=MUTED),
                label("many factors below 1: underflows to 0.0", size=BODY_SIZE, color=MUTED),
            ).arrange(DOWN, buff=0.3)
            sum_hint = MathTex(
                "\\prod", "\\xrightarrow{\\ \\log\\ }", "\\sum", font_size=FORMULA_SIZE + 12, color=ACCENT
            )
            in_band(VGroup(problems, sum_hint).arrange(DOWN, buff=0.9), CONTENT_TOP, centred=True)
            self.play(FadeOut(VGroup(heading, body, exact, floats, after)), run_time=0.8)
            self.play(LaggedStart(*(FadeIn(p, shift=UP * 0.2) for p in problems), lag_ratio=0.4), run_time=1.2)
            self.play(Write(sum_hint), run_time=1.5)
