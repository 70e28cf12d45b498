"""Tags placed by the label engine stay inside their bounds, off each other, off markers and off the curve."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Rectangle

from scenes.parts.labels import Obstacles, densify, place_label, place_tags
from scenes.parts.plot import Box

BOUNDS = Box(-5.0, -3.0, 3.0, 2.5)


def curve(shape: str) -> np.ndarray:
    """Screen points along a curve across the bounds."""
    t = np.linspace(0, 1, 60)
    x = BOUNDS.left + t * BOUNDS.width
    if shape == "peak":
        y = BOUNDS.bottom + 4.5 * (t**2) * ((1 - t) ** 3) / (0.4**2 * 0.6**3)
    else:
        y = BOUNDS.bottom + 0.2 + 4.0 * t
    return np.stack([x, y, np.zeros_like(x)], axis=1)


def tags_around(points: np.ndarray, count: int) -> tuple[list[Rectangle], list[np.ndarray]]:
    """Tags of assorted sizes for anchors along the curve, crowded near its middle."""
    index = np.linspace(len(points) * 0.3, len(points) * 0.6, count).astype(int)
    tags = [Rectangle(width=0.6 + 0.25 * (i % 3), height=0.3) for i in range(count)]
    return tags, [points[i] for i in index]


def covers(box: Box, points: np.ndarray) -> bool:
    inside = Box(box.left + 1e-6, box.bottom + 1e-6, box.right - 1e-6, box.top - 1e-6)
    return inside.hits(points)


@pytest.mark.parametrize("shape", ["peak", "line"])
@pytest.mark.parametrize("count", [2, 5])
def test_tags_stay_inside_and_clear_of_each_other_markers_and_the_curve(shape: str, count: int) -> None:
    points = curve(shape)
    tags, anchors = tags_around(points, count)
    markers = [Box.around(a, 0.17, 0.17) for a in anchors]
    lines = place_tags(tags, anchors, ["#FFFFFF"] * count, BOUNDS, Obstacles(markers, [], densify(points)))
    boxes = [Box.of(tag) for tag in tags]
    for box in boxes:
        assert box.inside(BOUNDS)
        assert not covers(box, densify(points)), "a tag covers the curve"
        assert not any(box.overlaps(m) for m in markers), "a tag covers a marker"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "two tags overlap"
    assert len(lines) == count


def test_a_free_tag_sits_right_next_to_its_anchor() -> None:
    anchor = np.array([-1.0, 0.0, 0.0])
    center = place_label(anchor, (0.8, 0.3), BOUNDS, Obstacles([], [], np.zeros((0, 3))))
    tag = Box.around(center, 0.8, 0.3)
    gap = np.hypot(
        max(tag.left - anchor[0], 0, anchor[0] - tag.right), max(tag.bottom - anchor[1], 0, anchor[1] - tag.top)
    )
    assert gap <= 0.2


def test_a_tag_avoids_a_soft_obstacle_when_it_can() -> None:
    anchor = np.array([0.0, 0.0, 0.0])
    line = Box(-0.04, BOUNDS.bottom, 0.04, BOUNDS.top)
    center = place_label(anchor, (0.8, 0.3), BOUNDS, Obstacles([], [line], np.zeros((0, 3))))
    assert not Box.around(center, 0.8, 0.3).overlaps(line)
