"""Where things go in the frame: its safe area, fitting a mobject into a box, rows that wrap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from manim import DOWN, RIGHT, Mobject, VGroup, config

from scenes.parts.style import FRAME_MARGIN

M = TypeVar("M", bound=Mobject)


def usable_width() -> float:
    """The frame's width inside the margins."""
    return config.frame_width - 2 * FRAME_MARGIN


def usable_height() -> float:
    """The frame's height inside the margins."""
    return config.frame_height - 2 * FRAME_MARGIN


def left_x() -> float:
    """The frame's left edge inside the margin."""
    return -config.frame_width / 2 + FRAME_MARGIN


def right_x() -> float:
    """The frame's right edge inside the margin."""
    return config.frame_width / 2 - FRAME_MARGIN


def fit(mob: M, width: float | None = None, height: float | None = None) -> M:
    """Scale ``mob`` down, never up, to at most ``width`` wide and then at most ``height`` tall.

    By default the box is the frame inside its margins. The mobject keeps its centre; place it
    afterwards. Returns ``mob``.
    """
    width = usable_width() if width is None else width
    height = usable_height() if height is None else height
    if mob.width > width:
        mob.scale_to_fit_width(width)
    if mob.height > height:
        mob.scale_to_fit_height(height)
    return mob


def flow(mobs: Sequence[Mobject], max_width: float, h_buff: float = 0.4, v_buff: float = 0.25) -> VGroup:
    """Place ``mobs`` left to right, starting a new centred row when one gets wider than ``max_width``."""
    rows: list[list[Mobject]] = [[]]
    width = 0.0
    for mob in mobs:
        extra = mob.width if not rows[-1] else h_buff + mob.width
        if rows[-1] and width + extra > max_width:
            rows.append([mob])
            width = mob.width
        else:
            rows[-1].append(mob)
            width += extra
    return VGroup(*(VGroup(*row).arrange(RIGHT, buff=h_buff) for row in rows)).arrange(DOWN, buff=v_buff)
