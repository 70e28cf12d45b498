"""LikelihoodFormula shows the data's instance of the general formula and the underflow from mathcore."""

from __future__ import annotations

import pytest

from scenes.parts import formatting as fmt

from .conftest import lecture_data, shown_texts

SCENE = "LikelihoodFormula"


def test_default_instance_and_general_form(play) -> None:
    texts = shown_texts(play(SCENE, "default"))
    assert "L(q) = q_{\\text{red}}^{2} \\,q_{\\text{blue}}^{3}" in texts
    assert "n_{\\text{red}} = 2 = 5 \\cdot \\frac{2}{5}" in texts
    assert "n_{\\text{blue}} = 3 = 5 \\cdot \\frac{3}{5}" in texts
    assert "\\prod_{i=1}^{2} q_i^{n_i}" in texts
    assert "\\prod_{i=1}^{2} q_i^{N p_i}" in texts
    assert "\\mathrm{argmax}" in texts


@pytest.mark.parametrize("config", ["three_classes", "longest"])
def test_instance_uses_the_counts(play, config: str) -> None:
    data = lecture_data(config)
    texts = shown_texts(play(SCENE, config))
    for name, n, p in zip(data.classes, data.counts, data.empirical, strict=True):
        assert f"q_{{{fmt.tex_name(name)}}}^{{{n}}}" in texts
        assert f"n_{{{fmt.tex_name(name)}}} = {n} = {data.n} \\cdot {fmt.tex_fraction(p)}" in texts
    assert f"\\prod_{{i=1}}^{{{len(data.classes)}}} q_i^{{N p_i}}" in texts


@pytest.mark.parametrize("config", ["default", "three_classes"])
def test_underflow_is_shown_from_mathcore(play, config: str) -> None:
    u = lecture_data(config).underflow
    scene = play(SCENE, config)
    texts = shown_texts(scene)
    assert f"10^{{{fmt.tex_fixed(u.log10_exact, 2)}}}" in texts
    assert "10^{-326.41}" in texts
    assert f"q_{{{u.factors}}}^{{n_{{{u.factors}}}}}" in texts
    assert f"\\frac{{1}}{{{u.factors}}}" in texts
    assert u.zero_after is not None
    assert f"0.0 after {u.zero_after} factors" in texts
    assert any(float(u.factors) in snap.numbers for snap in scene.snapshots), "the counter ends at 150"
    captions = " ".join(b.text for b in scene.beats)
    assert f"0.0 after {u.zero_after} factors" in captions
