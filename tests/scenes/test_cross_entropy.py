"""CrossEntropy shows -1/N log L(q) = H(p, q) and mathcore's cross-entropies, entropy and KL divergences."""

from __future__ import annotations

import math

import pytest

from scenes.parts import formatting as fmt

from .conftest import CONFIG_NAMES, lecture_data, shown_texts

SCENE = "CrossEntropy"


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_derivation_uses_the_configured_log(play, config: str) -> None:
    log = fmt.tex_log(lecture_data(config).log_base)
    texts = shown_texts(play(SCENE, config))
    assert f"-\\frac{{1}}{{N}} {log} L(q) = - \\sum_i p_i {log} q_i = H(p, q)" in texts
    assert "\\arg\\min_q H(p, q)" in texts


@pytest.mark.parametrize("config", ["default", "three_classes", "zero_prob", "log2"])
def test_instance_shows_n_and_the_empirical_fractions_in_order(play, config: str) -> None:
    data = lecture_data(config)
    scene = play(SCENE, config)
    instance = next(t for t in shown_texts(scene).splitlines() if t.startswith(f"-\\frac{{1}}{{{data.n}}}"))
    positions = [instance.index(f"{fmt.tex_fraction(p)} {fmt.tex_log(data.log_base)} q_") for p in data.empirical]
    assert positions == sorted(positions)
    for name in data.classes:
        assert f"q_{{{fmt.tex_name(name)}}}" in instance
    caption = " ".join(b.text for b in scene.beats)
    assert f"N is {data.n}" in caption
    for c in data.counts:
        assert str(c) in caption


@pytest.mark.parametrize("config", ["default", "three_classes", "zero_prob", "log2", "longest"])
def test_table_shows_every_guess_cross_entropy_entropy_and_kl(play, config: str) -> None:
    data = lecture_data(config)
    final = play(SCENE, config).snapshots[-1].texts
    for g in data.all_guesses:
        assert g.name in final
        assert fmt.tex_fixed(g.cross_entropy) in final, g.name
        assert fmt.tex_fixed(g.kl) in final, g.name
    assert final.count(fmt.tex_fixed(data.entropy)) >= len(data.all_guesses), "H(p) on every row"
    assert fmt.tex_fixed(data.best.cross_entropy) == fmt.tex_fixed(data.entropy)
    minimum = f"\\min_q H(p, q) = H(p) = {fmt.tex_fixed(data.entropy)}\\ \\text{{{fmt.unit(data.log_base)}}}"
    assert minimum in final


def test_default_matches_the_outline(play) -> None:
    scene = play(SCENE, "default")
    final = scene.snapshots[-1].texts
    for value in ("1.0549", "0.6931", "0.6730", "0.3819", "0.0201"):
        assert value in final
    assert "0.6730 nats" in scene.beats[-2].text


def test_log2_is_in_bits(play) -> None:
    scene = play(SCENE, "log2")
    final = scene.snapshots[-1].texts
    for value in ("1.5219", "1.0000", "0.9710"):
        assert value in final
    texts = shown_texts(scene)
    assert "\\log_{2}" in texts and "\\text{bits}" in texts


@pytest.mark.parametrize("config", ["default", "three_classes", "log2"])
def test_first_guess_terms_add_up_to_its_cross_entropy(play, config: str) -> None:
    data = lecture_data(config)
    g = data.guesses[0]
    scene = play(SCENE, config)
    texts = shown_texts(scene)
    terms = " + ".join(fmt.tex_fixed(t) for t in g.ce_terms)
    unit = fmt.unit(data.log_base)
    assert f"= {terms} = {fmt.tex_fixed(g.cross_entropy)}\\ \\text{{{unit}}}" in texts
    for q in g.dist.probs:
        assert f"{fmt.tex_log(data.log_base)} {fmt.tex_number(q)}" in texts
    assert f"{fmt.text_fixed(g.cross_entropy)} {unit}" in " ".join(b.text for b in scene.beats)


def test_zero_probability_guess_has_infinite_cross_entropy(play) -> None:
    data = lecture_data("zero_prob")
    certain = data.guess("certain")
    assert math.isinf(certain.cross_entropy) and math.isinf(certain.kl)
    scene = play(SCENE, "zero_prob")
    worked = scene.snapshots[4].texts
    assert any("\\ln 0" in t for t in worked), "q(blue) = 0 plugged in"
    assert "= 0.0000 + \\infty = \\infty" in worked
    final = scene.snapshots[-1].texts
    assert final.count("\\infty") == 2, "H(p, q) and KL(p || q) of the certain guess"
    assert fmt.tex_fixed(data.guess("good").cross_entropy) in final
    assert "infinite" in scene.beats[4].text


def test_longest_shows_infinity_for_the_guess_without_a_drawn_colour(play) -> None:
    final = play(SCENE, "longest").snapshots[-1].texts
    assert final.count("\\infty") == 2
    assert "\\text{hartleys}" in shown_texts(play(SCENE, "longest"))
