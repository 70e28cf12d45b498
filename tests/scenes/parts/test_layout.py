"""``fit`` scales a mobject down into a box: never up, always inside, shape and centre kept."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from manim import Rectangle, config

from scenes.parts.layout import fit, flow, usable_height, usable_width

sizes = st.floats(min_value=0.05, max_value=40.0)


@given(width=sizes, height=sizes, box_w=sizes, box_h=sizes)
def test_fit_never_enlarges_and_ends_inside(width: float, height: float, box_w: float, box_h: float) -> None:
    mob = Rectangle(width=width, height=height).move_to([1.5, -0.5, 0])
    fit(mob, width=box_w, height=box_h)
    assert mob.width <= box_w * (1 + 1e-9)
    assert mob.height <= box_h * (1 + 1e-9)
    assert mob.width <= width * (1 + 1e-9) and mob.height <= height * (1 + 1e-9), "never enlarged"
    assert mob.width / mob.height == pytest.approx(width / height, rel=1e-6), "shape kept"
    assert mob.get_center()[:2] == pytest.approx([1.5, -0.5]), "centre kept"
    if width <= box_w and height <= box_h:
        assert (mob.width, mob.height) == pytest.approx((width, height)), "a mobject that fits is left alone"


def test_fit_defaults_to_the_frame_inside_its_margins() -> None:
    mob = fit(Rectangle(width=50, height=3))
    assert mob.width == pytest.approx(usable_width())
    assert usable_width() < config.frame_width
    tall = fit(Rectangle(width=1, height=50))
    assert tall.height == pytest.approx(usable_height())


def test_fit_with_an_unbounded_side_limits_only_the_other() -> None:
    mob = fit(Rectangle(width=4, height=30), width=2, height=math.inf)
    assert mob.width == pytest.approx(2)
    assert mob.height == pytest.approx(15)


def test_flow_wraps_into_centred_rows_no_wider_than_asked() -> None:
    mobs = [Rectangle(width=1.0 + 0.1 * i, height=0.3) for i in range(9)]
    rows = flow(mobs, max_width=4.0, h_buff=0.4)
    assert len(rows) > 1
    for row in rows:
        assert row.width <= 4.0 + 1e-9 or len(row) == 1
        assert row.get_x() == pytest.approx(rows.get_x())
    assert [m for row in rows for m in row] == mobs, "order kept"
