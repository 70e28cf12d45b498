"""Placing name tags on a plot: near their point, clear of each other, of markers and of the curve.

A tag is tried right next to its anchor in eight directions, then on a grid over the plot;
each place costs its distance from the anchor plus penalties for what it covers or what its
leader line would cross, and the cheapest wins. Layout only: nothing here is a value of the
lecture.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Line, VMobject

from scenes.parts.plot import Box

DIRECTIONS = (UP, UP + RIGHT, UP + LEFT, RIGHT, LEFT, DOWN, DOWN + RIGHT, DOWN + LEFT)
GRID_STEP = 0.12
LEADER_MIN = 0.3
"""A tag further than this from its marker gets a leader line."""
HARD = 10.0
"""Penalty for a tag on another tag, a marker or the curve."""
SOFT = 1.0
"""Penalty for a tag across a soft obstacle (tags have a background outline, so it stays readable)."""
CROSSING = 3.0
"""Penalty for a leader line across anything."""


@dataclass(frozen=True)
class Obstacles:
    """What a tag keeps clear of.

    Attributes
    ----------
    blocks
        Boxes a tag must not cover: other tags, markers.
    soft
        Boxes a tag may cover at a small cost (a dashed line across the plot).
    points
        Points along the curve (and along leader lines already drawn), n x 3, dense
        enough for hit tests (:func:`densify`).
    """

    blocks: Sequence[Box]
    soft: Sequence[Box]
    points: np.ndarray


def densify(points: np.ndarray, step: float = 0.03) -> np.ndarray:
    """Points along the polyline through ``points``, at most ``step`` apart (for hit tests)."""
    out = [points[:1]]
    for a, b in itertools.pairwise(points):
        pieces = max(1, math.ceil(float(np.linalg.norm(b - a)) / step))
        out.append(a + np.outer(np.arange(1, pieces + 1) / pieces, b - a))
    return np.concatenate(out)


def nearest_on(box: Box, point: np.ndarray) -> np.ndarray:
    """The point of ``box`` nearest to ``point``."""
    return np.array([min(max(point[0], box.left), box.right), min(max(point[1], box.bottom), box.top), 0.0])


def leader_hits(anchor: np.ndarray, box: Box, blocks: Sequence[Box], points: np.ndarray) -> int:
    """How many things the leader line from ``anchor`` to ``box`` would cross."""
    end = nearest_on(box, anchor)
    length = float(np.linalg.norm(end - anchor))
    if length <= LEADER_MIN:
        return 0
    samples = anchor + np.outer(np.linspace(0.15 / length, 1.0, 30), end - anchor)
    dist = np.linalg.norm(samples[:, None, :2] - points[None, :, :2], axis=2)
    return int(bool((dist.min(axis=1) < 0.06).any())) + sum(b.hits(samples) for b in blocks)


def candidates(anchor: np.ndarray, size: tuple[float, float], bounds: Box) -> np.ndarray:
    """Label centres to try: right next to the anchor in eight directions, then a grid over ``bounds``."""
    width, height = size
    near = [anchor + np.array([d[0] * (width / 2 + 0.12), d[1] * (height / 2 + 0.12), 0.0]) for d in DIRECTIONS]
    xs = np.arange(bounds.left + width / 2, bounds.right - width / 2 + 1e-9, GRID_STEP)
    ys = np.arange(bounds.bottom + height / 2, bounds.top - height / 2 + 1e-9, GRID_STEP)
    grid = [np.array([x, y, 0.0]) for y in ys for x in xs]
    inside = [c for c in near if Box.around(c, width, height).inside(bounds)]
    return np.array(inside + grid)


def _costs(centers: np.ndarray, anchor: np.ndarray, size: tuple[float, float], obstacles: Obstacles) -> np.ndarray:
    """Each candidate centre's distance from ``anchor`` plus the penalties for what its tag covers."""
    width, height = size
    pad = 0.05
    x0 = centers[:, 0] - width / 2 - pad
    x1 = centers[:, 0] + width / 2 + pad
    y0 = centers[:, 1] - height / 2 - pad
    y1 = centers[:, 1] + height / 2 + pad

    def overlaps(group: Sequence[Box]) -> np.ndarray:
        count = np.zeros(len(centers))
        for b in group:
            count += ~((x1 <= b.left) | (b.right <= x0) | (y1 <= b.bottom) | (b.top <= y0))
        return count

    points = obstacles.points
    px, py = points[:, 0][None, :], points[:, 1][None, :]
    on_curve = ((px >= x0[:, None]) & (px <= x1[:, None]) & (py >= y0[:, None]) & (py <= y1[:, None])).any(axis=1)
    dx = np.maximum(np.maximum(x0 + pad - anchor[0], 0), anchor[0] - x1 + pad)
    dy = np.maximum(np.maximum(y0 + pad - anchor[1], 0), anchor[1] - y1 + pad)
    return HARD * (overlaps(obstacles.blocks) + on_curve) + SOFT * overlaps(obstacles.soft) + np.hypot(dx, dy)


