"""Part 1, the data: candies drawn from a bag are the training set; counting them gives p.

The scene teaches where the empirical distribution comes from. Candies leave
the bag one at a time into a numbered row (the training set, in draw order);
counting each colour gives :math:`n_i` with :math:`N` draws in all; dividing
gives :math:`p_i = n_i / N` as exact fractions, which become bars: ``p``
records how often each colour appeared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from manim import (
    DOWN,
    PI,
    RIGHT,
    UP,
    Brace,
    Create,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    Succession,
    Transform,
    TransformFromCopy,
    VGroup,
    Write,
    config,
)

from scenes.base import LectureScene
from scenes.parts.describe import said_fraction, said_list, said_number
from scenes.parts.formatting import plain_fraction, spoken_list, tex_fraction
from scenes.parts.layout import fit, left_x, right_x
from scenes.parts.mobjects import Bag, BarSizes, Candy, ProbabilityBars, label
from scenes.parts.style import ACCENT, BODY_SIZE, FORMULA, FRAME_MARGIN, MUTED, SMALL_SIZE, TEXT
from scenes.parts.table import Columns

MAX_PER_ROW = 10
"""More draws than this wrap into two rows."""

DRAWS_SECONDS = 6.5
"""All draws together take about this long, however many there are."""

BAG_CANDY_RADIUS = 0.22

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}

BASELINE_Y = -config.frame_height / 2 + FRAME_MARGIN + 0.15
"""The bars' baseline, at the bottom of the frame."""


@dataclass(frozen=True)
class RowLayout:
    """Where the drawn candies go: ``per_row`` slots a row, one or two rows."""

    n: int
    per_row: int
    pitch: float
    radius: float
    row_gap: float = 1.2

    @classmethod
    def for_draws(cls, n: int, width: float) -> RowLayout:
        per_row = n if n <= MAX_PER_ROW else math.ceil(n / 2)
        pitch = min(1.5, width / per_row)
        radius = 0.32 if pitch >= 1.4 else 0.28 if pitch >= 1.2 else 0.24
        return cls(n=n, per_row=per_row, pitch=pitch, radius=radius)

    def slot(self, k: int) -> np.ndarray:
        """Centre of draw ``k`` (from 0), relative to the centre of the first row."""
        row, col = divmod(k, self.per_row)
        in_row = min(self.per_row, self.n - row * self.per_row)
        x = (col - (in_row - 1) / 2) * self.pitch
        return np.array([x, -row * self.row_gap, 0.0])


@dataclass(frozen=True)
class CountLayout:
    """The counting part's layout: its font sizes (larger when there are few classes) and its
    columns, a gutter for the rows' labels (column 0) and then one column per class."""

    formula: float
    header: float
    columns: Columns

    @staticmethod
    def sizes(k: int) -> tuple[float, float]:
        """Font sizes of the formulas and of the column headers for ``k`` classes."""
        return (FORMULA.worked, BODY_SIZE) if k <= 3 else (FORMULA.data, SMALL_SIZE)

    @classmethod
    def for_classes(cls, k: int, gutter_w: float) -> CountLayout:
        pitch = min(3.0, (right_x() - left_x() - gutter_w - 0.5) / k)
        columns = Columns.beside_gutter(gutter_w, 0.5, pitch, k)
        return cls(*cls.sizes(k), columns)

    @property
    def pitch(self) -> float:
        """The width of a class's column."""
        return self.columns.widths[1]

    @property
    def gutter_x(self) -> float:
        return self.columns.x(0)

    def place(self, mobs: VGroup, y: float, max_width: float | None = None) -> None:
        """Centre ``mobs[j]`` in class ``j``'s column at ``y``, narrowed to ``max_width`` if wider."""
        for j, mob in enumerate(mobs):
            if max_width is not None:
                fit(mob, width=max_width)
            self.columns.place(mob, j + 1, y)


