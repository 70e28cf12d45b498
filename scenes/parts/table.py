"""The lecture's one table: cells in aligned columns and evenly spaced rows.

:class:`Columns` is the horizontal part: where each column starts, how wide it is, and placing
a cell in a column. :class:`Table` lays out a whole grid of cells with it. A scene that builds
its rows one beat at a time (the candy counts, the rows under the BCE's draws) uses
:class:`Columns` alone and chooses each row's height itself.

Frames are compared bit for bit, and moving a cell by the last bit of a float can change a
pixel's antialiasing (seen: a handful of frames of the candy and BCE scenes). So each sum here
is written in one fixed order (a centre is ``left + width / 2``; a centred table is shifted by
half its span), and the two ways the lecture's tables aligned a cell's edge are both kept
(:attr:`Table.align_edges`, used by the log scene's table): every table keeps the arithmetic
it was drawn with, and its frames stay bit-identical.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from manim import LEFT, RIGHT, Mobject, VGroup

Cells = Sequence[Sequence[Mobject | None]]
"""Rows of cells; ``None`` is an empty cell, and a row may be shorter than the others."""


@dataclass(frozen=True)
class Columns:
    """Columns side by side: each one's left edge, width and centre (scene units).

    ``span`` is the width of all the columns with the gaps between them.
    """

    lefts: tuple[float, ...]
    widths: tuple[float, ...]
    centres: tuple[float, ...]
    span: float

    @classmethod
    def of(cls, widths: Sequence[float], gap: float, summed: bool = False) -> Columns:
        """Columns of the given ``widths``, ``gap`` apart; the first one's left edge at x = 0.

        A left edge is a running sum of the widths and gaps before it, or (``summed``) the sum
        of the widths before it plus the gaps.
        """
        lefts: list[float] = []
        x = 0.0
        for c, width in enumerate(widths):
            lefts.append(sum(widths[:c]) + gap * c if summed else x)
            x += width + gap
        centres = tuple(left + width / 2 for left, width in zip(lefts, widths, strict=True))
        return cls(tuple(lefts), tuple(widths), centres, x - gap)

    @classmethod
    def measured(cls, cells: Cells, gap: float, summed: bool = False) -> Columns:
        """Columns as wide as their widest cell, ``gap`` apart; the first one's left edge at x = 0."""
        count = max(len(row) for row in cells)
        widths = [
            max((row[c].width for row in cells if c < len(row) and row[c] is not None), default=0.0)
            for c in range(count)
        ]
        return cls.of(widths, gap, summed)

    @classmethod
    def beside_gutter(cls, gutter: float, gap: float, pitch: float, count: int) -> Columns:
        """A gutter column ``gutter`` wide, ``gap``, then ``count`` columns ``pitch`` wide; centred on x = 0.

        The gutter holds the rows' names (``n_i``, ``p_i``; ``x_n``, ``y_n``), the columns one
        class or one draw each.
        """
        span = gutter + gap + count * pitch
        first = -span / 2 + gutter + gap
        centres = (-span / 2 + gutter / 2, *(first + pitch * (j + 0.5) for j in range(count)))
        widths = (gutter, *([pitch] * count))
        lefts = tuple(x - w / 2 for x, w in zip(centres, widths, strict=True))
        return cls(lefts, widths, centres, span)

    def x(self, c: int) -> float:
        """The centre of column ``c``."""
        return self.centres[c]

    @property
    def right(self) -> float:
        """The right edge of the last column."""
        return self.lefts[-1] + self.widths[-1]

    def x_of(self, mob: Mobject, c: int, align: str = "c") -> float:
        """Where ``mob``'s centre goes in column ``c``: left-aligned (``l``), right-aligned (``r``) or centred."""
        if align == "l":
            return self.lefts[c] + mob.width / 2
        if align == "r":
            return self.lefts[c] + self.widths[c] - mob.width / 2
        return self.centres[c]

    def place(self, mob: Mobject, c: int, y: float, align: str = "c") -> Mobject:
        """Put ``mob``'s centre on the line ``y`` in column ``c``, aligned as ``align`` says (see :meth:`x_of`)."""
        return mob.move_to([self.x_of(mob, c, align), y, 0])

    def place_edge(self, mob: Mobject, c: int, y: float, align: str) -> Mobject:
        """Like :meth:`place`, but a left- or right-aligned cell is moved by its edge, not its centre."""
        if align == "l":
            mob.move_to([self.lefts[c], y, 0], aligned_edge=LEFT)
        elif align == "r":
            mob.move_to([self.lefts[c] + self.widths[c], y, 0], aligned_edge=RIGHT)
        else:
            mob.move_to([self.centres[c], y, 0])
        return mob


