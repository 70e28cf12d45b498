"""LogCompression: the likelihood curve turns into the log-likelihood; order and argmax are kept."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest
from manim import Arrow, Dot, Mobject, SingleStringMathTex, Text, tempconfig

from scenes.log_compression import Layout, build_layout
from scenes.parts import formatting as fmt
from scenes.parts.plot import DOT_RADIUS, Marker

from .conftest import CONFIG_NAMES, dry_run_config, lecture_data

SCENE = "LogCompression"


@cache
def _layout(config: str) -> Layout:
    """Where the scene puts its plot for a configuration (the same function the scene calls)."""
    with tempconfig(dry_run_config()):
        return build_layout(lecture_data(config))


def _on_screen(scene, kind: type, width: float) -> list[Mobject]:
    """Mobjects of ``kind`` and ``width`` on screen at the end."""
    found = {id(m): m for top in scene.mobjects for m in top.get_family() if isinstance(m, kind)}
    return [m for m in found.values() if m.width == pytest.approx(width, abs=1e-3)]


def _final_texts(scene) -> list[str]:
    return scene.snapshots[-1].texts


def _text_boxes(scene) -> list[tuple[float, float, float, float, str]]:
    """Bounding boxes of every Text and MathTex on screen at the end (not descending into them)."""
    found: list = []

    def walk(mob) -> None:
        if isinstance(mob, Text | SingleStringMathTex):
            found.append(mob)
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in scene.mobjects:
        walk(mob)
    boxes = []
    for mob in found:
        x0, y0 = mob.get_corner([-1, -1, 0])[:2]
        x1, y1 = mob.get_corner([1, 1, 0])[:2]
        name = mob.original_text if isinstance(mob, Text) else mob.tex_string
        boxes.append((x0, y0, x1, y1, name))
    return boxes


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_no_two_texts_overlap_at_the_end(play, config: str) -> None:
    boxes = _text_boxes(play(SCENE, config))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{a[4]!r} overlaps {b[4]!r}"


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_table_shows_each_likelihood_beside_its_log(play, config: str) -> None:
    data = lecture_data(config)
    texts = _final_texts(play(SCENE, config))
    for guess in data.all_guesses:
        assert fmt.tex_decimal(guess.likelihood_float) in texts, guess.name
        assert fmt.tex_fixed(guess.log_likelihood) in texts, guess.name
        assert guess.name in texts


def test_default_shows_the_outline_numbers(play) -> None:
    scene = play(SCENE, "default")
    texts = _final_texts(scene)
    for value in ("0.00512", "0.03125", "0.03456", "-5.2746", "-3.4657", "-3.3651"):
        assert value in texts
    assert "\\frac{2}{5}" in texts, "the argmax is labelled p(red) = 2/5"
    assert any("\\ln" in t for t in texts)
    # The L axis is labelled up to the maximum likelihood before the morph, log L after it.
    assert "0.03456" in scene.snapshots[0].texts
    assert "-3.3651" not in scene.snapshots[0].texts
    assert any("\\text{red}" in t for t in scene.snapshots[0].texts), "x axis: q(red)"


def test_log_base_two_uses_its_symbol(play) -> None:
    texts = "\n".join(_final_texts(play(SCENE, "log2")))
    assert "\\log_{2}" in texts
    assert "\\ln" not in texts
    assert "-7.6096" in texts and "-5.0000" in texts


def test_more_classes_say_how_the_curve_is_drawn(play) -> None:
    data = lecture_data("three_classes")
    scene = play(SCENE, "three_classes")
    texts = _final_texts(scene)
    assert "The other classes share 1 − t in their data proportions." in scene.snapshots[0].texts
    assert any(t.startswith("Hollow:") for t in texts)
    assert fmt.tex_fraction(data.empirical[0]) == "\\frac{5}{12}"
    assert "\\frac{5}{12}" in texts
    assert "2.401 \\times 10^{-6}" in texts  # the 'close' guess
    assert "-12.9396" in texts
    two = "\n".join(play(SCENE, "default").snapshots[0].texts)
    assert "share 1 − t" not in two


@pytest.mark.parametrize("config", ["zero_prob", "longest"])
def test_a_zero_likelihood_is_minus_infinity(play, config: str) -> None:
    data = lecture_data(config)
    zero = next(g for g in data.guesses if g.likelihood == 0)
    assert zero.log_likelihood == -math.inf
    texts = _final_texts(play(SCENE, config))
    assert "0" in texts
    # once in the table, once at the arrow to the bottom edge of the plot
    assert texts.count("-\\infty") >= 2


def test_zero_guess_arrow_points_to_the_bottom_edge(play) -> None:
    layout = _layout("zero_prob")
    certain = lecture_data("zero_prob").guess("certain")
    arrows = [m for top in play(SCENE, "zero_prob").mobjects for m in top.get_family() if isinstance(m, Arrow)]
    assert len(arrows) == 1, "one guess falls to minus infinity"
    arrow = arrows[0]
    assert arrow.get_end()[0] == pytest.approx(layout.plot_log.x(float(certain.y_hat)))
    assert arrow.get_end()[1] == pytest.approx(layout.box.bottom, abs=0.05)
    assert arrow.get_end()[1] < arrow.get_start()[1]


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_argmax_stays_and_guesses_keep_their_order(play, config: str) -> None:
    data = lecture_data(config)
    layout = _layout(config)
    scene = play(SCENE, config)
    peak = layout.plot_l.point(data.curves.argmax, float(np.max(data.curves.likelihood)))
    assert np.allclose(layout.plot_log.point(data.curves.argmax, float(np.max(data.curves.log_likelihood))), peak)
    peak_dots = _on_screen(scene, Dot, 2 * DOT_RADIUS * 1.25)
    assert len(peak_dots) == 1 and np.allclose(peak_dots[0].get_center(), peak), "the peak has not moved"

    finite = [g for g in data.guesses if math.isfinite(g.log_likelihood)]
    markers = [m.get_center() for m in _on_screen(scene, Marker, 2 * DOT_RADIUS)]
    assert len(markers) == len(finite), "one marker on the plot per guess with a finite log-likelihood"
    heights = {}
    for guess in finite:
        expected = layout.plot_log.point(float(guess.y_hat), guess.log_likelihood)
        at = [m for m in markers if np.allclose(m, expected, atol=1e-6)]
        assert at, f"{guess.name}: no marker at its log-likelihood"
        heights[guess.name] = at[0][1]
    by_height = sorted(finite, key=lambda g: heights[g.name])
    by_likelihood = sorted(finite, key=lambda g: g.likelihood)
    assert [g.name for g in by_height] == [g.name for g in by_likelihood]
