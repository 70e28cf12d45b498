"""Recap: from the likelihood to binary cross-entropy in one picture.

The scene retraces the lecture's chain as a vertical flow, each step a
transformation of the previous formula: the likelihood
:math:`L(q) = \\prod_i q_i^{n_i}`; its log (same argmax) :math:`\\sum_i n_i \\log q_i`;
divided by :math:`-N`, the cross-entropy :math:`H(p, q)`; with two classes (or
the first class against the rest) the binary cross-entropy. Beside it, the
take-home: maximising the likelihood is minimising the cross-entropy, shown on
the lecture's guesses, whose minimum :math:`H(p)` is reached at :math:`q = p`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    GrowArrow,
    LaggedStart,
    MathTex,
    Mobject,
    SurroundingRectangle,
    TransformFromCopy,
    TransformMatchingTex,
    VGroup,
    Write,
    config,
)

from mathcore import GuessData
from scenes.base import LectureScene
from scenes.parts.describe import said_fixed, said_log
from scenes.parts.formatting import tex_fixed, tex_log, tex_name, text_fixed, unit
from scenes.parts.layout import fit
from scenes.parts.mobjects import color_tex, label
from scenes.parts.style import ACCENT, BEST, FORMULA, FRAME_MARGIN, MUTED, SMALL_SIZE, TEXT, guess_color
from scenes.parts.table import Table

FORMULA_SIZE = FORMULA.flow
NOTE_SIZE = FORMULA.aside
PANEL_SIZE = 26
"""Text size of the take-home panel."""
ARROW_LENGTH = 0.75
ROW_PITCH = 0.52
FLOW_RIGHT = 1.4
"""The flow (formulas and arrow labels) stays left of this x; the take-home panel is to its right."""


def likelihood_tex() -> MathTex:
    r""":math:`L(q) = \prod_i q_i^{n_i}`."""
    return MathTex("L(q)", "=", "\\prod_i", "q_i^{n_i}", font_size=FORMULA_SIZE, color=TEXT)


def log_likelihood_tex(lg: str) -> MathTex:
    r""":math:`\log L(q) = \sum_i n_i \log q_i` in the lecture's base."""
    return MathTex(lg, "L(q)", "=", "\\sum_i", "n_i", lg, "q_i", font_size=FORMULA_SIZE, color=TEXT)


def cross_entropy_tex(lg: str) -> MathTex:
    r""":math:`-\frac{1}{N} \log L(q) = -\sum_i p_i \log q_i = H(p, q)`."""
    return MathTex(
        "-\\frac{1}{N}", lg, "L(q)", "=", "-\\sum_i", "p_i", lg, "q_i", "=", "H(p, q)",
        font_size=FORMULA_SIZE,
        color=TEXT,
    )  # fmt: skip


def bce_tex(lg: str, first: str, rest: str) -> MathTex:
    r""":math:`\mathrm{BCE} = -[y \log \hat y + (1-y) \log(1-\hat y)]`, the first class's term in its colour."""
    return color_tex(
        [
            ("\\mathrm{BCE}", None),
            ("=", None),
            ("-\\big[", None),
            ("y", first),
            (lg, first),
            ("\\hat y", first),
            ("+", None),
            ("(1-y)", rest),
            (lg, rest),
            ("(1-\\hat y)", rest),
            ("\\big]", None),
        ],
        font_size=FORMULA_SIZE,
    )


def bce_note(first_name: str, first: str) -> MathTex:
    r""":math:`y = p_\text{red}, \hat y = q_\text{red}`: what y and y-hat are in the candy example."""
    name = tex_name(first_name)
    return MathTex(
        f"y = p_{{{name}}}", ",\\quad", f"\\hat y = q_{{{name}}}", font_size=NOTE_SIZE, color=first
    ).set_color_by_tex(",", MUTED)


def flow_arrow(text: str) -> VGroup:
    """A downward arrow with its short label to the right."""
    arrow = Arrow(UP * ARROW_LENGTH / 2, DOWN * ARROW_LENGTH / 2, buff=0, color=MUTED, stroke_width=4)
    note = label(text, size=SMALL_SIZE, color=MUTED).next_to(arrow, RIGHT, buff=0.25)
    return VGroup(arrow, note)


def guess_rows(names: Sequence[Mobject], colors: Sequence[str], values: Sequence[str]) -> VGroup:
    """One row per guess: its name, then its cross-entropy in its colour; names and values left-aligned."""
    cells = [
        [name, MathTex(value, font_size=NOTE_SIZE, color=color)]
        for name, color, value in zip(names, colors, values, strict=True)
    ]
    table = Table(cells, "ll", col_gap=0.4, min_pitch=ROW_PITCH, pad=0.0)
    return VGroup(*(table.row(r) for r in range(len(cells))))


