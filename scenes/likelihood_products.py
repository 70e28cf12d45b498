"""Part 2: the likelihood of a guess, worked out exactly, and the guesses compared.

A guess :math:`q` gives each colour a probability; the likelihood of the
training set is the product of :math:`q` over the draws in order. Equal factors
group into powers, the powers multiply out to an exact fraction and a decimal.
Each guess is worked out in turn, leaving a one-line summary; then the guesses
are ranked by likelihood, with the ratio to the least likely one, beside the
data's own frequencies :math:`p`: the guess closer to them explains the data
better.
"""

from __future__ import annotations

import math
from fractions import Fraction

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Circumscribe,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    MathTex,
    Mobject,
    ReplacementTransform,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    VMobject,
    Write,
)

from mathcore import GuessData, LectureData
from scenes.base import LectureScene
from scenes.parts.describe import said_list, said_number, said_power, said_product, said_ratio, said_tex_number
from scenes.parts.formatting import (
    decimal_is_exact,
    plain,
    plain_fraction,
    plain_number,
    power_tex,
    tex_decimal,
    tex_fraction,
    tex_name,
    tex_number,
    tex_ratio,
)
from scenes.parts.formulas import MAX_FACTORS_PER_LINE, ProductLines, product_lines
from scenes.parts.layout import fit, flow, usable_width
from scenes.parts.mobjects import TRAINING_SET_Y, Candy, color_tex, label, training_set_row
from scenes.parts.style import ACCENT, BODY_SIZE, FORMULA, FRAME_MARGIN, MUTED, SMALL_SIZE, TEXT, guess_color
from scenes.parts.table import Table
from scenes.parts.transforms import settle

TABLE_GROWTH = 1.3
"""The results table is scaled up by at most this much when there is room."""

WORK_TOP = 2.85
WORK_BOTTOM = -2.05
"""Vertical extent of the area where a guess is worked out."""

SUMMARY_TOP = -2.45
"""Top of the strip with one summary line per finished guess."""

WIDTH = usable_width()

Previous = tuple[VGroup, "Worked"]
"""A guess worked out and still on screen: its header and its worked likelihood."""


def class_colors(data: LectureData) -> dict[str, str]:
    """Each class's colour by its name."""
    return dict(zip(data.classes, data.colors, strict=True))


# ---------------------------------------------------------------- pictures


class Worked(VGroup):
    """The grouped likelihood of one guess and its value, equals signs aligned.

    ``powers``: ``L(q) = (q_1)^{n_1} (q_2)^{n_2}``; ``values``: ``= v_1 \\times v_2 = L``
    (the exact fraction when the guess is exact, else the decimal); ``decimal``:
    ``= 0.00512`` (or ``\\approx``), absent when the line above already shows it.
    """

    def __init__(self, guess: GuessData, color_of: dict[str, str], color: str) -> None:
        super().__init__()
        pieces: list[tuple[str, str | None]] = [("L(q)", color), ("=", None)]
        for j, power in enumerate(guess.powers):
            pieces.append((("\\," if j else "") + power_tex(power), color_of[power.name]))
        self.powers = color_tex(pieces, font_size=FORMULA.worked)
        self.power_parts = list(self.powers.submobjects[2:])

        value_pieces: list[tuple[str, str | None]] = [("=", None)]
        for j, power in enumerate(guess.powers):
            if j:
                value_pieces.append(("\\times", None))
            value_pieces.append((tex_number(power.value), color_of[power.name]))
        decimal = tex_decimal(guess.likelihood_float)
        total = tex_fraction(guess.likelihood) if guess.exact else decimal
        sign = "=" if guess.exact else "\\approx"
        if guess.likelihood == 0:
            sign = "\\;" + sign  # room for the box around the 0 before it
        value_pieces += [(sign, None), (total, color)]
        self.values = color_tex(value_pieces, font_size=FORMULA.worked)
        self.value_parts = [self.values.submobjects[1 + 2 * j] for j in range(len(guess.powers))]
        self.total = self.values.submobjects[-1]

        self.decimal: MathTex | None = None
        if guess.exact and guess.likelihood != 0:
            sign = "=" if decimal_is_exact(guess.likelihood, decimal) else "\\approx"
            self.decimal = color_tex([(sign, None), (decimal, color)], font_size=FORMULA.worked)

        self.result: VMobject = self.decimal if self.decimal is not None else self.total
        self.add(self.powers, self.values)
        self.values.next_to(self.powers, DOWN, buff=0.35)
        self._align(self.values, self.powers.submobjects[1])
        if self.decimal is not None:
            self.add(self.decimal)
            if self.values.get_right()[0] + 0.3 + self.decimal.width < self.powers.get_left()[0] + WIDTH * 0.9:
                self.decimal.next_to(self.values, RIGHT, buff=0.25)
            else:
                self.decimal.next_to(self.values, DOWN, buff=0.35)
                self._align(self.decimal, self.powers.submobjects[1])

    @staticmethod
    def _align(row: MathTex, equals: Mobject) -> None:
        """Put ``row``'s leading sign under ``equals``."""
        row.shift(RIGHT * (equals.get_x() - row.submobjects[0].get_x()))

    def zero_boxes(self, guess: GuessData) -> VGroup:
        """Boxes around the powers and values that are 0 (a drawn class the guess rules out)."""
        boxes = VGroup()
        for j, power in enumerate(guess.powers):
            if power.value == 0:
                for part in (self.power_parts[j], self.value_parts[j]):
                    boxes.add(SurroundingRectangle(part, color=ACCENT, buff=0.06, stroke_width=3))
        return boxes


