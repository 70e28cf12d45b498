r"""Part 6: with two classes, the cross-entropy is the binary cross-entropy.

Writing :math:`p = (y, 1 - y)` and :math:`q = (\hat y, 1 - \hat y)` turns the
two-term cross-entropy into :math:`-[y \log \hat y + (1 - y) \log(1 - \hat y)]`;
averaged over :math:`N` labelled samples it is the BCE loss. In the candy
example :math:`y_n = 1` for the first class and :math:`\hat y = q(\text{first})`:
the scene shows each draw's label and loss for the first guess, then every
guess's mean BCE. With two classes that mean is the guess's cross-entropy from
the previous scene; with more, the scene says on screen that it is the first
class against the rest, whose minimum is the entropy of that split.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

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

from mathcore import GuessData, LectureData, Number
from scenes.base import LectureScene
from scenes.parts.describe import said_fixed, said_list, said_log, said_number
from scenes.parts.formatting import (
    fixed,
    inline,
    plain_fraction,
    spoken_fixed,
    tex_decimal,
    tex_log,
    tex_name,
    tex_number,
    unit,
    with_unit,
)
from scenes.parts.formulas import Piece
from scenes.parts.layout import fit, usable_width
from scenes.parts.mobjects import Candy, color_tex, guess_name_cell, heading, label
from scenes.parts.style import ACCENT, BEST, BODY_SIZE, FORMULA, MUTED, TEXT, guess_color, guess_color_of
from scenes.parts.table import Columns, Table
from scenes.parts.transforms import morph


def spoken_probability(value: Number) -> str:
    """A probability for a caption: ``4/5``, or the decimal as on screen (``0.5``)."""
    if isinstance(value, Fraction):
        return plain_fraction(value)
    return tex_decimal(value)


def sub(symbol: str, name: str) -> str:
    """``p_{\\text{red}}``."""
    return f"{symbol}_{{{tex_name(name)}}}"


@dataclass(frozen=True)
class Split:
    """The two sides of the yes-or-no question: the first class against the second (two classes) or
    against the rest; each side's colour; the lecture's log and unit."""

    binary: bool
    first: str
    other: str
    c1: str
    c2: str
    log: str
    unit: str

    @classmethod
    def of(cls, data: LectureData) -> Split:
        binary = len(data.classes) == 2
        return cls(
            binary=binary,
            first=data.classes[0],
            other=data.classes[1] if binary else "rest",
            c1=data.colors[0],
            c2=data.colors[1] if binary else MUTED,
            log=tex_log(data.log_base),
            unit=unit(data.log_base),
        )

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

    def definition(self, symbol: str, pieces: tuple[str, str, str, str]) -> MathTex:
        """``p = (p_red, p_blue) = (y, 1 - y)`` from the four inner pieces."""
        a, b, c, d = pieces
        return color_tex(
            [
                (f"{symbol} = (", None),
                (a, self.c1),
                (",", None),
                (b, self.c2),
                (") = (", None),
                (c, self.c1),
                (",", None),
                (d, self.c2),
                (")", None),
            ],
            font_size=FORMULA.data,
        )


@dataclass(frozen=True)
class DrawRows:
    """The rows under the draws: their names (x_n, y_n, l_n), the draws' columns and the rows' heights."""

    names: VGroup
    xs: list[float]
    ys: list[float]
    pitch: float


def draw_rows(data: LectureData, legend: Mobject) -> DrawRows:
    """A column per draw, right of a column of the rows' names, centred; three rows under ``legend``."""
    n = len(data.draws)
    names = VGroup(*(MathTex(s, font_size=FORMULA.data, color=MUTED) for s in ("x_n", "y_n", r"\ell_n")))
    label_width = max(m.width for m in names)
    pitch = min(1.2, (usable_width() - label_width - 0.4) / n)
    columns = Columns.beside_gutter(label_width, 0.4, pitch, n)
    ys = [legend.get_bottom()[1] - 0.55 - 0.6 * r for r in range(3)]
    for name, y in zip(names, ys, strict=True):
        columns.place(name, 0, y)
    return DrawRows(names, [columns.x(i + 1) for i in range(n)], ys, pitch)


