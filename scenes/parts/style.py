"""The lecture's look: colours, fonts, sizes and the frame's margin."""

from __future__ import annotations

from dataclasses import dataclass

from mathcore import GuessData, LectureData, colors

BACKGROUND = colors.BACKGROUND
"""The frame's background: the class colours are chosen to be readable on it."""
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
NOTE_SIZE = 20
"""Notes under a heading and name tags on a plot."""


@dataclass(frozen=True)
class FormulaSizes:
    """Font sizes of formulas and table entries, by where they are shown.

    Attributes
    ----------
    worked
        A formula worked out in the middle of the frame: a guess's likelihood, the
        derivation of the cross-entropy, the counts of the candies.
    general
        The likelihood's general formula, alone on screen with room around it.
    data
        A formula holding the lecture's numbers, below a derivation (and the counts'
        formulas when there are many classes).
    table
        Entries of a table of the guesses.
    flow
        The recap's chain of formulas.
    aside
        Smaller formulas beside the recap's chain: its notes and its table.
    panel
        Formulas in the panel beside a plot.
    plot_table
        The numbers in the table beside a plot.
    per_draw
        A number under each draw of the training set.
    tick
        Tick labels of a plot's axes.
    """

    worked: float = 40
    general: float = 42
    data: float = 34
    table: float = 34
    flow: float = 36
    aside: float = 30
    panel: float = 32
    plot_table: float = 28
    per_draw: float = 26
    tick: float = 26


FORMULA = FormulaSizes()
"""The lecture's formula sizes: one set for every scene."""

FRAME_MARGIN = 0.25
"""Nothing is placed closer than this to the frame's edge (scene units)."""

HEADING_BUFF = 0.35


def guess_color(index: int) -> str:
    """The colour of the teacher's guess number ``index``."""
    return GUESS_COLORS[index % len(GUESS_COLORS)]


def guess_color_of(data: LectureData, guess: GuessData) -> str:
    """The colour of a guess: its own for a teacher's guess, :data:`BEST` for the best guess q = p."""
    if guess.name == data.best.name:
        return BEST
    return guess_color(data.guesses.index(guess))
