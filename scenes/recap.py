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
    SurroundingRectangle,
    TransformFromCopy,
    TransformMatchingTex,
    VGroup,
    Write,
    config,
)

from .base import LectureScene
from .fmt import tex_fixed, tex_log, tex_name, text_fixed, unit
from .mobjects import color_tex, label
from .style import ACCENT, BEST, FRAME_MARGIN, MUTED, SMALL_SIZE, TEXT, guess_color

FORMULA_SIZE = 36
NOTE_SIZE = 30
PANEL_SIZE = 26
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


def guess_rows(names: Sequence[str], colors: Sequence[str], values: Sequence[str]) -> VGroup:
    """One row per guess: its name in its colour, then its cross-entropy; names and values aligned."""
    rows = VGroup()
    for name, color, value in zip(names, colors, values, strict=True):
        rows.add(VGroup(label(name, size=SMALL_SIZE, color=color), MathTex(value, font_size=NOTE_SIZE, color=color)))
    name_w = max(r[0].width for r in rows)
    for i, row in enumerate(rows):
        row[0].move_to([row[0].width / 2, -ROW_PITCH * i, 0])
        row[1].move_to([name_w + 0.4 + row[1].width / 2, -ROW_PITCH * i, 0])
    return rows


class Recap(LectureScene):
    """The chain likelihood -> log-likelihood -> cross-entropy -> BCE, and the take-home message."""

    def construct(self) -> None:
        data = self.data
        lg = tex_log(data.log_base)
        k = len(data.classes)
        first = data.colors[0]
        rest = data.colors[1] if k == 2 else MUTED
        u = unit(data.log_base)

        f1 = likelihood_tex()
        f2 = log_likelihood_tex(lg)
        f3 = cross_entropy_tex(lg)
        f4 = bce_tex(lg, first, rest)
        note = bce_note(data.classes[0], first)
        a1 = flow_arrow("take the log: same argmax")
        a2 = flow_arrow("divide by −N")
        a3 = flow_arrow("two classes" if k == 2 else "first class vs the rest")
        self._layout_flow([f1, a1, f2, a2, f3, a3, f4, note])

        with self.beat(
            "To recap: the likelihood of a guess q multiplies its probability of every draw, "
            "and equal factors group into powers: q_i to the n_i."
        ):
            self.play(Write(f1), run_time=1.5)

        with self.beat(
            "Taking the log turns the product into a sum. The log is increasing, "
            "so the best guess stays exactly where it was."
        ):
            self.play(GrowArrow(a1[0]), FadeIn(a1[1], shift=LEFT * 0.2))
            self.play(TransformMatchingTex(f1.copy(), f2), run_time=1.5)

        with self.beat(
            "Dividing by minus N turns the counts into frequencies, n_i / N = p_i, "
            "and what is left is the cross-entropy H(p, q)."
        ):
            self.play(GrowArrow(a2[0]), FadeIn(a2[1], shift=LEFT * 0.2))
            self.play(TransformMatchingTex(f2.copy(), f3), run_time=1.5)

        red = data.classes[0]
        two = (
            f"With two classes, y is the share of {red} and y-hat the guess's probability of {red}: "
            "the cross-entropy becomes the binary cross-entropy."
            if k == 2
            else f"Taking the first class against the rest, y is the share of {red} and y-hat the guess's "
            f"probability of {red}: that gives the binary cross-entropy."
        )
        with self.beat(two):
            self.play(GrowArrow(a3[0]), FadeIn(a3[1], shift=LEFT * 0.2))
            self.play(TransformMatchingTex(f3.copy(), f4), run_time=1.5)
            self.play(FadeIn(note, shift=UP * 0.1))

        panel_x = (FLOW_RIGHT + config.frame_width / 2 - FRAME_MARGIN) / 2
        panel_w = config.frame_width / 2 - FRAME_MARGIN - FLOW_RIGHT - 0.2
        take_home = VGroup(
            label("maximising likelihood", size=PANEL_SIZE, color=TEXT),
            MathTex("=", font_size=60, color=ACCENT),
            label("minimising cross-entropy", size=PANEL_SIZE, color=TEXT),
        ).arrange(DOWN, buff=0.12)
        if take_home.width > panel_w:
            take_home.scale_to_fit_width(panel_w)
        take_home.move_to([panel_x, 0, 0]).to_edge(UP, buff=FRAME_MARGIN + 0.15)

        order = list(reversed(data.ranking))
        index = {g.name: i for i, g in enumerate(data.guesses)}
        rows = guess_rows(
            [*order, "q = p"],
            [*(guess_color(index[n]) for n in order), BEST],
            [*(tex_fixed(data.guess(n).cross_entropy) for n in order), tex_fixed(data.entropy)],
        )
        header = label(f"H(p, q) of each guess, in {u}", size=SMALL_SIZE, color=MUTED)
        table = VGroup(header, rows).arrange(DOWN, buff=0.3)
        table.next_to(take_home, DOWN, buff=0.55).set_x(panel_x)
        header.set_x(panel_x)
        best_row = rows[-1]
        best_box = SurroundingRectangle(best_row, color=BEST, buff=0.12, corner_radius=0.08)
        minimum = MathTex(
            "\\min_q H(p, q)", "=", "H(p)", "=", tex_fixed(data.entropy), f"\\text{{ {u}}}",
            font_size=NOTE_SIZE,
            color=BEST,
        )  # fmt: skip
        at_p = MathTex("\\text{at }", "q = p", font_size=NOTE_SIZE, color=BEST)
        bottom = VGroup(minimum, at_p).arrange(DOWN, buff=0.15)
        if bottom.width > panel_w:
            bottom.scale_to_fit_width(panel_w)
        bottom.next_to(best_box, DOWN, buff=0.35).set_x(panel_x)
        VGroup(take_home, table, best_box, bottom).set_y(0)

        with self.beat(
            "So maximising the likelihood is the same as minimising the cross-entropy: "
            "the more likely a guess, the smaller its cross-entropy."
        ):
            self.play(FadeIn(take_home, shift=DOWN * 0.2), run_time=1.2)
            self.play(FadeIn(header))
            self.play(
                LaggedStart(*(FadeIn(r, shift=UP * 0.15) for r in rows[:-1]), lag_ratio=0.3),
                run_time=1.5,
            )

        with self.beat(
            "No guess does better than q = p, the training set's own frequencies: its cross-entropy is "
            f"the entropy H(p), {text_fixed(data.entropy)} {u} here."
        ):
            self.play(FadeIn(best_row, shift=UP * 0.15), Create(best_box), run_time=1.2)
            self.play(TransformFromCopy(f3[-1], minimum), run_time=1.5)
            self.play(FadeIn(at_p, shift=UP * 0.1))

    def _layout_flow(self, items: list) -> None:
        """Stack the flow top to bottom, scaled to the frame's height, left of :data:`FLOW_RIGHT`."""
        flow = VGroup(*items).arrange(DOWN, buff=0.2)
        height = config.frame_height - 2 * FRAME_MARGIN - 0.1
        if flow.height > height:
            flow.scale_to_fit_height(height)
        left = -config.frame_width / 2 + FRAME_MARGIN
        width = FLOW_RIGHT - left
        formulas = VGroup(*(m for m in items if isinstance(m, MathTex)))
        arrows = [m for m in items if not isinstance(m, MathTex)]
        # Arrows are centred under the formulas; their labels hang to the right.
        center_x = left + max(formulas.width, 0) / 2
        for arrow in arrows:
            arrow.shift(RIGHT * (center_x - arrow[0].get_x()))
        for formula in formulas:
            formula.set_x(center_x)
        overflow = max(m.get_right()[0] for m in items) - FLOW_RIGHT
        if overflow > 0:
            flow.scale((width - 0.05) / (width + overflow)).align_to([left, 0, 0], LEFT)
        flow.set_y(0)
