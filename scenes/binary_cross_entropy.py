"""Part 6: with two classes, the cross-entropy is the binary cross-entropy.

Writing :math:`p = (y, 1 - y)` and :math:`q = (\\hat y, 1 - \\hat y)` turns the
two-term cross-entropy into :math:`-[y \\log \\hat y + (1 - y) \\log(1 - \\hat y)]`;
averaged over :math:`N` labelled samples it is the BCE loss. In the candy
example :math:`y_n = 1` for the first class and :math:`\\hat y = q(\\text{first})`:
the scene shows each draw's label and loss for the first guess, then every
guess's mean BCE. With two classes that mean is the guess's cross-entropy from
the previous scene; with more, the scene says on screen that it is the first
class against the rest, whose minimum is the entropy of that split.
"""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    Mobject,
    ReplacementTransform,
    SurroundingRectangle,
    VGroup,
    Write,
)

from mathcore import GuessData
from scenes.base import LectureScene
from scenes.cross_entropy import (
    DATA_SIZE,
    FORMULA_SIZE,
    TABLE_SIZE,
    USABLE_WIDTH,
    Piece,
    Table,
    fixed,
    guess_color_of,
    guess_name_cell,
    heading,
    inline,
    morph,
    plain_number,
    spoken_fixed,
    with_unit,
)
from scenes.fmt import tex_log, tex_name, tex_number, unit
from scenes.mobjects import Candy, color_tex, fit_in_frame, label
from scenes.style import ACCENT, BEST, BODY_SIZE, MUTED, TEXT, guess_color

VALUE_SIZE = 26
"""Font size of the per-draw labels and losses."""


