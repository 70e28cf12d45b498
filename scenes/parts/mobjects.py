"""Reusable pictures of the lecture: a candy, the bag, the training set, probability bars, text and formulas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Line,
    MathTex,
    Mobject,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Text,
    VGroup,
    VMobject,
)

from mathcore import GuessData, LectureData
from scenes.parts.formatting import tex_fraction
from scenes.parts.layout import fit, usable_width
from scenes.parts.style import (
    BEST,
    BODY_SIZE,
    FONT,
    FORMULA,
    FRAME_MARGIN,
    HEADING_SIZE,
    MUTED,
    SMALL_SIZE,
    TEXT,
    guess_color,
)

TRAINING_SET_Y = 4 - FRAME_MARGIN - 0.32
"""Centre of the row of draws at the top of the frame."""


class Candy(VGroup):
    """A wrapped candy: a round sweet with two twisted wrapper ends, in its class's colour."""

    def __init__(self, color: str, radius: float = 0.28, **kwargs: object) -> None:
        body = Circle(radius=radius, color=color, fill_opacity=1, stroke_width=0)
        shine = Circle(radius=radius * 0.28, fill_color="#FFFFFF", fill_opacity=0.35, stroke_width=0)
        shine.move_to(body.get_center() + radius * 0.4 * (UP + LEFT))
        w = radius * 0.75
        left = Polygon(
            [-radius * 0.85, 0, 0],
            [-radius - w, w * 0.8, 0],
            [-radius - w, -w * 0.8, 0],
            color=color,
            fill_opacity=0.85,
            stroke_width=0,
        )
        right = left.copy().rotate(3.14159265, about_point=[0, 0, 0])
        super().__init__(left, right, body, shine, **kwargs)


class Bag(VGroup):
    """The bag the candies come from: a rounded sack with a tied neck."""

    def __init__(self, width: float = 2.6, height: float = 2.4, **kwargs: object) -> None:
        sack = RoundedRectangle(
            corner_radius=0.5,
            width=width,
            height=height,
            color=MUTED,
            fill_color="#2A2F3A",
            fill_opacity=1,
            stroke_width=3,
        )
        neck = Rectangle(width=width * 0.45, height=0.18, color=MUTED, fill_color="#3A4150", fill_opacity=1)
        neck.next_to(sack, UP, buff=-0.05)
        super().__init__(sack, neck, **kwargs)

    @property
    def sack(self) -> VMobject:
        return self[0]


def color_tex(pieces: Sequence[tuple[str, str | None]], font_size: float = 40) -> MathTex:
    """A formula from ``(tex, colour)`` pieces, each piece coloured (``None``: the text colour)."""
    tex = MathTex(*(p for p, _ in pieces), font_size=font_size, color=TEXT)
    for part, (_, color) in zip(tex.submobjects, pieces, strict=True):
        if color is not None:
            part.set_color(color)
    return tex


def label(text: str, size: float = SMALL_SIZE, color: str = TEXT) -> Text:
    """Plain text in the lecture's font."""
    return Text(text, font=FONT, font_size=size, color=color)


def heading(text: str, gap: float = 0.1) -> Text:
    """A scene's heading at the top of the frame, ``gap`` inside the margin (narrowed to the frame if wider)."""
    return fit(label(text, size=HEADING_SIZE, color=TEXT)).to_edge(UP, buff=FRAME_MARGIN + gap)


def training_set_row(classes: Sequence[str], colors: Sequence[str], draws: Sequence[str]) -> VGroup:
    """The training set at the top of the frame: one small candy per draw, in order, after a label."""
    title = label("training set", size=SMALL_SIZE, color=MUTED)
    color_of = dict(zip(classes, colors, strict=True))
    available = usable_width() - title.width - 0.4
    radius = min(0.2, available / len(draws) / 3.9)
    candies = VGroup(*(Candy(color_of[d], radius=radius) for d in draws)).arrange(RIGHT, buff=radius * 0.45)
    row = VGroup(title, candies).arrange(RIGHT, buff=0.4)
    row.move_to([0, TRAINING_SET_Y, 0])
    return row


def guess_name_cell(data: LectureData, guess: GuessData, size: float = BODY_SIZE) -> Mobject:
    """A guess's name in its colour; the best guess as ``best (q = p)``."""
    if guess.name == data.best.name:
        return VGroup(
            label(guess.name, size=size, color=BEST), MathTex("(q = p)", font_size=FORMULA.table, color=BEST)
        ).arrange(RIGHT, buff=0.15)
    return label(guess.name, size=size, color=guess_color(data.guesses.index(guess)))


@dataclass(frozen=True)
class BarSizes:
    """Sizes of :class:`ProbabilityBars`: the height of a bar of probability 1, a bar's width, the
    space between bars and the font size of the values."""

    height: float = 2.5
    bar_width: float = 0.7
    gap: float = 0.35
    font_size: float = 30


class ProbabilityBars(VGroup):
    """Bars of a distribution over the classes, each in its class's colour, labelled by fractions.

    ``names``, ``colors`` and ``probs`` have one entry per class; ``probs`` are the heights as
    values in [0, 1] (shown as exact fractions when they are fractions).
    """

    def __init__(
        self,
        names: Sequence[str],
        colors: Sequence[str],
        probs: Sequence[Fraction | float],
        sizes: BarSizes | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        sizes = sizes if sizes is not None else BarSizes()
        self.bars = VGroup()
        self.values = VGroup()
        self.names = VGroup()
        bar_width, gap = sizes.bar_width, sizes.gap
        baseline_length = len(names) * (bar_width + gap) + gap
        self.baseline = Line(LEFT * baseline_length / 2, RIGHT * baseline_length / 2, color=MUTED, stroke_width=2)
        for i, (name, color, prob) in enumerate(zip(names, colors, probs, strict=True)):
            x = -baseline_length / 2 + gap + bar_width / 2 + i * (bar_width + gap)
            bar_height = max(float(prob) * sizes.height, 0.001)
            bar = Rectangle(width=bar_width, height=bar_height, color=color, fill_opacity=0.9, stroke_width=0)
            bar.move_to([x, bar_height / 2, 0])
            value = MathTex(
                tex_fraction(prob) if isinstance(prob, Fraction) else f"{float(prob):.3g}",
                font_size=sizes.font_size,
                color=color,
            )
            value.next_to(bar, UP, buff=0.12)
            name_label = fit(label(name, size=SMALL_SIZE, color=color), width=bar_width + gap * 0.9)
            name_label.next_to([x, 0, 0], DOWN, buff=0.15)
            self.bars.add(bar)
            self.values.add(value)
            self.names.add(name_label)
        self.add(self.baseline, self.bars, self.values, self.names)
