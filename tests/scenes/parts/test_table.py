"""The one table reproduces, to the last bit, each layout the scenes had before it (kept here as references).

Frames are compared bit for bit, so "the same place" means the same floats.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from manim import LEFT, RIGHT, Rectangle

from scenes.parts.table import Columns, Table

SIZES = [(0.8, 0.3), (1.7, 0.45), (0.4, 0.62), (2.2, 0.2), (1.1, 0.5), (0.6, 0.35)]


def cell(i: int) -> Rectangle:
    width, height = SIZES[i % len(SIZES)]
    return Rectangle(width=width * (1 + 0.1 * (i // len(SIZES))), height=height)


def grid_cells(rows: int, cols: int, empty: set[tuple[int, int]] = frozenset()) -> list[list[Rectangle | None]]:
    return [[None if (r, c) in empty else cell(r * cols + c) for c in range(cols)] for r in range(rows)]


def centers(cells) -> np.ndarray:
    return np.array([c.get_center() for row in cells for c in row if c is not None])


# --- the layouts as the scenes wrote them before the shared table ---------------------------


def ce_reference(cells, aligns: str, col_gap: float = 0.45, row_pitch: float = 0.62) -> None:
    """``Table`` of scenes/cross_entropy.py."""
    widths = [max((row[c].width for row in cells if row[c] is not None), default=0.0) for c in range(len(aligns))]
    tallest = max(cell.height for row in cells for cell in row if cell is not None)
    row_pitch = max(row_pitch, tallest + 0.16)
    x = 0.0
    for c, width in enumerate(widths):
        for r, row in enumerate(cells):
            cell = row[c]
            if cell is None:
                continue
            y = -r * row_pitch
            if aligns[c] == "l":
                cell.move_to([x + cell.width / 2, y, 0])
            elif aligns[c] == "r":
                cell.move_to([x + width - cell.width / 2, y, 0])
            else:
                cell.move_to([x + width / 2, y, 0])
        x += width + col_gap


def grid_reference(rows, col_buff: float, row_buff: float) -> None:
    """``grid()`` of scenes/likelihood_products.py (centred on the origin)."""
    n_cols = max(len(r) for r in rows)
    widths = [max((r[c].width for r in rows if c < len(r) and r[c] is not None), default=0.0) for c in range(n_cols)]
    tallest = max(c.height for r in rows for c in r if c is not None)
    xs, x = [], 0.0
    for w in widths:
        xs.append(x + w / 2)
        x += w + col_buff
    total_w = x - col_buff
    total_h = tallest * len(rows) + row_buff * (len(rows) - 1)
    y = total_h / 2
    for row in rows:
        for col, cell in enumerate(row):
            if cell is not None:
                cell.move_to([xs[col] - total_w / 2, y - tallest / 2, 0])
        y -= tallest + row_buff


def log_reference(header, columns) -> float:
    """``Table`` of scenes/log_compression.py: a centred header, then names left, values right."""
    widths = [max(m.width for m in (header[i], *col)) for i, col in enumerate(columns)]
    gap = 0.4
    xs = [sum(widths[:i]) + gap * i for i in range(3)]
    row_h = max(0.5, *(m.height + 0.18 for col in columns for m in col))
    for i, col in enumerate(columns):
        header[i].move_to([xs[i] + widths[i] / 2, 0, 0])
        for r, mob in enumerate(col):
            y = -(r + 1) * row_h
            if i == 0:
                mob.move_to([xs[i], y, 0], aligned_edge=LEFT)
            else:
                mob.move_to([xs[i] + widths[i], y, 0], aligned_edge=RIGHT)
    return row_h


def recap_reference(rows, pitch: float = 0.52) -> None:
    """``guess_rows()`` of scenes/recap.py: names left, values left after them."""
    name_w = max(r[0].width for r in rows)
    for i, row in enumerate(rows):
        row[0].move_to([row[0].width / 2, -pitch * i, 0])
        row[1].move_to([name_w + 0.4 + row[1].width / 2, -pitch * i, 0])


# --- the shared table against them --------------------------------------------------------------


@pytest.mark.parametrize("aligns", ["lcccc", "lrcrl", "ccccc"])
def test_reproduces_the_cross_entropy_table(aligns: str) -> None:
    empty = {(0, 2), (0, 4), (3, 1)}
    old, new = grid_cells(4, 5, empty), grid_cells(4, 5, empty)
    ce_reference(old, aligns)
    table = Table(new, aligns)
    assert np.array_equal(centers(old), centers(new))
    assert table.pitch == pytest.approx(max(0.62, max(c.height for row in new for c in row if c is not None) + 0.16))


def test_reproduces_the_products_grid() -> None:
    body = [[cell(10 + 6 * r + i) for i in range(6)] for r in range(3)]
    old = [[None, None, *(cell(i) for i in range(4))], [None, cell(7), cell(8)], *body]
    new = [[c.copy() if c is not None else None for c in row] for row in old]
    grid_reference(old, col_buff=0.45, row_buff=0.22)
    Table(new, "c" * 6, col_gap=0.45, min_pitch=0.0, pad=0.22, centred=True)
    assert np.array_equal(centers(old), centers(new))


def test_reproduces_the_log_table_with_its_header() -> None:
    old = grid_cells(5, 3)
    new = grid_cells(5, 3)
    row_h = log_reference(old[0], [[row[c] for row in old[1:]] for c in range(3)])
    table = Table(new, "lrr", col_gap=0.4, min_pitch=0.5, pad=0.18, header="ccc", align_edges=True)
    assert np.array_equal(centers(old), centers(new))
    assert table.pitch == row_h


def test_header_row_does_not_set_the_pitch() -> None:
    cells = grid_cells(3, 2)
    cells[0][0] = Rectangle(width=0.5, height=3.0)
    table = Table(cells, "ll", min_pitch=0.0, pad=0.1, header="cc")
    assert table.pitch == pytest.approx(max(c.height for row in cells[1:] for c in row) + 0.1)
    assert cells[0][0].get_x() == pytest.approx(table.columns.x(0)), "header cells are centred"
    assert cells[1][0].get_left()[0] == pytest.approx(0.0), "body cells keep their own alignment"


def test_reproduces_the_recap_rows() -> None:
    old, new = grid_cells(4, 2), grid_cells(4, 2)
    for mob in [*(m for row in old for m in row), *(m for row in new for m in row)]:
        mob.stretch_to_fit_height(min(mob.height, 0.45))  # the recap's names and values are shorter than a row
    recap_reference(old)
    Table(new, "ll", col_gap=0.4, min_pitch=0.52, pad=0.0)
    assert np.array_equal(centers(old), centers(new))


def test_rows_never_overlap_when_cells_are_taller_than_the_least_pitch() -> None:
    cells = grid_cells(4, 2)
    table = Table(cells, "ll", col_gap=0.4, min_pitch=0.52, pad=0.0)
    for upper, lower in itertools.pairwise(cells):
        assert min(m.get_bottom()[1] for m in upper) >= max(m.get_top()[1] for m in lower) - 1e-9
    assert table.pitch > 0.52


def test_alignment_and_rows() -> None:
    cells = grid_cells(3, 3, {(1, 1)})
    table = Table(cells, "lcr", col_gap=0.3, min_pitch=0.0, pad=0.2)
    cols = table.columns
    for r, row in enumerate(cells):
        for c, mob in enumerate(row):
            if mob is None:
                continue
            assert mob.get_y() == pytest.approx(-r * table.pitch)
            edge = {0: mob.get_left()[0], 1: mob.get_x(), 2: mob.get_right()[0]}[c]
            expected = {0: cols.lefts[0], 1: cols.x(1), 2: cols.lefts[2] + cols.widths[2]}[c]
            assert edge == pytest.approx(expected)
    assert table.pitch == pytest.approx(max(m.height for row in cells for m in row if m is not None) + 0.2)
    assert len(table.row(1)) == 2 and len(table.column(1)) == 2, "an empty cell is left out"
    assert list(table.group) == [m for row in cells for m in row if m is not None]


def gutter_reference(gutter_w: float, gap: float, pitch: float, count: int) -> tuple[float, list[float]]:
    """``Columns`` of scenes/candy_draws.py and the rows under the draws in scenes/binary_cross_entropy.py."""
    total_w = gutter_w + gap + count * pitch
    x0 = -total_w / 2 + gutter_w + gap
    return -total_w / 2 + gutter_w / 2, [x0 + pitch * (j + 0.5) for j in range(count)]


@pytest.mark.parametrize(
    ("gutter", "gap", "pitch", "count"), [(1.7, 0.5, 3.0, 2), (1.31, 0.4, 0.613, 20), (2.2, 0.5, 1.9, 5)]
)
def test_columns_beside_a_gutter_reproduce_the_candy_and_bce_columns(
    gutter: float, gap: float, pitch: float, count: int
) -> None:
    columns = Columns.beside_gutter(gutter, gap, pitch, count)
    gutter_x, xs = gutter_reference(gutter, gap, pitch, count)
    assert columns.x(0) == gutter_x
    assert [columns.x(c) for c in range(1, count + 1)] == xs
    assert columns.lefts[0] == pytest.approx(-columns.span / 2)
    assert columns.right == pytest.approx(columns.span / 2)