class BinaryCrossEntropy(LectureScene):
    """Binary cross-entropy: the two-class cross-entropy, averaged over labelled samples."""

    def construct(self) -> None:
        data = self.data
        self.log = tex_log(data.log_base)
        self.unit = unit(data.log_base)
        self.binary = len(data.classes) == 2
        self.first, self.c1 = data.classes[0], data.colors[0]
        self.other = data.classes[1] if self.binary else "rest"
        self.c2 = data.colors[1] if self.binary else MUTED
        self.heading = heading("Binary cross-entropy")
        formula = self.two_terms()
        bce = self.over_data_set(formula)
        self.labels(bce)
        mean = self.losses()
        table = self.guess_table(mean)
        self.minimum(table)

    # helpers --------------------------------------------------------------------------------------

    def sub(self, symbol: str, name: str) -> str:
        """``p_{\\text{red}}``."""
        return f"{symbol}_{{{tex_name(name)}}}"

    def bce_pieces(self, lead: Piece, y: str, y_hat: str, bracket: str) -> list[Piece]:
        """``lead = bracket y log y_hat + (1 - y) log(1 - y_hat) ]`` as coloured pieces."""
        return [
            lead,
            ("=", None),
            (bracket, None),
            (y, self.c1),
            (self.log, self.c1),
            (y_hat, self.c1),
            ("+", None),
            (f"(1 - {y})", self.c2),
            (self.log, self.c2),
            (f"(1 - {y_hat})", self.c2),
            (r"\Big]", None),
        ]

    def place_below_heading(self, mob: Mobject, buff: float = 0.3) -> Mobject:
        """Put ``mob`` under the heading (and under the first-against-rest note)."""
        anchor = self.heading if self.binary else self.note
        return mob.next_to(anchor, DOWN, buff=buff).set_x(0)

    # beat 1 ----------------------------------------------------------------------------------------

    def two_terms(self) -> MathTex:
        """Beat 1: H(p, q) with two terms becomes -[y log y_hat + (1 - y) log(1 - y_hat)]."""
        data = self.data
        first, other = self.first, self.other
        p1, q1, p2, q2 = (self.sub(s, n) for s, n in (("p", first), ("q", first), ("p", other), ("q", other)))
        sum_form = color_tex(
            [
                ("H(p, q)", None),
                ("=", None),
                (r"-\Big[", None),
                (p1, self.c1),
                (self.log, self.c1),
                (q1, self.c1),
                ("+", None),
                (p2, self.c2),
                (self.log, self.c2),
                (q2, self.c2),
                (r"\Big]", None),
            ],
            font_size=FORMULA_SIZE,
        )
        binary_form = color_tex(self.bce_pieces(("H(p, q)", None), "y", r"\hat y", r"-\Big["), FORMULA_SIZE)
        for mob in (sum_form, binary_form):
            fit_in_frame(mob).move_to(DOWN * 0.6)
        definitions = VGroup(
            color_tex(
                [
                    ("p = (", None),
                    (p1, self.c1),
                    (",", None),
                    (p2, self.c2),
                    (") = (", None),
                    ("y", self.c1),
                    (",", None),
                    ("1 - y", self.c2),
                    (")", None),
                ],
                font_size=DATA_SIZE,
            ),
            color_tex(
                [
                    ("q = (", None),
                    (q1, self.c1),
                    (",", None),
                    (q2, self.c2),
                    (") = (", None),
                    (r"\hat y", self.c1),
                    (",", None),
                    (r"1 - \hat y", self.c2),
                    (")", None),
                ],
                font_size=DATA_SIZE,
            ),
        ).arrange(DOWN, buff=0.3)
        fit_in_frame(definitions)
        definitions.next_to(sum_form, UP, buff=0.6)
        intro: list[Mobject] = [self.heading]
        if self.binary:
            caption = (
                "With two classes the cross-entropy has just two terms. Write p as y and 1 minus y, and q as "
                "y-hat and 1 minus y-hat: it becomes the binary cross-entropy of one sample."
            )
        else:
            self.note = fit_in_frame(
                label(f"{len(data.classes)} colours: {first} against the rest", size=BODY_SIZE, color=ACCENT)
            ).next_to(self.heading, DOWN, buff=0.25)
            intro.append(self.note)
            caption = (
                f"With {len(data.classes)} colours we ask a yes-or-no question instead: is the candy {first}, "
                "or one of the rest? Then p is y and 1 minus y, q is y-hat and 1 minus y-hat, and the two-term "
                "cross-entropy is the binary cross-entropy."
            )
        with self.beat(caption):
            self.play(*(FadeIn(m) for m in intro), Write(sum_form), run_time=1.5)
            self.play(FadeIn(definitions, shift=DOWN * 0.2))
            morph(
                self,
                sum_form,
                binary_form,
                key_map={p1: "y", q1: r"\hat y", p2: "(1 - y)", q2: r"(1 - \hat y)"},
                run_time=2,
            )
        self.definitions = definitions
        return binary_form

    # beat 2 ----------------------------------------------------------------------------------------

    def over_data_set(self, formula: MathTex) -> MathTex:
        """Beat 2: averaged over N labelled samples, it is the BCE loss."""
        bce = color_tex(
            self.bce_pieces((r"\text{BCE}", ACCENT), "y_n", r"\hat y_n", r"-\frac{1}{N}\sum_{n=1}^{N}\Big["),
            font_size=FORMULA_SIZE,
        )
        fit_in_frame(bce).move_to(formula)
        with self.beat(
            "A data set has N labelled samples, each with its own label y_n and prediction y-hat_n. "
            "The binary cross-entropy is this loss averaged over the samples."
        ):
            self.play(FadeOut(self.definitions))
            morph(
                self,
                formula,
                bce,
                key_map={
                    "H(p, q)": r"\text{BCE}",
                    r"-\Big[": r"-\frac{1}{N}\sum_{n=1}^{N}\Big[",
                    "y": "y_n",
                    r"\hat y": r"\hat y_n",
                    "(1 - y)": "(1 - y_n)",
                    r"(1 - \hat y)": r"(1 - \hat y_n)",
                },
                run_time=2,
            )
        return bce

    # beat 3 ----------------------------------------------------------------------------------------

    def labels(self, bce: MathTex) -> None:
        """Beat 3: the draws in a row, each with its label y_n (1 for the first class)."""
        data = self.data
        n = len(data.draws)
        names = VGroup(*(MathTex(s, font_size=DATA_SIZE, color=MUTED) for s in ("x_n", "y_n", r"\ell_n")))
        label_width = max(m.width for m in names)
        self.pitch = min(1.2, (USABLE_WIDTH - label_width - 0.4) / n)
        radius = min(0.22, self.pitch * 0.22)
        candies = VGroup(*(Candy(data.colors[data.classes.index(d)], radius=radius) for d in data.draws))
        ys = VGroup(*(MathTex(str(y), font_size=VALUE_SIZE + 4, color=self.c1 if y else self.c2) for y in data.labels))
        if self.binary:
            legend_pieces: list[Piece] = [
                ("y_n = 1", self.c1),
                (rf"\text{{ for {self.first}}},\quad", self.c1),
                ("y_n = 0", self.c2),
                (rf"\text{{ for {self.other}}}", self.c2),
            ]
        else:
            legend_pieces = [
                ("y_n = 1", self.c1),
                (rf"\text{{ for {self.first}}},\quad", self.c1),
                ("y_n = 0", self.c2),
                (r"\text{ for any other colour}", self.c2),
            ]
        legend = fit_in_frame(color_tex(legend_pieces, font_size=DATA_SIZE))
        target = bce.copy().scale(0.75)
        self.place_below_heading(target, buff=0.3)
        fit_in_frame(target)
        legend.next_to(target, DOWN, buff=0.35).set_x(0)
        grid_left = -(label_width + 0.4 + n * self.pitch) / 2
        row_y = [legend.get_bottom()[1] - 0.55 - 0.6 * r for r in range(3)]
        self.columns_x = [grid_left + label_width + 0.4 + (i + 0.5) * self.pitch for i in range(n)]
        for name, y in zip(names, row_y, strict=True):
            name.move_to([grid_left + label_width / 2, y, 0])
        for candy, y_mob, x in zip(candies, ys, self.columns_x, strict=True):
            candy.move_to([x, row_y[0], 0])
            y_mob.move_to([x, row_y[1], 0])
        self.row_y = row_y
        if self.binary:
            caption = (
                f"In the candy example each draw is a sample: y_n is 1 for a {self.first} candy "
                f"and 0 for a {self.other} one."
            )
        else:
            caption = (
                f"In the candy example each draw is a sample: y_n is 1 for a {self.first} candy "
                "and 0 for a candy of any other colour."
            )
        with self.beat(caption):
            self.play(bce.animate.become(target))
            self.play(FadeIn(legend), FadeIn(names[:2]))
            self.play(LaggedStart(*(FadeIn(c, scale=0.5) for c in candies), lag_ratio=0.1), run_time=1.5)
            self.play(LaggedStart(*(FadeIn(y, shift=DOWN * 0.15) for y in ys), lag_ratio=0.1), run_time=1.5)
        self.rows = VGroup(legend, names, candies, ys)
        self.bce = bce

    # beat 4 ----------------------------------------------------------------------------------------

    def losses(self) -> MathTex:
        """Beat 4: the first guess's prediction, each draw's loss, and their mean."""
        data = self.data
        g = data.guesses[0]
        color = guess_color(0)
        places = 4 if self.pitch >= 0.9 else (3 if self.pitch >= 0.75 else 2)
        losses = VGroup()
        for loss, y, x in zip(g.bce, data.labels, self.columns_x, strict=True):
            losses.add(
                MathTex(fixed(loss, places), font_size=VALUE_SIZE, color=self.c1 if y else self.c2).move_to(
                    [x, self.row_y[2], 0]
                )
            )
        prediction = color_tex(
            [
                (r"\hat y_n", self.c1),
                ("=", None),
                (f"q_{{{tex_name(g.name)}}}(", color),
                (tex_name(self.first), self.c1),
                (")", color),
                ("=", None),
                (inline(tex_number(g.y_hat)), color),
                (r"\quad\text{for every draw}", MUTED),
            ],
            font_size=DATA_SIZE,
        )
        fit_in_frame(prediction).next_to(losses, DOWN, buff=0.45).set_x(0)
        mean = color_tex(
            [
                (rf"\text{{BCE}}(q_{{{tex_name(g.name)}}})", color),
                ("=", None),
                (rf"\tfrac{{1}}{{{data.n}}}\textstyle\sum_{{n=1}}^{{{data.n}}} \ell_n", None),
                ("=", None),
                (fixed(g.bce_mean), color),
                *([(rf"\ \text{{{self.unit}}}", color)] if g.bce_mean != float("inf") else []),
            ],
            font_size=DATA_SIZE,
        )
        fit_in_frame(mean).next_to(prediction, DOWN, buff=0.3).set_x(0)
        if g.bce_mean == float("inf"):
            average = "one infinite loss makes the average infinite"
        else:
            average = f"their average is {spoken_fixed(g.bce_mean, self.unit)}"
        with self.beat(
            f"Take the {g.name} guess: it predicts y-hat = {plain_number(g.y_hat)} for every draw. Each draw's "
            f"loss is minus the log of the probability the guess gave to that draw's label, and {average}."
        ):
            self.play(FadeIn(prediction, shift=UP * 0.2))
            self.play(
                FadeIn(self.rows[1][2]),
                LaggedStart(*(FadeIn(m, shift=DOWN * 0.15) for m in losses), lag_ratio=0.1),
                run_time=1.5,
            )
            self.play(Write(mean), run_time=1.5)
        self.rows.add(losses, prediction)
        return mean

    # beats 5 and 6 ---------------------------------------------------------------------------------

    def guess_table(self, mean: MathTex) -> Table:
        """Beat 5: every guess's y_hat and mean BCE (and, with two classes, its cross-entropy)."""
        data = self.data
        header: list[Mobject | None] = [
            label("guess", size=BODY_SIZE, color=MUTED),
            color_tex([(r"\hat y = q(", MUTED), (tex_name(self.first), self.c1), (")", MUTED)], TABLE_SIZE),
            MathTex(r"\text{BCE}", font_size=TABLE_SIZE, color=MUTED),
            None,
            MathTex("H(p, q)", font_size=TABLE_SIZE, color=MUTED) if self.binary else None,
        ]
        rows: list[list[Mobject | None]] = [header]
        for g in data.all_guesses:
            rows.append(self.table_row(g))
        table = Table(rows, "lcccc")
        table.group.set_x(0).align_to([0, self.bce.get_bottom()[1] - 0.5, 0], UP)
        shown = [0, 1, 2]
        self.first_columns = VGroup(*(table.row(r, shown) for r in range(len(rows))))
        self.table_offset = -self.first_columns.get_x()
        self.first_columns.shift(RIGHT * self.table_offset)
        first_cell = table.cells[1][2]
        value = mean[4].copy()
        others = [r for r in range(len(rows)) if r != 1]
        with self.beat(
            "Do the same for every guess: the lower its average binary cross-entropy, "
            "the more likely the guess makes the labels."
        ):
            self.add(value)
            self.play(FadeOut(self.rows), FadeOut(mean), FadeIn(table.row(1, [0, 1])))
            self.play(ReplacementTransform(value, first_cell))
            self.play(
                LaggedStart(*(FadeIn(table.row(r, shown), shift=UP * 0.15) for r in others), lag_ratio=0.25),
                run_time=2,
            )
        return table

    def table_row(self, g: GuessData) -> list[Mobject | None]:
        color = guess_color_of(self.data, g)
        return [
            guess_name_cell(self.data, g),
            MathTex(inline(tex_number(g.y_hat)), font_size=TABLE_SIZE, color=color),
            MathTex(fixed(g.bce_mean), font_size=TABLE_SIZE, color=color),
            MathTex("=", font_size=TABLE_SIZE, color=TEXT) if self.binary else None,
            MathTex(fixed(g.cross_entropy), font_size=TABLE_SIZE, color=color) if self.binary else None,
        ]

    def minimum(self, table: Table) -> None:
        """Beat 6: equal to the cross-entropy (two classes) or first against the rest; minimum at q = p."""
        data = self.data
        best_row = len(table.cells) - 1
        value = with_unit(data.binary_entropy, self.unit)
        if self.binary:
            entropy_tex = "H(p)"
            caption = (
                "With two colours each guess's average binary cross-entropy is exactly its cross-entropy "
                "from before, and the best guess, q equal to p, reaches the minimum, the entropy of p: "
                f"{spoken_fixed(data.binary_entropy, self.unit)}."
            )
        else:
            p1 = f"p_{{{tex_name(self.first)}}}"
            entropy_tex = rf"H\big({p1},\, 1 - {p1}\big)"
            caption = (
                f"With more than two colours this average is the cross-entropy of {self.first} against the rest, "
                f"not the full cross-entropy over all colours. Its minimum, at y-hat equal to the share of "
                f"{self.first}, is the entropy of that split: {spoken_fixed(data.binary_entropy, self.unit)}."
            )
        minimum = color_tex(
            [(r"\min\,\text{BCE}", BEST), ("=", None), (entropy_tex, BEST), ("=", None), (value, BEST)],
            font_size=DATA_SIZE,
        )
        fit_in_frame(minimum)
        with self.beat(caption):
            if self.binary:
                self.play(self.first_columns.animate.shift(LEFT * self.table_offset))
                self.play(
                    LaggedStart(
                        *(FadeIn(table.row(r, [3, 4]), shift=LEFT * 0.2) for r in range(len(table.cells))),
                        lag_ratio=0.2,
                    ),
                    run_time=2,
                )
            else:
                caveat = fit_in_frame(
                    label(
                        f"{self.first} against the rest: the cross-entropy of this split, not the full H(p, q)",
                        size=BODY_SIZE - 2,
                        color=ACCENT,
                    )
                ).move_to(self.note)
                self.play(ReplacementTransform(self.note, caveat), run_time=1.5)
            minimum.next_to(table.group if self.binary else self.first_columns, DOWN, buff=0.4).set_x(0)
            box = SurroundingRectangle(table.row(best_row), color=BEST, buff=0.08)
            self.play(Create(box), FadeIn(minimum, shift=UP * 0.2), run_time=1.5)