@dataclass
class Table:
    """Cells laid out in rows and columns; ``cells[r][c]`` is a mobject or ``None``.

    Columns are as wide as their widest cell and ``col_gap`` apart; ``aligns`` has one letter
    per column, ``l``, ``c`` or ``r``. Rows are ``pitch`` apart, centre to centre: at least
    ``min_pitch``, and at least the tallest cell plus ``pad``. With ``header`` (one letter per
    column), the first row is a header: aligned its own way and not counted for the pitch.

    By default the first column's left edge is at x = 0 and the first row's centre at y = 0;
    ``centred`` centres the whole table on the origin instead. Move :attr:`group` to place it.
    ``align_edges`` moves left- and right-aligned cells by their edge rather than their centre,
    with column edges summed rather than accumulated (the same places up to the last bit; see
    the module's notes).
    """

    cells: Cells
    aligns: str
    col_gap: float = 0.45
    min_pitch: float = 0.62
    pad: float = 0.16
    header: str | None = None
    centred: bool = False
    align_edges: bool = False
    columns: Columns = field(init=False)
    pitch: float = field(init=False)
    group: VGroup = field(init=False)
    """Every cell, row by row."""

    def __post_init__(self) -> None:
        body = self.cells[1:] if self.header is not None else self.cells
        tallest = max(cell.height for row in body for cell in row if cell is not None)
        self.pitch = max(self.min_pitch, tallest + self.pad)
        self.columns = Columns.measured(self.cells, self.col_gap, summed=self.align_edges)
        for r, (row, y) in enumerate(zip(self.cells, self._row_lines(tallest), strict=True)):
            aligns = self.header if r == 0 and self.header is not None else self.aligns
            for c, cell in enumerate(row):
                if cell is not None:
                    self._place(cell, c, y, aligns[c])
        self.group = VGroup(*(cell for row in self.cells for cell in row if cell is not None))

    def _row_lines(self, tallest: float) -> list[float]:
        """The y of each row's centre line."""
        if not self.centred:
            return [-r * self.pitch for r in range(len(self.cells))]
        # Centred: the rows are ``tallest`` high and ``pad`` apart, the whole block centred on y = 0.
        top = (sum([tallest] * len(self.cells)) + self.pad * (len(self.cells) - 1)) / 2
        lines = []
        for _ in self.cells:
            lines.append(top - tallest / 2)
            top -= tallest + self.pad
        return lines

    def _place(self, cell: Mobject, c: int, y: float, align: str) -> None:
        if self.centred:
            cell.move_to([self.columns.x_of(cell, c, align) - self.columns.span / 2, y, 0])
        elif self.align_edges:
            self.columns.place_edge(cell, c, y, align)
        else:
            self.columns.place(cell, c, y, align)

    def row(self, r: int, columns: Sequence[int] | None = None) -> VGroup:
        """The cells of row ``r`` (of the given columns)."""
        chosen = range(len(self.cells[r])) if columns is None else columns
        return VGroup(*(self.cells[r][c] for c in chosen if c < len(self.cells[r]) and self.cells[r][c] is not None))

    def column(self, c: int, rows: Sequence[int] | None = None) -> VGroup:
        """The cells of column ``c`` (of the given rows)."""
        chosen = range(len(self.cells)) if rows is None else rows
        return VGroup(*(self.cells[r][c] for r in chosen if c < len(self.cells[r]) and self.cells[r][c] is not None))
