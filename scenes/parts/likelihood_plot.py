"""The likelihood against :math:`t = q_1` and its logarithm on one plot, with the guesses on them.

Both curves share the plot's box, and their maxima map to the same point (:func:`likelihood_plots`).
:func:`curves_for` draws them; :func:`guess_marks` puts the lecture's guesses on either: each
at its :math:`\\hat y = q_1` and its likelihood (or log-likelihood), with a name tag placed clear
of the rest. The best guess :math:`q = p` is the curve's peak; a guess below the curve (more
than two classes, the rest split another way) is a hollow ring; on the log plot a likelihood
of 0 is an arrow to minus infinity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import Dot, Line, VGroup, VMobject

from mathcore import GuessData, LectureData
from scenes.parts.formatting import tex_decimal
from scenes.parts.labels import Obstacles, densify, place_tags
from scenes.parts.mobjects import label
from scenes.parts.plot import (
    DOT_RADIUS,
    Box,
    Marker,
    Plot,
    is_infinity,
    minus_infinity,
    nice_step,
    smooth_curve,
    y_ticks,
)
from scenes.parts.style import BACKGROUND, BEST, NOTE_SIZE, TEXT, guess_color_of


def log_floor(data: LectureData) -> float:
    """The bottom of the log plot: a round value a bit below the lowest finite guess.

    The reference is the lowest finite log-likelihood of the guesses, or, when
    they all sit close to the maximum, a point part-way down to the curve's
    median, so that the clipped curve still shows its shape. Layout only: a
    plot range.
    """
    curve = data.curves.log_likelihood
    top = float(np.max(curve))
    finite = [g.log_likelihood for g in data.all_guesses if math.isfinite(g.log_likelihood)]
    low = min([*finite, top - 0.6 * (top - float(np.median(curve)))])
    span = top - low
    step = nice_step(span * 0.3)
    return math.floor((low - 0.3 * span) / step) * step


def likelihood_plots(data: LectureData, box: Box) -> tuple[Plot, Plot]:
    """The plot of L from 0 up and the plot of log L from :func:`log_floor` up, in the same ``box``."""
    curves = data.curves
    plot_l = Plot(box, 0.0, float(np.max(curves.likelihood)))
    plot_log = Plot(box, log_floor(data), float(np.max(curves.log_likelihood)))
    return plot_l, plot_log


@dataclass(frozen=True)
class Curves:
    """The curves on the plot and what the later beats move.

    The log plot shows only the part of the curve above its floor; the L curve is drawn
    in three pieces so that its middle (``mid``) turns into exactly that part (``log``).
    ``points_l`` and ``points_log`` are dense points along each curve, for placing tags.
    """

    mid: VMobject
    tails: VGroup
    log: VMobject
    points_l: np.ndarray
    points_log: np.ndarray
    peak_dot: Dot
    ticks_y: VGroup


def curves_for(data: LectureData, plot: Plot, plot_log: Plot) -> Curves:
    """The likelihood curve in three pieces, the log-likelihood curve, the peak and the y axis's ticks."""
    curves = data.curves
    keep = np.flatnonzero(curves.log_likelihood >= plot_log.y_low)
    lo, hi = int(keep[0]), int(keep[-1])
    pts = plot.points(curves.t, curves.likelihood)
    mid = smooth_curve(pts[lo : hi + 1], TEXT)
    tails = VGroup(smooth_curve(pts[: lo + 1], TEXT), smooth_curve(pts[hi:], TEXT))
    points_l = densify(pts)
    log_pts = plot_log.points(curves.t[lo : hi + 1], curves.log_likelihood[lo : hi + 1])
    log_curve = smooth_curve(log_pts, TEXT)
    points_log = densify(plot_log.points(curves.t[lo : hi + 1], curves.log_likelihood[lo : hi + 1]))
    peak_dot = Dot(plot.point(curves.argmax, plot.y_peak), radius=DOT_RADIUS * 1.25, color=BEST)
    ticks_y = y_ticks(plot, [(plot.y_low, "0"), (plot.y_peak, tex_decimal(data.best.likelihood_float))])
    return Curves(mid, tails, log_curve, points_l, points_log, peak_dot, ticks_y)


@dataclass
class GuessMark:
    """One guess on the plot: its marker, name tag and leader line."""

    guess: GuessData
    color: str
    marker: VMobject
    tag: VMobject
    line: Line


def guess_anchor(plot: Plot, guess: GuessData, log: bool) -> np.ndarray:
    """Where a guess sits on the plot (on the log plot, a zero likelihood points at the bottom edge)."""
    value = guess.log_likelihood if log else guess.likelihood_float
    if log and not math.isfinite(value):
        return np.array([plot.x(float(guess.y_hat)), plot.box.bottom + 0.75, 0.0])
    return plot.point(float(guess.y_hat), value)


def highest_first(data: LectureData) -> list[GuessData]:
    """The guesses from the highest likelihood down; -inf guesses last."""
    return sorted(data.all_guesses, key=lambda g: (not math.isfinite(g.log_likelihood), -g.log_likelihood))


def guess_markers(data: LectureData, plot: Plot, peak_dot: Dot, log: bool) -> dict[str, VMobject]:
    """Each guess's marker by name: a dot or ring, the peak dot for the best guess, an arrow for -inf."""
    markers: dict[str, VMobject] = {}
    for guess in highest_first(data):
        color = guess_color_of(data, guess)
        if log and not math.isfinite(guess.log_likelihood):
            markers[guess.name] = minus_infinity(color, plot, float(guess.y_hat))
        elif guess.name == data.best.name:
            markers[guess.name] = peak_dot.copy()
        else:
            markers[guess.name] = Marker(color, hollow=not guess.on_curve).move_to(guess_anchor(plot, guess, log))
    return markers


def guess_marks(data: LectureData, plot: Plot, peak_dot: Dot, points: np.ndarray, log: bool) -> list[GuessMark]:
    """Markers, name tags and leader lines of every guess on ``plot``, tags placed clear of each other.

    ``points`` are dense points along the curve (tags keep off it); ``peak_dot`` marks the best
    guess at the curve's maximum. On a ``log`` plot a guess of likelihood 0 is an arrow down
    to minus infinity.
    """
    # Highest first, so the peak's tag gets the nearest spot; -inf guesses last.
    guesses = highest_first(data)
    markers = guess_markers(data, plot, peak_dot, log)
    colors = [guess_color_of(data, guess) for guess in guesses]
    tags = [label(guess.name, size=NOTE_SIZE, color=color) for guess, color in zip(guesses, colors, strict=True)]
    for tag in tags:
        tag.set_stroke(BACKGROUND, width=5, background=True)
    # Markers, arrows to -inf and their signs block every tag; the argmax line is crossed at a small cost.
    blocks = [Box.of(part).padded(0.02) for m in markers.values() for part in (m if is_infinity(m) else [m])]
    x = plot.x(data.curves.argmax)
    soft = [Box(x - 0.04, plot.box.bottom, x + 0.04, plot.box.top)]
    anchors = [guess_anchor(plot, guess, log) for guess in guesses]
    lines = place_tags(tags, anchors, colors, plot.box.padded(-0.05), Obstacles(blocks, soft, points))
    return [
        GuessMark(guess, color, markers[guess.name], tag, line)
        for guess, color, tag, line in zip(guesses, colors, tags, lines, strict=True)
    ]