class Recap(LectureScene):
    """The chain likelihood -> log-likelihood -> cross-entropy -> BCE, and the take-home message."""

    def construct(self) -> None:
        # The chain: likelihood -> log-likelihood -> cross-entropy -> binary cross-entropy
        cross_entropy = self.show_chain()
        # The take-home: maximising the likelihood is minimising H(p, q), whose minimum H(p) is at q = p
        self.show_take_home(cross_entropy)

    def show_chain(self) -> MathTex:
        """Beats 1-4: each formula of the chain turns into the next, below an arrow naming the step.

        Returns the cross-entropy formula (its last part, ``H(p, q)``, feeds the take-home).
        """
        data = self.data
        lg = tex_log(data.log_base)
        said = said_log(data.log_base)
        two_classes = len(data.classes) == 2
        first = data.colors[0]
        f1 = likelihood_tex()
        f2 = log_likelihood_tex(lg)
        f3 = cross_entropy_tex(lg)
        f4 = bce_tex(lg, first, data.colors[1] if two_classes else MUTED)
        note = bce_note(data.classes[0], first)
        a1 = flow_arrow("take the log: same argmax")
        a2 = flow_arrow("divide by −N")
        a3 = flow_arrow("two classes" if two_classes else "first class vs the rest")
        layout_flow([f1, a1, f2, a2, f3, a3, f4, note])

        with self.beat(
            "To recap: the likelihood of a guess q multiplies its probability of every draw, "
            "and equal factors group into powers: q_i to the n_i.",
            shows="On the left, the likelihood: L of q equals the product over i of q sub i to the power n sub i.",
        ):
            self.play(Write(f1), run_time=1.5)

        with self.beat(
            "Taking the log turns the product into a sum. The log is increasing, "
            "so the best guess stays exactly where it was.",
            shows="Below it, an arrow, take the log: same argmax, and the log-likelihood: "
            f"{said} L of q equals the sum over i of n sub i times {said} q sub i.",
        ):
            self.play(GrowArrow(a1[0]), FadeIn(a1[1], shift=LEFT * 0.2))
            self.play(TransformMatchingTex(f1.copy(), f2), run_time=1.5)

        with self.beat(
            "Dividing by minus N turns the counts into frequencies, n_i / N = p_i, "
            "and what is left is the cross-entropy H(p, q).",
            shows="Below, an arrow, divide by minus N, and the cross-entropy: minus 1 over N times "
            f"{said} L of q equals minus the sum over i of p sub i times {said} q sub i, "
            "which is H of p and q.",
        ):
            self.play(GrowArrow(a2[0]), FadeIn(a2[1], shift=LEFT * 0.2))
            self.play(TransformMatchingTex(f2.copy(), f3), run_time=1.5)

        red = data.classes[0]
        with self.beat(
            f"With two classes, y is the share of {red} and y-hat the guess's probability of {red}: "
            "the cross-entropy becomes the binary cross-entropy."
            if two_classes
            else f"Taking the first class against the rest, y is the share of {red} and y-hat the guess's "
            f"probability of {red}: that gives the binary cross-entropy.",
            shows=f"Below, an arrow, {'two classes' if two_classes else 'first class vs the rest'}, and the binary "
            f"cross-entropy: BCE equals minus the bracket y times {said} y hat plus 1 minus y times {said} "
            f"of 1 minus y hat, where y is p of {red} and y hat is q of {red}.",
        ):
            self.play(GrowArrow(a3[0]), FadeIn(a3[1], shift=LEFT * 0.2))
            self.play(TransformMatchingTex(f3.copy(), f4), run_time=1.5)
            self.play(FadeIn(note, shift=UP * 0.1))
        return f3

    def show_take_home(self, cross_entropy: MathTex) -> None:
        """Beats 5-6: maximising L is minimising H(p, q), on the guesses; the minimum H(p) at q = p."""
        data = self.data
        u = unit(data.log_base)
        panel_x = (FLOW_RIGHT + config.frame_width / 2 - FRAME_MARGIN) / 2
        panel_w = config.frame_width / 2 - FRAME_MARGIN - FLOW_RIGHT - 0.2
        take_home = fit(
            VGroup(
                label("maximising likelihood", size=PANEL_SIZE, color=TEXT),
                MathTex("=", font_size=60, color=ACCENT),
                label("minimising cross-entropy", size=PANEL_SIZE, color=TEXT),
            ).arrange(DOWN, buff=0.12),
            width=panel_w,
        )
        header = MathTex(f"H(p, q)\\ \\text{{of each guess, in {u}}}", font_size=NOTE_SIZE, color=MUTED)
        rows = self.cross_entropy_rows()
        table = VGroup(header, rows).arrange(DOWN, buff=0.3).next_to(take_home, DOWN, buff=0.55)
        for part in (take_home, header, rows):
            part.set_x(panel_x)
        best_row = rows[-1]
        best_box = SurroundingRectangle(best_row, color=BEST, buff=0.12, corner_radius=0.08)
        minimum = MathTex(
            "\\min_q H(p, q)", "=", "H(p)", "=", tex_fixed(data.entropy), f"\\text{{ {u}}}",
            font_size=NOTE_SIZE,
            color=BEST,
        )  # fmt: skip
        at_p = MathTex("\\text{at }", "q = p", font_size=NOTE_SIZE, color=BEST)
        bottom = fit(VGroup(minimum, at_p).arrange(DOWN, buff=0.15), width=panel_w)
        bottom.next_to(best_box, DOWN, buff=0.35).set_x(panel_x)
        VGroup(take_home, table, best_box, bottom).set_y(0)

        with self.beat(
            "So maximising the likelihood is the same as minimising the cross-entropy: "
            "the more likely a guess, the smaller its cross-entropy.",
            shows=f"On the right: maximising likelihood equals minimising cross-entropy. Below, H of p and q of each "
            f"guess, in {u}, from least to most likely: "
            + "; ".join(f"{g.name}, {said_fixed(g.cross_entropy)}" for g in self.ranked_guesses())
            + ".",
        ):
            self.play(FadeIn(take_home, shift=DOWN * 0.2), run_time=1.2)
            self.play(FadeIn(header))
            self.play(
                LaggedStart(*(FadeIn(r, shift=UP * 0.15) for r in rows[:-1]), lag_ratio=0.3),
                run_time=1.5,
            )

        with self.beat(
            "No guess does better than q = p, the training set's own frequencies: its cross-entropy is "
            f"the entropy H(p), {text_fixed(data.entropy)} {u} here.",
            shows=f"The row q = p is added and boxed, {said_fixed(data.entropy)}; below it, the minimum over q of "
            f"H of p and q equals H of p, {said_fixed(data.entropy)} {u}, at q = p.",
        ):
            self.play(FadeIn(best_row, shift=UP * 0.15), Create(best_box), run_time=1.2)
            self.play(TransformFromCopy(cross_entropy[-1], minimum), run_time=1.5)
            self.play(FadeIn(at_p, shift=UP * 0.1))

    def ranked_guesses(self) -> list[GuessData]:
        """The teacher's guesses from least to most likely (the rows' order)."""
        by_name = {g.name: g for g in self.data.guesses}
        return [by_name[n] for n in reversed(self.data.ranking)]

    def cross_entropy_rows(self) -> VGroup:
        """The teacher's guesses from least to most likely with their H(p, q), then q = p with H(p)."""
        data = self.data
        index = {g.name: i for i, g in enumerate(data.guesses)}
        by_name = {g.name: g for g in data.guesses}
        order = list(reversed(data.ranking))
        return guess_rows(
            [
                *(label(n, size=SMALL_SIZE, color=guess_color(index[n])) for n in order),
                MathTex("q = p", font_size=NOTE_SIZE, color=BEST),
            ],
            [*(guess_color(index[n]) for n in order), BEST],
            [*(tex_fixed(by_name[n].cross_entropy) for n in order), tex_fixed(data.entropy)],
        )


def layout_flow(items: list[VGroup | MathTex]) -> None:
    """Stack the flow top to bottom, fitted to the frame's height and left of :data:`FLOW_RIGHT`.

    The formulas share one centre line; the arrows sit on it with their labels to the right.
    """
    flow = VGroup(*items).arrange(DOWN, buff=0.2)
    fit(flow, width=math.inf, height=config.frame_height - 2 * FRAME_MARGIN - 0.1)
    left = -config.frame_width / 2 + FRAME_MARGIN
    formulas = [m for m in items if isinstance(m, MathTex)]
    center_x = left + max(m.width for m in formulas) / 2
    for item in items:
        if isinstance(item, MathTex):
            item.set_x(center_x)
        else:
            item.shift(RIGHT * (center_x - item[0].get_x()))
    overflow = max(m.get_right()[0] for m in items) - FLOW_RIGHT
    if overflow > 0:
        width = FLOW_RIGHT - left
        flow.scale((width - 0.05) / (width + overflow)).align_to([left, 0, 0], LEFT)
    flow.set_y(0)