def guess_header(guess: GuessData, index: int, data: LectureData) -> VGroup:
    """``name:  q(red) = 4/5   q(blue) = 1/5``, the probabilities in their classes' colours."""
    name = label(f"{guess.name}:", size=BODY_SIZE, color=guess_color(index))
    entries = [
        color_tex([(f"q({tex_name(c)}) = {tex_number(p)}", col)], font_size=FORMULA.worked - 4)
        for c, col, p in zip(data.classes, data.colors, guess.dist.probs, strict=True)
    ]
    return flow([name, *entries], WIDTH, h_buff=0.45)


def summary_chip(guess: GuessData, index: int) -> VGroup:
    """``bad   L = 0.00512``: what stays of a guess once it is worked out."""
    name = label(guess.name, size=SMALL_SIZE, color=guess_color(index))
    value = color_tex(
        [("L =", None), (tex_decimal(guess.likelihood_float), guess_color(index))], font_size=FORMULA.table
    )
    return VGroup(name, value).arrange(RIGHT, buff=0.25)


def summary_slots(n: int) -> list[tuple[float, float]]:
    """Centres of the summary chips: one row for up to two guesses, else two rows of two."""
    cols = 2 if n > 1 else 1
    rows = math.ceil(n / cols)
    ys = [SUMMARY_TOP - 0.5 - 0.58 * r for r in range(rows)] if rows > 1 else [SUMMARY_TOP - 0.65]
    xs = [-3.4, 3.4] if cols == 2 else [0.0]
    return [(xs[i % cols], ys[i // cols]) for i in range(n)]


# ---------------------------------------------------------------- captions


def probabilities_text(guess: GuessData, data: LectureData) -> str:
    """``q(red) = 4/5 and q(blue) = 1/5`` for the caption."""
    items = [f"q({c}) = {plain_number(p)}" for c, p in zip(data.classes, guess.dist.probs, strict=True)]
    return ", ".join(items[:-1]) + " and " + items[-1]


def zero_class(guess: GuessData) -> str | None:
    """The first drawn class the guess gives probability 0, if any."""
    for power in guess.powers:
        if power.prob == 0:
            return power.name
    return None


def likelihood_text(guess: GuessData) -> str:
    """The likelihood for the caption: the fraction and its decimal, or the decimal alone."""
    decimal = plain(tex_decimal(guess.likelihood_float))
    if guess.exact and isinstance(guess.likelihood, Fraction) and len(plain_fraction(guess.likelihood)) <= 12:
        return f"{plain_fraction(guess.likelihood)}, which is {decimal}"
    return decimal if "×" not in decimal else f"about {decimal}"


def first_product_caption(guess: GuessData, data: LectureData) -> str:
    intro = f"Take the guess {guess.name}"
    if len(data.classes) <= 3:
        intro += f": {probabilities_text(guess, data)}"
    return f"{intro}. Each draw contributes the probability this guess gives its colour."


def grouped_caption(guess: GuessData) -> str:
    zero = zero_class(guess)
    if zero is not None:
        return (
            f"Equal factors group into powers. But {guess.name} gives {zero} probability 0, "
            f"and {zero} was drawn: one factor is 0, so the whole likelihood is 0."
        )
    return (
        "Equal factors group into powers, one per colour. Multiplied out, they give the likelihood: "
        f"{likelihood_text(guess)}."
    )


def next_guess_caption(guess: GuessData) -> str:
    zero = zero_class(guess)
    if zero is not None:
        return f"Next, {guess.name}. It rules out {zero}, which was drawn: a factor 0, and a likelihood of 0."
    return f"Next, {guess.name}. Grouped into powers and multiplied out, its likelihood is {likelihood_text(guess)}."


def ranking_caption(data: LectureData) -> str:
    top = data.guess(data.ranking[0])
    ref = data.reference
    zeros = [g.name for g in data.guesses if g.likelihood == 0]
    if len(zeros) == len(data.guesses):
        return (
            "Ranked by likelihood: every guess gave probability 0 to a colour that was drawn, so the data "
            "is impossible under each of them. All likelihoods are 0, and no guess explains the data."
        )
    ruled_out = (
        f" {said_list(zeros)} gave a drawn colour probability 0, so the data is impossible under "
        f"{'it' if len(zeros) == 1 else 'them'}: a ratio of 0."
        if zeros
        else ""
    )
    if top.name == ref:
        return f"Ranked by likelihood, {top.name} comes first: it is the only guess that allows every draw.{ruled_out}"
    return (
        f"Ranked by likelihood, {top.name} comes first: it makes the training set about "
        f"{tex_ratio(top.ratio)} times as likely as {ref} does.{ruled_out}"
    )


def lesson_caption(data: LectureData) -> str:
    top = data.ranking[0]
    if len(data.classes) <= 3:
        freqs = ", ".join(f"{c} {plain_fraction(p)}" for c, p in zip(data.classes, data.empirical, strict=True))
        where = f"The data's own frequencies are p: {freqs}."
    else:
        where = "Put the data's own frequencies p beside the guesses."
    return f"{where} The guess closest to them, {top}, explains the data best."


# ---------------------------------------------------------------- descriptions

SAID_FACTORS = 6
"""A product of at most this many factors is said in full; a longer one by its first factors."""


def said_draw_product(factors: list[str]) -> str:
    """``a times b times c``, or ``a times b and so on up to z`` for a long product."""
    if len(factors) <= SAID_FACTORS:
        return " times ".join(factors)
    return f"{factors[0]} times {factors[1]} and so on up to {factors[-1]}"


def probabilities_said(guess: GuessData, data: LectureData) -> str:
    """``q of red equals 4 over 5 and q of blue equals 1 over 5``."""
    return said_list([f"q of {c} equals {said_number(p)}" for c, p in zip(data.classes, guess.dist.probs, strict=True)])


def draws_product_shows() -> str:
    return "one factor per draw, in draw order. At the top, the row of draws labelled training set."


def intro_shows(data: LectureData) -> str:
    factors = [f"q of x sub {k}" for k in range(1, len(data.draws) + 1)]
    return f"L of q equals {said_draw_product(factors)}, {draws_product_shows()}"


def first_product_shows(guess: GuessData, data: LectureData) -> str:
    factors = said_draw_product([said_number(f) for f in guess.factors])
    if len(guess.factors) > SAID_FACTORS:
        factors += ", " + said_list([f"{said_number(p.prob)} for each {p.name}" for p in guess.powers])
    return f"The guess {guess.name}: {probabilities_said(guess, data)}. Below, L of q equals {factors}, " + (
        draws_product_shows()
    )


def worked_said(guess: GuessData) -> str:
    """The worked likelihood: its powers, their values, the total and its decimal, the boxes around zeros."""
    values = " times ".join(said_number(p.value) for p in guess.powers)
    sign = "equals" if guess.exact else "approximately"
    said = f"L of q equals {said_product(guess.powers)}, equals {values}, {sign} {said_number(guess.likelihood)}"
    decimal = tex_decimal(guess.likelihood_float)
    if guess.exact and guess.likelihood != 0:
        sign = "equals" if decimal_is_exact(guess.likelihood, decimal) else "approximately"
        said += f", {sign} {said_tex_number(decimal)}"
    zeros = [said_power(p) for p in guess.powers if p.value == 0]
    if zeros:
        which = "the power" if len(zeros) == 1 else "the powers"
        values = "its value 0 are" if len(zeros) == 1 else "their values 0 are"
        said += f"; {which} {said_list(zeros)} and {values} boxed"
    return said


def worked_shows(guess: GuessData, data: LectureData, done: list[GuessData]) -> str:
    """The guess worked out under its probabilities, and the summaries of the guesses done before."""
    shows = f"{worked_said(guess)}. Above it, the guess {guess.name}: {probabilities_said(guess, data)}."
    if done:
        chips = "; ".join(f"{g.name}, L equals {said_tex_number(tex_decimal(g.likelihood_float))}" for g in done)
        shows += f" Below the line, the guesses done: {chips}."
    return shows


def table_row_said(data: LectureData, rank: int, name: str) -> str:
    guess = data.guess(name)
    probs = ", ".join(f"{c} {said_number(p)}" for c, p in zip(data.classes, guess.dist.probs, strict=True))
    likelihood = said_tex_number(tex_decimal(guess.likelihood_float))
    return f"rank {rank}, {name}: {probs}, L of q {likelihood}, ratio {said_ratio(guess.ratio)}"


def ranking_shows(data: LectureData) -> str:
    rows = "; ".join(table_row_said(data, rank, name) for rank, name in enumerate(data.ranking, start=1))
    return (
        "A table ranks the guesses by likelihood, with their probability of each colour, L of q, "
        f"and the ratio L of q over L of {data.reference}: {rows}."
    )


def lesson_shows(data: LectureData) -> str:
    freqs = ", ".join(f"{c} {said_number(p)}" for c, p in zip(data.classes, data.empirical, strict=True))
    top = table_row_said(data, 1, data.ranking[0])
    dimmed = "; the other rows are dimmed" if len(data.ranking) > 1 else ""
    return (
        f"Under the table's header, the data's frequencies p: {freqs}, boxed together with the top row, "
        f"{top}{dimmed}. Below the table: closest to the data's p, largest likelihood."
    )


# ---------------------------------------------------------------- the scene


def results_table(data: LectureData) -> tuple[Table, dict[str, dict[str, Mobject]]]:
    """The guesses ranked by likelihood: name, probabilities, L(q) and the ratio to the reference.

    Row 0 is the header, row 1 the data's frequencies p (shown later), then one row per guess,
    most likely first. Returns the table and the cells of each guess by column.
    """
    ref_index = next(i for i, g in enumerate(data.guesses) if g.name == data.reference)
    ratio_head = MathTex("\\frac{L(q)}{L(", tex_name(data.reference), ")}", font_size=FORMULA.table - 2, color=TEXT)
    ratio_head[1].set_color(guess_color(ref_index))
    header: list[Mobject | None] = [None, None]
    header += [Candy(c, radius=0.2) for c in data.colors]
    header += [MathTex("L(q)", font_size=FORMULA.table, color=TEXT), ratio_head]
    p_cells: list[Mobject | None] = [None, label("data: p", size=BODY_SIZE, color=TEXT)]
    p_cells += [
        MathTex(tex_fraction(p), font_size=FORMULA.table, color=c)
        for p, c in zip(data.empirical, data.colors, strict=True)
    ]
    body: list[list[Mobject | None]] = []
    cells: dict[str, dict[str, Mobject]] = {}
    for rank, name in enumerate(data.ranking, start=1):
        index = next(i for i, g in enumerate(data.guesses) if g.name == name)
        guess = data.guesses[index]
        row: dict[str, Mobject] = {
            "rank": label(f"{rank}.", size=BODY_SIZE, color=MUTED),
            "name": label(name, size=BODY_SIZE, color=guess_color(index)),
        }
        for i, (p, c) in enumerate(zip(guess.dist.probs, data.colors, strict=True)):
            row[f"q{i}"] = MathTex(tex_number(p), font_size=FORMULA.table, color=c)
        row["L"] = MathTex(tex_decimal(guess.likelihood_float), font_size=FORMULA.table, color=guess_color(index))
        row["ratio"] = MathTex(tex_ratio(guess.ratio), font_size=FORMULA.table, color=TEXT)
        cells[name] = row
        body.append(list(row.values()))
    rows = [header, p_cells, *body]
    table = Table(rows, "c" * max(len(r) for r in rows), col_gap=0.45, min_pitch=0.0, pad=0.22, centred=True)
    return table, cells


class LikelihoodProducts(LectureScene):
    """The likelihood of each guess as a product over the draws, grouped, valued, and compared."""

    def construct(self) -> None:
        data = self.data
        # The draws, and the likelihood as a product of one factor per draw
        general, rule = self.intro()
        # The first guess in two beats: its product in draw order, then grouped and valued
        previous = self.first_guess(data.guesses[0], general)
        # Each later guess in one beat; a finished guess leaves a summary chip under the rule
        slots = summary_slots(len(data.guesses))
        chips: list[VGroup] = []
        for index, guess in enumerate(data.guesses[1:], start=1):
            with self.beat(next_guess_caption(guess), shows=worked_shows(guess, data, list(data.guesses[:index]))):
                chips.append(self.finish(previous, index - 1, slots))
                previous = self.work_out(guess, index)
        # The guesses ranked by likelihood; the closest to the data's p explains it best
        self.compare(previous, chips, slots, rule)

    # -- beats

    def intro(self) -> tuple[ProductLines, Line]:
        """The draws, and the likelihood as a product of one factor per draw; the rule above the summaries."""
        data = self.data
        color_of = class_colors(data)
        row = training_set_row(data.classes, data.colors, data.draws)
        pieces = [(f"q(x_{{{k}}})", color_of[d]) for k, d in enumerate(data.draws, start=1)]
        general = product_lines(pieces, TEXT)
        general.next_to([0, WORK_TOP, 0], DOWN, buff=1.2)
        rule = Line(LEFT * WIDTH / 2, RIGHT * WIDTH / 2, color=MUTED, stroke_width=1.5)
        rule.set_y(SUMMARY_TOP)
        with self.beat(
            "A guess q gives every colour a probability. The likelihood of the training set under q "
            "is the product of q over the draws, one factor per draw, in order.",
            shows=intro_shows(data),
        ):
            self.play(LaggedStart(*(FadeIn(c, shift=DOWN * 0.2) for c in row), lag_ratio=0.2), run_time=1.2)
            self.play(Write(general), run_time=2)
            self.play(FadeIn(rule))
        return general, rule

    def first_guess(self, guess: GuessData, general: ProductLines) -> Previous:
        """The first guess in two beats: the product in draw order, then grouped and valued."""
        header = guess_header(guess, 0, self.data)
        product = self.product(guess, 0)
        with self.beat(first_product_caption(guess, self.data), shows=first_product_shows(guess, self.data)):
            header.next_to([0, WORK_TOP, 0], DOWN, buff=0)
            self.play(FadeIn(header, shift=DOWN * 0.2))
            product.next_to(header, DOWN, buff=0.45)
            self.play(ReplacementTransform(general, product), run_time=1.8)
            self.highlight_zeros(guess, product)
        with self.beat(grouped_caption(guess), shows=worked_shows(guess, self.data, [])):
            worked = self.group_and_value(guess, 0, header, product)
        return header, worked

    def work_out(self, guess: GuessData, index: int) -> Previous:
        """A later guess in one beat: its probabilities, product (when short), powers and value."""
        header = guess_header(guess, index, self.data)
        header.next_to([0, WORK_TOP, 0], DOWN, buff=0)
        self.play(FadeIn(header, shift=DOWN * 0.2))
        product: ProductLines | None = None
        if len(self.data.draws) <= MAX_FACTORS_PER_LINE:
            product = self.product(guess, index)
            product.next_to(header, DOWN, buff=0.45)
            self.play(FadeIn(product, lag_ratio=0.1), run_time=1)
            self.highlight_zeros(guess, product)
        worked = self.group_and_value(guess, index, header, product)
        return header, worked

    def compare(self, previous: Previous, chips: list[VGroup], slots: list[tuple[float, float]], rule: Line) -> None:
        """Rank the guesses in a table with the ratio to the reference, then put p beside them."""
        data = self.data
        table, cells = results_table(data)
        note = label("closest to the data's p  →  largest likelihood", size=BODY_SIZE, color=ACCENT)
        layout = VGroup(table.group, note).arrange(DOWN, buff=0.45)
        top, bottom = TRAINING_SET_Y - 0.6, -4 + FRAME_MARGIN
        layout.scale(min(TABLE_GROWTH, (WIDTH - 0.3) / layout.width, (top - bottom) / layout.height))
        layout.move_to([0, (top + bottom) / 2, 0])
        with self.beat(ranking_caption(data), shows=ranking_shows(data)):
            chips.append(self.finish(previous, len(data.guesses) - 1, slots))
            anims = []
            for index, chip in enumerate(chips):
                name = data.guesses[index].name
                anims += [
                    ReplacementTransform(chip[0], cells[name]["name"]),
                    ReplacementTransform(chip[1], cells[name]["L"]),
                ]
            self.play(*anims, FadeOut(rule), run_time=1.5)
            others = [m for name in data.ranking for key, m in cells[name].items() if key not in ("name", "L")]
            self.play(FadeIn(table.row(0)), LaggedStart(*(FadeIn(m) for m in others), lag_ratio=0.05), run_time=1.5)
            top_cells = cells[data.ranking[0]]
            self.play(Circumscribe(VGroup(top_cells["L"], top_cells["ratio"]), color=ACCENT))

        with self.beat(lesson_caption(data), shows=lesson_shows(data)):
            p_row = table.row(1)
            self.play(FadeIn(p_row, shift=DOWN * 0.2))
            top_row = VGroup(*cells[data.ranking[0]].values())
            box = SurroundingRectangle(VGroup(p_row, top_row), color=ACCENT, buff=(0.25, 0.12), stroke_width=3)
            dim = [VGroup(*cells[name].values()) for name in data.ranking[1:]]
            self.play(
                FadeIn(box),
                *(m.animate.set_opacity(0.45) for m in dim),
            )
            self.play(Write(note), run_time=1.2)

    # -- steps

    def product(self, guess: GuessData, index: int) -> ProductLines:
        """The guess's factors in draw order, each in its draw's colour."""
        color_of = class_colors(self.data)
        pieces = [(tex_number(f), color_of[d]) for f, d in zip(guess.factors, self.data.draws, strict=True)]
        return product_lines(pieces, guess_color(index))

    def highlight_zeros(self, guess: GuessData, product: ProductLines) -> None:
        zeros = [product.factors[k] for k, f in enumerate(guess.factors) if f == 0]
        if zeros:
            self.play(*(Circumscribe(z, color=ACCENT) for z in zeros))

    def group_and_value(self, guess: GuessData, index: int, header: VGroup, product: ProductLines | None) -> Worked:
        """Sort the factors by colour, merge them into powers, multiply out, and give the decimal."""
        worked = Worked(guess, class_colors(self.data), guess_color(index))
        top = header.get_bottom()[1] - 0.45
        fit(worked, height=top - WORK_BOTTOM).set_x(0).set_y(top - worked.height / 2)
        if product is not None:
            self.group_into_powers(guess, index, product, worked)
        else:
            self.play(Write(worked.powers), run_time=1.2)
        self.play(
            *(TransformFromCopy(p, v) for p, v in zip(worked.power_parts, worked.value_parts, strict=True)),
            FadeIn(VGroup(*(m for m in worked.values.submobjects[:-2] if m not in worked.value_parts))),
            run_time=1.2,
        )
        self.play(FadeIn(VGroup(*worked.values.submobjects[-2:]), shift=LEFT * 0.2), run_time=0.8)
        boxes = worked.zero_boxes(guess)
        if len(boxes):
            self.play(FadeIn(boxes))
            worked.add(boxes)
        if worked.decimal is not None:
            self.play(TransformFromCopy(worked.total, worked.decimal), run_time=0.9)
        settle(self, worked)
        return worked

    def group_into_powers(self, guess: GuessData, index: int, product: ProductLines, worked: Worked) -> None:
        """The factors sorted by colour in place, then each colour's factors merged into its power."""
        draws = self.data.draws
        color_of = class_colors(self.data)
        order = [k for power in guess.powers for k, d in enumerate(draws) if d == power.name]
        pieces = [(tex_number(guess.factors[k]), color_of[draws[k]]) for k in order]
        grouped = product_lines(pieces, guess_color(index))
        grouped.move_to(product)
        self.play(
            *(ReplacementTransform(product.factors[k], grouped.factors[j]) for j, k in enumerate(order)),
            ReplacementTransform(product.glue, grouped.glue),
            run_time=1.2,
        )
        anims: list = [ReplacementTransform(grouped.glue[:2], VGroup(*worked.powers.submobjects[:2]))]
        start = 0
        for j, power in enumerate(guess.powers):
            members = VGroup(*grouped.factors[start : start + power.count])
            start += power.count
            anims.append(ReplacementTransform(members, worked.power_parts[j]))
        anims.append(FadeOut(grouped.glue[2:]))
        self.play(*anims, run_time=1.4)

    def finish(self, previous: Previous, index: int, slots: list[tuple[float, float]]) -> VGroup:
        """Move the finished guess's likelihood into its summary chip and clear the work area; returns the chip."""
        header, worked = previous
        guess = self.data.guesses[index]
        chip = summary_chip(guess, index)
        chip.move_to([*slots[index], 0])
        result = worked.result
        rest = VGroup(header, *(m for m in worked.get_family() if m is not result and not m.submobjects))
        self.play(
            ReplacementTransform(result.copy(), chip[1]),
            FadeIn(chip[0], shift=DOWN * 0.2),
            FadeOut(rest),
            FadeOut(result),
            run_time=1.0,
        )
        return chip
