"""Reusable pictures of the lecture: a candy, the bag, probability bars, formulas in colour."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Line,
    MathTex,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Text,
    VGroup,
    VMobject,
    config,
)

from scenes.fmt import tex_fraction
from scenes.style import FONT, FRAME_MARGIN, MUTED, SMALL_SIZE, TEXT


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


class ProbabilityBars(VGroup):
    """Bars of a distribution over the classes, each in its class's colour, labelled by fractions.

    Parameters
    ----------
    names, colors, probs
        One entry per class; ``probs`` are the heights as values in [0, 1]
        (shown as exact fractions when they are fractions).
    height
        Height of a bar of probability 1.
    bar_width, gap
        Width of a bar and space between bars.
    """

    def __init__(
        self,
        names: Sequence[str],
        colors: Sequence[str],
        probs: Sequence[Fraction | float],
        height: float = 2.5,
        bar_width: float = 0.7,
        gap: float = 0.35,
        font_size: float = 30,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.bars = VGroup()
        self.values = VGroup()
        self.names = VGroup()
        baseline_length = len(names) * (bar_width + gap) + gap
        self.baseline = Line(LEFT * baseline_length / 2, RIGHT * baseline_length / 2, color=MUTED, stroke_width=2)
        for i, (name, color, prob) in enumerate(zip(names, colors, probs, strict=True)):
            x = -baseline_length / 2 + gap + bar_width / 2 + i * (bar_width + gap)
            bar_height = max(float(prob) * height, 0.001)
            bar = Rectangle(width=bar_width, height=bar_height, color=color, fill_opacity=0.9, stroke_width=0)
            bar.move_to([x, bar_height / 2, 0])
            value = MathTex(
                tex_fraction(prob) if isinstance(prob, Fraction) else f"{float(prob):.3g}",
                font_size=font_size,
                color=color,
            )
            value.next_to(bar, UP, buff=0.12)
            name_label = label(name, size=SMALL_SIZE, color=color)
            if name_label.width > bar_width + gap * 0.9:
                name_label.scale_to_fit_width(bar_width + gap * 0.9)
            name_label.next_to([x, 0, 0], DOWN, buff=0.15)
            self.bars.add(bar)
            self.values.add(value)
            self.names.add(name_label)
        self.add(self.baseline, self.bars, self.values, self.names)


def fit_in_frame(mob: VMobject, margin: float = FRAME_MARGIN, max_width: float | None = None) -> VMobject:
    """Scale ``mob`` down (never up) so it fits the frame's width (or ``max_width``) and height."""
    width = max_width if max_width is not None else config.frame_width - 2 * margin
    height = config.frame_height - 2 * margin
    if mob.width > width:
        mob.scale_to_fit_width(width)
    if mob.height > height:
        mob.scale_to_fit_height(height)
    return mob