def bag_with_candies(colors: Sequence[str]) -> tuple[Bag, VGroup, list[list[int]]]:
    """The bag holding a few candies of every class, mixed; and which bag candies are of which class."""
    k = len(colors)
    each = max(2, min(4, 12 // k))
    total = each * k
    cols = 3
    rows = math.ceil(total / cols)
    bag = Bag(width=3.0, height=0.62 * rows + 0.7)
    candies = VGroup()
    of_class: list[list[int]] = [[] for _ in colors]
    for j in range(total):
        cls = j // each
        row, col = divmod((j * 7) % total, cols)
        in_row = min(cols, total - row * cols)
        candy = Candy(colors[cls], radius=BAG_CANDY_RADIUS)
        candy.rotate(((j * 37) % 7 - 3) * 0.12)
        candy.move_to(
            bag.sack.get_center() + np.array([(col - (in_row - 1) / 2) * 0.9, ((rows - 1) / 2 - row) * 0.62, 0])
        )
        of_class[cls].append(j)
        candies.add(candy)
    return bag, candies, of_class


def bar_scale(room: float, probs: Sequence[Fraction]) -> float:
    """Height of a bar of probability 1 such that the tallest bar fills ``room`` (layout only)."""
    return min(4.0, room / max(float(p) for p in probs))


def column_header(name: str, color: str, width: float, size: float) -> VGroup:
    """A class's column header: a small candy beside its name, or the name alone when narrow."""
    name_label = label(name, size=size, color=color)
    icon = Candy(color, radius=0.16)
    if icon.width + 0.12 + name_label.width <= width:
        return VGroup(icon, name_label).arrange(RIGHT, buff=0.12)
    return VGroup(fit(name_label, width=width))


def fraction_cell(count: int, n: int, p_tex: str, color: str, size: float) -> MathTex:
    r"""``\frac{n_i}{N} = p_i`` when the fraction reduces, else ``p_i`` alone; the last part is ``p_i``."""
    raw = f"\\frac{{{count}}}{{{n}}}"
    parts = [p_tex] if raw == p_tex else [raw, "=", p_tex]
    return MathTex(*parts, font_size=size, color=color)


class CandyDraws(LectureScene):
    """Candies leave the bag into the training set; counts n_i and N give p_i = n_i / N, as bars."""

    def construct(self) -> None:
        k = len(self.data.classes)
        # The bag; the draws leave it one at a time into a numbered row
        bag_group, row, numbers = self.draw_from_bag()
        # The row is the training set
        top = self.name_training_set(row, numbers)
        # Counting each colour: n_i, and N in all
        gutter_p = MathTex("p_i", "=", "\\frac{n_i}{N}", font_size=CountLayout.sizes(k)[0], color=TEXT)
        layout = CountLayout.for_classes(k, gutter_p.width)
        counts, n_tex, gap = self.count(layout, bag_group, top)
        # Dividing by N: p_i = n_i / N
        cells = self.divide(layout, counts, n_tex, gutter_p, gap)
        # The fractions as bars: the empirical distribution p
        self.show_bars(layout, cells, counts, gutter_p)

    def draw_from_bag(self) -> tuple[VGroup, VGroup, VGroup]:
        """Beats 1-2: the bag of candies; the draws leave it one at a time into a numbered row."""
        data = self.data
        k = len(data.classes)
        bag, bag_candies, of_class = bag_with_candies(data.colors)
        bag_group = VGroup(bag, bag_candies)
        bag_group.move_to([left_x() + bag.width / 2 + 0.2, 0.2, 0])
        bag_home = bag_group.get_center()
        row_left = bag_group.get_right()[0] + 0.5
        bag_group.scale(1.3).move_to([0, 0.1, 0])
        layout = RowLayout.for_draws(data.n, right_x() - row_left - 0.3)
        rows = 1 if data.n <= layout.per_row else 2
        origin = np.array([(row_left + right_x()) / 2, 0.35 + (rows - 1) * layout.row_gap / 2, 0])

        with self.beat(
            f"Our data comes from a bag of candies in {NUMBER_WORDS.get(k, str(k))} colours: "
            f"{spoken_list(data.classes)}.",
            shows=f"A bag of mixed candies: {said_list(data.classes)}.",
        ):
            self.play(FadeIn(bag, shift=UP * 0.2))
            self.play(LaggedStart(*(FadeIn(c, scale=0.5) for c in bag_candies), lag_ratio=0.08, run_time=1.2))

        number_size = SMALL_SIZE if data.n <= MAX_PER_ROW else SMALL_SIZE - 2
        row = VGroup()
        numbers = VGroup()
        with self.beat(
            f"We draw {data.n} candies, one at a time, and lay them out in the order they came out of the bag.",
            shows=f"The bag on the left; beside it the drawn candies in a row numbered 1 to {data.n}: "
            f"{said_list(data.draws)}.",
        ):
            self.play(bag_group.animate.scale(1 / 1.3).move_to(bag_home), run_time=0.8)
            per_draw = min(1.0, DRAWS_SECONDS / data.n)
            used = [0] * k
            for i, drawn in enumerate(data.draws):
                cls = data.classes.index(drawn)
                source = bag_candies[of_class[cls][used[cls] % len(of_class[cls])]]
                used[cls] += 1
                target = Candy(data.colors[cls], radius=layout.radius).move_to(origin + layout.slot(i))
                number = label(str(i + 1), size=number_size, color=MUTED).next_to(target, DOWN, buff=0.12)
                moving = source.copy()
                self.play(
                    Transform(moving, target, path_arc=-PI / 2),
                    FadeIn(number, shift=UP * 0.1),
                    run_time=per_draw,
                )
                row.add(moving)
                numbers.add(number)
        return bag_group, row, numbers

    def name_training_set(self, row: VGroup, numbers: VGroup) -> VGroup:
        """Beat 3: a brace names the row the training set. Returns the row, its numbers, the brace and its label."""
        brace = Brace(VGroup(row, numbers), DOWN, color=ACCENT, buff=0.12)
        brace_label = label("training set", size=BODY_SIZE, color=ACCENT).next_to(brace, DOWN, buff=0.12)
        with self.beat(
            "This numbered row is the training set: the data our model has to explain.",
            shows="A brace under the numbered row of candies labels it the training set.",
        ):
            self.play(Create(brace), FadeIn(brace_label, shift=UP * 0.1))
        return VGroup(row, numbers, brace, brace_label)

    def count(self, layout: CountLayout, bag_group: VGroup, top: VGroup) -> tuple[VGroup, MathTex, float]:
        """Beat 4: the row moves up; each colour's candies become its count n_i; the last number is N.

        Returns the counts, the formula ``N = ...`` and the vertical gap between rows of the layout.
        """
        data = self.data
        row, numbers = top[0], top[1]
        top_target = top.copy().move_to([0, 0, 0]).to_edge(UP, buff=FRAME_MARGIN + 0.05)
        n_tex = MathTex("N", "=", str(data.n), font_size=layout.formula, color=TEXT)
        n_tex.next_to(top_target[3], RIGHT, buff=0.4).align_to(top_target[3], UP).shift(DOWN * 0.03)
        headers = VGroup(
            *(
                column_header(name, color, layout.pitch - 0.2, layout.header)
                for name, color in zip(data.classes, data.colors, strict=True)
            )
        )
        counts = VGroup(
            *(
                MathTex(str(c), font_size=layout.formula + 2, color=color)
                for c, color in zip(data.counts, data.colors, strict=True)
            )
        )
        header_h = max(h.height for h in headers)
        counts_h = max(c.height for c in counts)
        spare = top_target.get_bottom()[1] - BASELINE_Y - header_h - counts_h - 0.85 - 2.6 - 0.9
        gap = 0.3 + max(0.0, min(0.4, spare / 2))
        y_top = top_target.get_bottom()[1] - gap
        layout.place(headers, y_top - header_h / 2)
        counts_y = y_top - header_h - gap - counts_h / 2
        layout.place(counts, counts_y)
        gutter_n = MathTex("n_i", font_size=layout.formula, color=TEXT).move_to([layout.gutter_x, counts_y, 0])

        counts_text = spoken_list([f"{c} {name}" for c, name in zip(data.counts, data.classes, strict=True)])
        counted = said_list([f"{name} {c}" for c, name in zip(data.counts, data.classes, strict=True)])
        with self.beat(
            f"Now we count each colour: {counts_text}. That is N = {data.n} draws in all.",
            shows=f"The row of draws at the top, with N = {data.n} beside it. Below, a column per colour "
            f"with its count n sub i: {counted}.",
        ):
            self.play(FadeOut(bag_group), Transform(top, top_target), run_time=1.2)
            self.play(
                LaggedStart(*(FadeIn(h, shift=DOWN * 0.1) for h in headers), lag_ratio=0.15),
                Write(gutter_n),
                run_time=1.0,
            )
            for j, name in enumerate(data.classes):
                members = VGroup(*(row[i] for i, d in enumerate(data.draws) if d == name))
                if len(members) == 0:
                    self.play(FadeIn(counts[j]), run_time=0.5)
                    continue
                self.play(
                    Succession(
                        Indicate(members, color=data.colors[j], scale_factor=1.15, run_time=0.5),
                        TransformFromCopy(members, counts[j], run_time=0.7),
                    )
                )
            self.play(TransformFromCopy(numbers[-1], n_tex), run_time=0.8)
        return counts, n_tex, gap

    def divide(self, layout: CountLayout, counts: VGroup, n_tex: MathTex, gutter_p: MathTex, gap: float) -> VGroup:
        """Beat 5: each count and N become the fraction p_i = n_i / N (reduced, from mathcore)."""
        data = self.data
        cells = VGroup(
            *(
                fraction_cell(c, data.n, tex_fraction(p), color, layout.formula - 2)
                for c, p, color in zip(data.counts, data.empirical, data.colors, strict=True)
            )
        )
        cells_y = counts.get_bottom()[1] - gap - max(c.height for c in cells) / 2
        layout.place(cells, cells_y, max_width=layout.pitch - 0.15)
        gutter_p.move_to([layout.gutter_x, cells_y, 0])
        shares = [f"p({name}) = {plain_fraction(p)}" for name, p in zip(data.classes, data.empirical, strict=True)]
        p_text = spoken_list(shares) if len(shares) <= 3 else f"for example {shares[0]}"
        with self.beat(
            f"Dividing each count by N gives the share of the draws that had each colour: {p_text}.",
            shows="Under each count, p sub i equals n sub i over N: "
            + said_list(
                [
                    f"{name}, {c} over {data.n} equals {said_fraction(p)}"
                    if tex_fraction(p) != f"\\frac{{{c}}}{{{data.n}}}"
                    else f"{name}, {said_fraction(p)}"
                    for name, c, p in zip(data.classes, data.counts, data.empirical, strict=True)
                ]
            )
            + ".",
        ):
            self.play(Write(gutter_p), run_time=0.8)
            self.play(
                LaggedStart(
                    *(
                        ReplacementTransform(VGroup(count.copy(), n_tex[2].copy()), cell)
                        for count, cell in zip(counts, cells, strict=True)
                    ),
                    lag_ratio=0.25,
                ),
                run_time=1.5,
            )
            self.add(*cells)  # out of the animation group, as formulas of their own
            self.play(
                LaggedStart(
                    *(Indicate(cell, color=color) for cell, color in zip(cells, data.colors, strict=True)),
                    lag_ratio=0.4,
                ),
                run_time=2.0,
            )
            self.add(*cells)
        return cells

    def show_bars(self, layout: CountLayout, cells: VGroup, counts: VGroup, gutter_p: MathTex) -> None:
        """Beat 6: the fractions move onto bars: the empirical distribution p."""
        data = self.data
        columns = layout.columns
        room = counts.get_bottom()[1] - 0.15 - BASELINE_Y - 0.85
        bar_width = min(0.9, layout.pitch * 0.45)
        bars = ProbabilityBars(
            data.classes,
            data.colors,
            data.empirical,
            BarSizes(
                height=bar_scale(room, data.empirical),
                bar_width=bar_width,
                gap=layout.pitch - bar_width,
                font_size=layout.formula - 4,
            ),
        )
        bars.remove(bars.names)  # the column headers name the classes
        first, last = columns.x(1), columns.x(len(data.classes))
        bars.shift([first - bars.bars[0].get_x(), BASELINE_Y - bars.baseline.get_y(), 0])
        half = layout.pitch / 2
        bars.baseline.put_start_and_end_on([first - half, BASELINE_Y, 0], [last + half, BASELINE_Y, 0])
        p_target = gutter_p.copy().move_to([layout.gutter_x, BASELINE_Y + 0.55, 0])
        caption = VGroup(
            label("empirical", size=SMALL_SIZE, color=ACCENT),
            label("distribution", size=SMALL_SIZE, color=ACCENT),
        ).arrange(DOWN, buff=0.08)
        caption.next_to(p_target, UP, buff=0.3)
        fit(caption, width=columns.widths[0] + 0.2)
        if caption.get_left()[0] < left_x():
            caption.shift(RIGHT * (left_x() - caption.get_left()[0]))

        with self.beat(
            "As bars, these fractions are the empirical distribution p: "
            "it records how often each colour appeared in the training set.",
            shows="The fractions stand on bars, labelled empirical distribution p: "
            + said_list([f"{name} {said_number(p)}" for name, p in zip(data.classes, data.empirical, strict=True)])
            + ".",
        ):
            self.play(Create(bars.baseline), Transform(gutter_p, p_target), run_time=0.8)
            self.play(
                *(GrowFromEdge(bar, DOWN) for bar in bars.bars),
                *(TransformFromCopy(cell[-1], value) for cell, value in zip(cells, bars.values, strict=True)),
                *(FadeOut(cell) for cell in cells),
                run_time=1.5,
            )
            self.play(FadeIn(caption, shift=UP * 0.1))
            self.play(
                LaggedStart(
                    *(
                        Indicate(VGroup(bar, value), color=color, scale_factor=1.08)
                        for bar, value, color in zip(bars.bars, bars.values, data.colors, strict=True)
                    ),
                    lag_ratio=0.2,
                ),
                run_time=1.5,
            )
