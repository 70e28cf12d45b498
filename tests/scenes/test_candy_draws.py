"""CandyDraws shows the training set, its counts and the empirical distribution from mathcore."""

from __future__ import annotations

import pytest

from scenes.parts import formatting as fmt

from .conftest import CONFIG_NAMES, lecture_data, shown_texts


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_draws_are_numbered_one_to_n(play, config: str) -> None:
    data = lecture_data(config)
    texts = play("CandyDraws", config).snapshots[1].texts
    assert [t for t in texts if t.isdigit()] == [str(i) for i in range(1, data.n + 1)]


@pytest.mark.parametrize("config", ["default", "three_classes", "longest"])
def test_counts_and_n_are_mathcores(play, config: str) -> None:
    data = lecture_data(config)
    scene = play("CandyDraws", config)
    tally = next(s for s in scene.snapshots if "n_i" in s.texts)
    start = tally.texts.index("n_i") + 1
    assert tally.texts[start : start + len(data.counts)] == [str(c) for c in data.counts]
    for name, count in zip(data.classes, data.counts, strict=True):
        assert name in tally.texts
        assert f"{count} {name}" in tally.beat.text
    assert f"N = {data.n}" in tally.texts


def test_default_shows_outline_counts_and_fractions(play) -> None:
    scene = play("CandyDraws", "default")
    final = scene.snapshots[-1].texts
    assert "N = 5" in final
    start = final.index("n_i") + 1
    assert final[start : start + 2] == ["2", "3"]
    assert "\\frac{2}{5}" in final and "\\frac{3}{5}" in final
    assert "p(red) = 2/5" in scene.snapshots[-2].beat.text
    assert "p(blue) = 3/5" in scene.snapshots[-2].beat.text


@pytest.mark.parametrize("config", ["default", "three_classes", "longest"])
def test_empirical_fractions_are_mathcores(play, config: str) -> None:
    data = lecture_data(config)
    scene = play("CandyDraws", config)
    fractions = scene.snapshots[-2].texts
    bars = scene.snapshots[-1].texts
    for count, p in zip(data.counts, data.empirical, strict=True):
        assert fmt.tex_fraction(p) in bars, "bar labels"
        assert any(fmt.tex_fraction(p) in t for t in fractions), "fraction row"
        raw = f"\\frac{{{count}}}{{{data.n}}}"
        if raw != fmt.tex_fraction(p):
            assert any(t.startswith(raw) and t.endswith(fmt.tex_fraction(p)) for t in fractions), raw


def test_three_classes_reduces_the_fraction(play) -> None:
    fractions = play("CandyDraws", "three_classes").snapshots[-2].texts
    assert "\\frac{3}{12} = \\frac{1}{4}" in fractions
    assert "\\frac{5}{12}" in fractions


def test_training_set_and_empirical_distribution_are_named(play) -> None:
    scene = play("CandyDraws", "default")
    assert "training set" in scene.snapshots[2].texts
    assert "training set" in scene.beats[2].text
    assert "empirical distribution p" in scene.beats[-1].text
    assert {"empirical", "distribution"} <= set(scene.snapshots[-1].texts)
    assert "red" in shown_texts(scene) and "blue" in shown_texts(scene)
