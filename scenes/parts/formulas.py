"""Formulas built from coloured pieces, wrapped onto lines: a sum between its terms, a product between factors."""

from __future__ import annotations

import math
from collections.abc import Sequence

from manim import DOWN, LEFT, RIGHT, Mobject, VGroup, VMobject

from scenes.parts.layout import fit, usable_width
from scenes.parts.mobjects import color_tex
from scenes.parts.style import FORMULA

Piece = tuple[str, str | None]
"""A piece of a formula: its TeX and its colour (``None``: the text colour)."""

LINE_BUFF = 0.22
"""Space between the lines of a wrapped formula."""

MAX_FACTORS_PER_LINE = 10
"""A product of more factors is wrapped onto two lines (or more)."""


def has_ink(mob: Mobject) -> bool:
    """True when ``mob`` or one of its parts draws something."""
    return any(m.has_points() for m in mob.get_family())


def _ink_span(parts: Sequence[Mobject]) -> tuple[float, float]:
    """Left and right x of the parts that draw something."""
    inked = [p for p in parts if has_ink(p)]
    return min(p.get_left()[0] for p in inked), max(p.get_right()[0] for p in inked)


def wrapped_formula(
    head: Sequence[Piece],
    terms: Sequence[Sequence[Piece]],
    tail: Sequence[Piece] = (),
    font_size: float = FORMULA.data,
    max_width: float | None = None,
) -> VGroup:
    """A formula as one ``MathTex`` per line, broken between terms when one line is too wide.

    ``head`` starts the first line, ``terms`` follow (each after the first should start with
    its operator, e.g. ``+``), ``tail`` ends the last line. Continuation lines start under the
    first term. Each line is a ``MathTex`` whose parts are the pieces, so
    ``TransformMatchingTex`` can match them. ``max_width`` is the frame's usable width by
    default; the result is fitted into the frame.
    """
    max_width = usable_width() if max_width is None else max_width
    groups = [[*head, *terms[0]], *(list(t) for t in terms[1:])]
    groups[-1] = [*groups[-1], *tail]
    full = color_tex([p for g in groups for p in g], font_size=font_size)
    if full.width <= max_width:
        return VGroup(full)
    spans: list[tuple[float, float]] = []
    index = 0
    for group in groups:
        spans.append(_ink_span(full.submobjects[index : index + len(group)]))
        index += len(group)
    head_parts = [p for p in full.submobjects[: len(head)] if has_ink(p)]
    indent = (max(p.get_right()[0] for p in head_parts) - full.get_left()[0]) if head_parts else 0.0
    if indent > max_width / 2:
        indent = 0.6
    lines: list[list[Piece]] = [list(groups[0])]
    line_left, line_indent = spans[0][0], 0.0
    for group, (left, right) in zip(groups[1:], spans[1:], strict=True):
        if right - line_left + line_indent > max_width:
            lines.append([])
            line_left, line_indent = left, indent
        lines[-1].extend(group)
    mobs = VGroup(*(color_tex(line, font_size=font_size) for line in lines))
    mobs.arrange(DOWN, aligned_edge=LEFT, buff=LINE_BUFF)
    for line in mobs[1:]:
        line.shift(RIGHT * indent)
    return fit(mobs)


class ProductLines(VGroup):
    """``L(q) = f_1 \\cdot f_2 \\cdots f_N``, one MathTex per line, each factor its own part.

    Attributes
    ----------
    factors
        The factor parts, in the given order.
    glue
        The prefix ``L(q) =`` and every ``\\cdot``.
    """

    def __init__(
        self,
        pieces: Sequence[tuple[str, str]],
        prefix_color: str,
        font_size: float,
        per_line: int,
    ) -> None:
        super().__init__()
        self.factors: list[VMobject] = []
        self.glue = VGroup()
        chunks = [pieces[i : i + per_line] for i in range(0, len(pieces), per_line)]
        for line_no, chunk in enumerate(chunks):
            parts: list[tuple[str, str | None]] = []
            is_factor: list[bool] = []
            if line_no == 0:
                parts += [("L(q)", prefix_color), ("=", None)]
                is_factor += [False, False]
            for j, (tex, color) in enumerate(chunk):
                if j or line_no:
                    parts.append(("\\cdot", None))
                    is_factor.append(False)
                parts.append((tex, color))
                is_factor.append(True)
            line = color_tex(parts, font_size=font_size)
            for part, factor in zip(line.submobjects, is_factor, strict=True):
                if factor:
                    self.factors.append(part)
                else:
                    self.glue.add(part)
            self.add(line)
        self.arrange(DOWN, buff=0.3)


def product_lines(pieces: Sequence[tuple[str, str]], prefix_color: str) -> ProductLines:
    """The product of ``pieces`` on as few lines as :data:`MAX_FACTORS_PER_LINE` allows, fitted to the frame."""
    n_lines = math.ceil(len(pieces) / MAX_FACTORS_PER_LINE)
    per_line = math.ceil(len(pieces) / n_lines)
    size = FORMULA.worked if n_lines == 1 else FORMULA.worked - 4
    lines = ProductLines(pieces, prefix_color, size, per_line)
    fit(lines)
    return lines