class BinaryCrossEntropy(LectureScene):
    """Binary cross-entropy: the two-class cross-entropy, averaged over labelled samples."""

    def construct(self) -> None:
        split = Split.of(self.data)
        title = heading("Binary cross-entropy")
        # With more than two classes: the first class against the rest
        note = None if split.binary else self.first_against_rest(title)
        top = title if note is None else note
        # H(p, q) with two terms becomes -[y log y_hat + (1 - y) log(1 - y_hat)]
        formula, definitions = self.two_terms(split, title, note)
        # Averaged over N labelled samples: the BCE loss
        bce = self.over_data_set(split, formula, definitions)
        # The draws as samples, each with its label y_n
        rows, shown = self.labels(split, bce, top)
        # The first guess: its prediction, each draw's loss, their mean
        mean = self.losses(split, rows, shown)
        # Every guess's mean BCE
        table, first_columns, offset = self.guess_table(split, bce, mean, shown)
        # Equal to the cross-entropy (two classes) or of first against the rest; minimum at q = p
        self.minimum(split, table, first_columns, offset, note)

    def first_against_rest(self, title: Mobject) -> Mobject:
        """The note under the heading that says which yes-or-no question the BCE asks."""
        data = self.data
        text = f"{len(data.classes)} colours: {data.classes[0]} against the rest"
        return fit(label(text, size=BODY_SIZE, color=ACCENT)).next_to(title, DOWN, buff=0.25)

    # beat 1 ----------------------------------------------------------------------------------------

    def two_terms(self, split: Split, title: Mobject, note: Mobject | None) -> tuple[MathTex, VGroup]:
        """Beat 1: H(p, q) with two terms becomes -[y log y_hat + (1 - y) log(1 - y_hat)]."""
        data = self.data
        first, other = split.first, split.other
        p1, q1, p2, q2 = (sub(s, n) for s, n in (("p", first), ("q", first), ("p", other), ("q", other)))
        sum_form = color_tex(
            [
                ("H(p, q)", None),
                ("=", None),
                (r"-\Big[", None),
                (p1, split.c1),
                (split.log, split.c1),
                (q1, split.c1),
                ("+", None),
                (p2, split.c2),
                (split.log, split.c2),
                (q2, split.c2),
                (r"\Big]", None),
            ],
            font_size=FORMULA.worked,
        )
        binary_form = color_tex(split.bce_pieces(("H(p, q)", None), "y", r"\hat y", r"-\Big["), FORMULA.worked)
        for mob in (sum_form, binary_form):
            fit(mob).move_to(DOWN * 0.6)
        definitions = VGroup(
            split.definition("p", (p1, p2, "y", "1 - y")),
            split.definition("q", (q1, q2, r"\hat y", r"1 - \hat y")),
        ).arrange(DOWN, buff=0.3)
        fit(definitions)
        definitions.next_to(sum_form, UP, buff=0.6)
        if split.binary:
            caption = (
                "With two classes the cross-entropy has just two terms. Write p as y and 1 minus y, and q as "
                "y-hat and 1 minus y-hat: it becomes the binary cross-entropy of one sample."
            )
        else:
            caption = (
                f"With {len(data.classes)} colours we ask a yes-or-no question instead: is the candy {first}, "
                "or one of the rest? Then p is y and 1 minus y, q is y-hat and 1 minus y-hat, and the two-term "
                "cross-entropy is the binary cross-entropy."
            )
        intro = [title] if note is None else [title, note]
        lg = said_log(data.log_base)
        heading_said = "" if note is None else f", with the note {len(data.classes)} colours: {first} against the rest"
        shows = (
            f"Under the heading Binary cross-entropy{heading_said}: H of p and q equals minus the bracket "
            f"y times {lg} y hat plus 1 minus y times {lg} of 1 minus y hat. Above it: p of {first} and "
            f"p of {other} are y and 1 minus y; q of {first} and q of {other} are y hat and 1 minus y hat."
        )
        with self.beat(caption, shows=shows):
            self.play(*(FadeIn(m) for m in intro), Write(sum_form), run_time=1.5)
            self.play(FadeIn(definitions, shift=DOWN * 0.2))
            morph(
                self,
                sum_form,
                binary_form,
                key_map={p1: "y", q1: r"\hat y", p2: "(1 - y)", q2: r"(1 - \hat y)"},
                run_time=2,
            )
        return binary_form, definitions

    # beat 2 ----------------------------------------------------------------------------------------

    def over_data_set(self, split: Split, formula: MathTex, definitions: VGroup) -> MathTex:
        """Beat 2: averaged over N labelled samples, it is the BCE loss."""
        bce = color_tex(
            split.bce_pieces((r"\text{BCE}", ACCENT), "y_n", r"\hat y_n", r"-\frac{1}{N}\sum_{n=1}^{N}\Big["),
            font_size=FORMULA.worked,
        )
        fit(bce).move_to(formula)
        with self.beat(
            "A data set has N labelled samples, each with its own label y_n and prediction y-hat_n. "
            "The binary cross-entropy is this loss averaged over the samples.",
            shows="BCE equals minus 1 over N times the sum over n from 1 to N of the bracket y sub n times "
            f"{said_log(self.data.log_base)} y hat sub n plus 1 minus y sub n times "
            f"{said_log(self.data.log_base)} of 1 minus y hat sub n.",
        ):
            self.play(FadeOut(definitions))
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

    def labels(self, split: Split, bce: MathTex, top: Mobject) -> tuple[DrawRows, VGroup]:
        """Beat 3: the draws in a row, each with its label y_n (1 for the first class).

        Returns the rows' layout and what is shown under the formula (legend, row names, candies, labels).
        """
        data = self.data
        rest = split.other if split.binary else "any other colour"
        legend = color_tex(
            [
                ("y_n = 1", split.c1),
                (rf"\text{{ for {split.first}}},\quad", split.c1),
                ("y_n = 0", split.c2),
                (rf"\text{{ for {rest}}}", split.c2),
            ],
            font_size=FORMULA.data,
        )
        fit(legend)
        target = bce.copy().scale(0.75)
        target.next_to(top, DOWN, buff=0.3).set_x(0)
        fit(target)
        legend.next_to(target, DOWN, buff=0.35).set_x(0)
        rows = draw_rows(data, legend)
        radius = min(0.22, rows.pitch * 0.22)
        candies = VGroup(*(Candy(data.colors[data.classes.index(d)], radius=radius) for d in data.draws))
        ys = VGroup(
            *(MathTex(str(y), font_size=FORMULA.per_draw + 4, color=split.c1 if y else split.c2) for y in data.labels)
        )
        for candy, y_mob, x in zip(candies, ys, rows.xs, strict=True):
            candy.move_to([x, rows.ys[0], 0])
            y_mob.move_to([x, rows.ys[1], 0])
        other = f"a {split.other} one" if split.binary else "a candy of any other colour"
        drawn = said_list([f"{d} {y}" for d, y in zip(data.draws, data.labels, strict=True)])
        with self.beat(
            f"In the candy example each draw is a sample: y_n is 1 for a {split.first} candy and 0 for {other}.",
            shows=f"The BCE formula, smaller, at the top. Below: y sub n equals 1 for {split.first}, 0 for {rest}; "
            f"then the draws in a row, each with its label: {drawn}.",
        ):
            self.play(bce.animate.become(target))
            self.play(FadeIn(legend), FadeIn(rows.names[:2]))
            self.play(LaggedStart(*(FadeIn(c, scale=0.5) for c in candies), lag_ratio=0.1), run_time=1.5)
            self.play(LaggedStart(*(FadeIn(y, shift=DOWN * 0.15) for y in ys), lag_ratio=0.1), run_time=1.5)
        return rows, VGroup(legend, rows.names, candies, ys)

    # beat 4 ----------------------------------------------------------------------------------------

    def losses(self, split: Split, rows: DrawRows, shown: VGroup) -> MathTex:
        """Beat 4: the first guess's prediction, each draw's loss, and their mean; adds them to ``shown``."""
        data = self.data
        g = data.guesses[0]
        color = guess_color(0)
        places = 4 if rows.pitch >= 0.9 else (3 if rows.pitch >= 0.75 else 2)
        losses = VGroup()
        for loss, y, x in zip(g.bce, data.labels, rows.xs, strict=True):
            losses.add(
                MathTex(fixed(loss, places), font_size=FORMULA.per_draw, color=split.c1 if y else split.c2).move_to(
                    [x, rows.ys[2], 0]
                )
            )
        prediction = color_tex(
            [
                (r"\hat y_n", split.c1),
                ("=", None),
                (f"q_{{{tex_name(g.name)}}}(", color),
                (tex_name(split.first), split.c1),
                (")", color),
                ("=", None),
                (inline(tex_number(g.y_hat)), color),
                (r"\quad\text{for every draw}", MUTED),
            ],
            font_size=FORMULA.data,
        )
        fit(prediction).next_to(losses, DOWN, buff=0.45).set_x(0)
        mean = color_tex(
            [
                (rf"\text{{BCE}}(q_{{{tex_name(g.name)}}})", color),
                ("=", None),
                (rf"\tfrac{{1}}{{{data.n}}}\textstyle\sum_{{n=1}}^{{{data.n}}} \ell_n", None),
                ("=", None),
                (fixed(g.bce_mean), color),
                *([(rf"\ \text{{{split.unit}}}", color)] if g.bce_mean != float("inf") else []),
            ],
            font_size=FORMULA.data,
        )
        fit(mean).next_to(prediction, DOWN, buff=0.3).set_x(0)
        if g.bce_mean == float("inf"):
            average = "one infinite loss makes the average infinite"
        else:
            average = f"their average is {spoken_fixed(g.bce_mean, split.unit)}"
        mean_said = said_fixed(g.bce_mean) + ("" if g.bce_mean == float("inf") else f" {split.unit}")
        with self.beat(
            f"Take the {g.name} guess: it predicts y-hat = {spoken_probability(g.y_hat)} for every draw. Each draw's "
            f"loss is minus the log of the probability the guess gave to that draw's label, and {average}.",
            shows=f"Under each draw, its loss under the {g.name} guess: "
            f"{said_list([said_fixed(v, places) for v in g.bce])}. Below: y hat sub n equals q of {g.name} of "
            f"{split.first}, {said_number(g.y_hat)}, for every draw; BCE of {g.name} equals 1 over {data.n} "
            f"times the sum of the losses from 1 to {data.n}, {mean_said}.",
        ):
            self.play(FadeIn(prediction, shift=UP * 0.2))
            self.play(
                FadeIn(shown[1][2]),
                LaggedStart(*(FadeIn(m, shift=DOWN * 0.15) for m in losses), lag_ratio=0.1),
                run_time=1.5,
            )
            self.play(Write(mean), run_time=1.5)
        shown.add(losses, prediction)
        return mean

    # beats 5 and 6 ---------------------------------------------------------------------------------

    def guess_table(self, split: Split, bce: MathTex, mean: MathTex, shown: VGroup) -> tuple[Table, VGroup, float]:
        """Beat 5: every guess's y_hat and mean BCE (and, with two classes, its cross-entropy).

        Returns the table, its first three columns (shown first, centred) and how far they are shifted
        right from their place in the full table.
        """
        data = self.data
        header: list[Mobject | None] = [
            label("guess", size=BODY_SIZE, color=MUTED),
            color_tex([(r"\hat y = q(", MUTED), (tex_name(split.first), split.c1), (")", MUTED)], FORMULA.table),
            MathTex(r"\text{BCE}", font_size=FORMULA.table, color=MUTED),
            None,
            MathTex("H(p, q)", font_size=FORMULA.table, color=MUTED) if split.binary else None,
        ]
        rows: list[list[Mobject | None]] = [header]
        for g in data.all_guesses:
            rows.append(self.table_row(split, g))
        table = Table(rows, "lcccc")
        table.group.set_x(0).align_to([0, bce.get_bottom()[1] - 0.5, 0], UP)
        shown_columns = [0, 1, 2]
        first_columns = VGroup(*(table.row(r, shown_columns) for r in range(len(rows))))
        offset = -first_columns.get_x()
        first_columns.shift(RIGHT * offset)
        first_cell = table.cells[1][2]
        value = mean[4].copy()
        others = [r for r in range(len(rows)) if r != 1]
        with self.beat(
            "Do the same for every guess: the lower its average binary cross-entropy, "
            "the more likely the guess makes the labels.",
            shows=f"A table of every guess, its y hat, the probability it gives {split.first}, and its average BCE: "
            + "; ".join(f"{g.name}, {said_number(g.y_hat)}, {said_fixed(g.bce_mean)}" for g in data.all_guesses)
            + ".",
        ):
            self.add(value)
            self.play(FadeOut(shown), FadeOut(mean), FadeIn(table.row(1, [0, 1])))
            self.play(ReplacementTransform(value, first_cell))
            self.play(
                LaggedStart(*(FadeIn(table.row(r, shown_columns), shift=UP * 0.15) for r in others), lag_ratio=0.25),
                run_time=2,
            )
        return table, first_columns, offset

    def table_row(self, split: Split, g: GuessData) -> list[Mobject | None]:
        color = guess_color_of(self.data, g)
        return [
            guess_name_cell(self.data, g),
            MathTex(inline(tex_number(g.y_hat)), font_size=FORMULA.table, color=color),
            MathTex(fixed(g.bce_mean), font_size=FORMULA.table, color=color),
            MathTex("=", font_size=FORMULA.table, color=TEXT) if split.binary else None,
            MathTex(fixed(g.cross_entropy), font_size=FORMULA.table, color=color) if split.binary else None,
        ]

    def minimum_said(self, split: Split, binary: bool) -> str:
        """Beat 6's description: the table (or the caveat) and the minimum."""
        data = self.data
        value = said_fixed(data.binary_entropy) + f" {split.unit}"
        if binary:
            rows = "; ".join(f"{g.name}, {said_fixed(g.cross_entropy)}" for g in data.all_guesses)
            return (
                f"The table adds each guess's cross-entropy H of p and q, equal to its BCE: {rows}. The best guess, "
                f"q = p, is boxed; below, the minimum BCE equals H of p, {value}."
            )
        return (
            f"The note now reads: {split.first} against the rest, the cross-entropy of this split, not the full "
            f"H of p and q. The best guess is boxed; below, the minimum BCE equals H of p of {split.first} and "
            f"1 minus p of {split.first}, {value}."
        )

    def minimum(self, split: Split, table: Table, first_columns: VGroup, offset: float, note: Mobject | None) -> None:
        """Beat 6: equal to the cross-entropy (two classes) or first against the rest; minimum at q = p."""
        data = self.data
        best_row = len(table.cells) - 1
        value = with_unit(data.binary_entropy, split.unit)
        if split.binary:
            entropy_tex = "H(p)"
            caption = (
                "With two colours each guess's average binary cross-entropy is exactly its cross-entropy "
                "from before, and the best guess, q equal to p, reaches the minimum, the entropy of p: "
                f"{spoken_fixed(data.binary_entropy, split.unit)}."
            )
        else:
            p1 = f"p_{{{tex_name(split.first)}}}"
            entropy_tex = rf"H\big({p1},\, 1 - {p1}\big)"
            caption = (
                f"With more than two colours this average is the cross-entropy of {split.first} against the rest, "
                f"not the full cross-entropy over all colours. Its minimum, at y-hat equal to the share of "
                f"{split.first}, is the entropy of that split: {spoken_fixed(data.binary_entropy, split.unit)}."
            )
        minimum = color_tex(
            [(r"\min\,\text{BCE}", BEST), ("=", None), (entropy_tex, BEST), ("=", None), (value, BEST)],
            font_size=FORMULA.data,
        )
        fit(minimum)
        with self.beat(caption, shows=self.minimum_said(split, note is None)):
            if note is None:
                self.play(first_columns.animate.shift(LEFT * offset))
                self.play(
                    LaggedStart(
                        *(FadeIn(table.row(r, [3, 4]), shift=LEFT * 0.2) for r in range(len(table.cells))),
                        lag_ratio=0.2,
                    ),
                    run_time=2,
                )
            else:
                caveat = fit(
                    label(
                        f"{split.first} against the rest: the cross-entropy of this split, not the full H(p, q)",
                        size=BODY_SIZE - 2,
                        color=ACCENT,
                    )
                ).move_to(note)
                self.play(ReplacementTransform(note, caveat), run_time=1.5)
            minimum.next_to(table.group if split.binary else first_columns, DOWN, buff=0.4).set_x(0)
            box = SurroundingRectangle(table.row(best_row), color=BEST, buff=0.08)
            self.play(Create(box), FadeIn(minimum, shift=UP * 0.2), run_time=1.5)
