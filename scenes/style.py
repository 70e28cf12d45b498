"""The lecture's look: colours, sizes and the frame's safe area."""

from __future__ import annotations

BACKGROUND = "#16181D"
TEXT = "#ECEFF4"
MUTED = "#9AA3B2"
ACCENT = "#F5C542"
"""Highlights that belong to no class: the argmax, the best guess, results."""
BEST = "#F5C542"

GUESS_COLORS = ("#F2A65A", "#8FD6C4", "#D7A6F5", "#C8D46A")
"""Colours of the teacher's guesses, in their order (the best guess uses BEST)."""

FONT = "DejaVu Sans"

TITLE_SIZE = 44
HEADING_SIZE = 34
BODY_SIZE = 28
SMALL_SIZE = 22

FRAME_MARGIN = 0.25
"""Nothing is placed closer than this to the frame's edge (scene units)."""

HEADING_BUFF = 0.35


def guess_color(index: int) -> str:
    """The colour of the teacher's guess number ``index``."""
    return GUESS_COLORS[index % len(GUESS_COLORS)]
