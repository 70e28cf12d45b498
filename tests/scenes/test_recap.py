"""Recap shows the chain likelihood -> log -> cross-entropy -> BCE and mathcore's values."""

from __future__ import annotations

import pytest

from scenes.parts import formatting as fmt

from .conftest import CONFIG_NAMES, lecture_data, shown_texts


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_chain_uses_the_configured_log(play, config: str) -> None:
    data = lecture_data(config)
    lg = fmt.tex_log(data.log_base)
    final = play("Recap", config).snapshots[-1].texts
    assert "L(q) = \\prod_i q_i^{n_i}" in final
    assert f"{lg} L(q) = \\sum_i n_i {lg} q_i" in final
    assert f"-\\frac{{1}}{{N}} {lg} L(q) = -\\sum_i p_i {lg} q_i = H(p, q)" in final
    assert any(t.startswith("\\mathrm{BCE}") and f"y {lg} \\hat y" in t for t in final)
    for step in ("take the log: same argmax", "divide by −N"):
        assert step in final


@pytest.mark.parametrize(
    ("config", "step"),
    [
        ("default", "two classes"),
        ("log2", "two classes"),
        ("three_classes", "first class vs the rest"),
        ("longest", "first class vs the rest"),
    ],
)
def test_bce_step_names_its_classes(play, config: str, step: str) -> None:
    assert step in play("Recap", config).snapshots[-1].texts


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_cross_entropies_are_mathcores(play, config: str) -> None:
    data = lecture_data(config)
    scene = play("Recap", config)
    final = scene.snapshots[-1].texts
    for guess in data.guesses:
        assert guess.name in final
        assert fmt.tex_fixed(guess.cross_entropy) in final
    best = fmt.tex_fixed(data.entropy)
    assert best in final
    assert f"\\min_q H(p, q) = H(p) = {best} \\text{{ {fmt.unit(data.log_base)}}}" in final
    assert f"{fmt.text_fixed(data.entropy)} {fmt.unit(data.log_base)}" in scene.beats[-1].text


def test_default_values_are_the_outlines(play) -> None:
    texts = shown_texts(play("Recap", "default"))
    for value in ("1.0549", "0.6931", "0.6730"):
        assert value in texts
    assert "nats" in texts


def test_log2_in_bits(play) -> None:
    texts = shown_texts(play("Recap", "log2"))
    assert "\\log_{2}" in texts and "bits" in texts
    assert "0.9710" in texts and "1.5219" in texts


def test_zero_probability_guess_shows_infinity(play) -> None:
    final = play("Recap", "zero_prob").snapshots[-1].texts
    assert "certain" in final
    assert "\\infty" in final


def test_guesses_listed_from_least_to_most_likely(play) -> None:
    data = lecture_data("three_classes")
    final = play("Recap", "three_classes").snapshots[-1].texts
    positions = [final.index(name) for name in reversed(data.ranking)]
    assert positions == sorted(positions)
    assert final.index("q = p") > positions[-1]