def place_label(anchor: np.ndarray, size: tuple[float, float], bounds: Box, obstacles: Obstacles) -> np.ndarray:
    """The centre for a tag of ``size`` near ``anchor``, inside ``bounds``: clear of everything, as near as possible.

    A candidate's cost is its distance from the anchor plus penalties: :data:`HARD` for each
    of the ``blocks`` it covers and for covering the curve's ``points``, :data:`SOFT` for each
    of the ``soft`` boxes, and :data:`CROSSING` for each thing its leader line would cross.
    When no candidate fits inside ``bounds``, the tag goes right above the anchor.
    """
    width, height = size
    centers = candidates(anchor, size, bounds)
    if len(centers) == 0:
        return anchor + UP * (height / 2 + 0.12)
    cost = _costs(centers, anchor, size, obstacles)
    crossable = [*obstacles.blocks, *obstacles.soft]
    best_cost, best = math.inf, centers[0]
    for index in np.argsort(cost, kind="stable"):
        if cost[index] >= best_cost:
            break
        box = Box.around(centers[index], width, height)
        total = cost[index] + CROSSING * leader_hits(anchor, box, crossable, obstacles.points)
        if total < best_cost:
            best_cost, best = total, centers[index]
    return best


def leader(anchor: np.ndarray, tag: VMobject, color: str) -> Line:
    """A thin line from a marker to its tag when the tag sits away from it (else invisible)."""
    nearest = nearest_on(Box.of(tag), anchor)
    gap = float(np.linalg.norm(nearest - anchor))
    line = Line(anchor, nearest if gap > 1e-3 else anchor + RIGHT * 1e-3, color=color, stroke_width=1.5)
    line.set_stroke(opacity=0.7 if gap > LEADER_MIN else 0.0)
    return line


def place_tags(
    tags: Sequence[VMobject], anchors: Sequence[np.ndarray], colors: Sequence[str], bounds: Box, obstacles: Obstacles
) -> list[Line]:
    """Move each tag near its anchor, inside ``bounds``, in order: earlier tags get the better places.

    Each tag keeps clear of ``obstacles`` and of the tags placed before it; a tag placed away
    from its anchor gets a leader line in its colour, which later tags keep off as they keep
    off the curve. Returns the leader lines (invisible for a tag next to its anchor).
    """
    blocks = list(obstacles.blocks)
    points = obstacles.points
    lines: list[Line] = []
    for tag, anchor, color in zip(tags, anchors, colors, strict=True):
        tag.move_to(place_label(anchor, (tag.width, tag.height), bounds, Obstacles(blocks, obstacles.soft, points)))
        line = leader(anchor, tag, color)
        blocks.append(Box.of(tag))
        if line.get_stroke_opacity() > 0:
            points = np.concatenate([points, densify(np.array([line.get_start(), line.get_end()]))])
        lines.append(line)
    return lines
