"""BinaryCrossEntropy shows mathcore's labels, per-draw losses, mean BCE and (two classes) cross-entropies."""

from __future__ import annotations

import pytest

from scenes.parts import formatting as fmt

from .conftest import CONFIG_NAMES, lecture_data, shown_texts

SCENE = "BinaryCrossEntropy"
MORE_THAN_TWO = ["three_classes", "longest"]


def slash(tex: str) -> str:
    """The scene writes table fractions on one line: ``\\frac{4}{5}`` as ``4/5``."""
    if tex.startswith("\\frac{"):
        num, den = tex[len("\\frac{") : -1].split("}{")
        return f"{num}/{den}"
    return tex


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_formulas_use_the_configured_log(play, config: str) -> None:
    log = fmt.tex_log(lecture_data(config).log_base)
    texts = shown_texts(play(SCENE, config))
    assert f"H(p, q) = -\\Big[ y {log} \\hat y + (1 - y) {log} (1 - \\hat y) \\Big]" in texts
    assert (
        f"\\text{{BCE}} = -\\frac{{1}}{{N}}\\sum_{{n=1}}^{{N}}\\Big[ y_n {log} \\hat y_n "
        f"+ (1 - y_n) {log} (1 - \\hat y_n) \\Big]"
    ) in texts


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_labels_under_the_draws_are_mathcores(play, config: str) -> None:
    data = lecture_data(config)
    texts = play(SCENE, config).snapshots[2].texts
    start = texts.index("y_n") + 1
    assert texts[start : start + data.n] == [str(y) for y in data.labels]


@pytest.mark.parametrize("config", ["default", "three_classes", "log2"])
def test_first_guess_losses_and_mean(play, config: str) -> None:
    data = lecture_data(config)
    g = data.guesses[0]
    scene = play(SCENE, config)
    texts = scene.snapshots[3].texts
    start = texts.index("\\ell_n") + 1
    assert texts[start : start + data.n] == [fmt.tex_fixed(loss) for loss in g.bce]
    unit = fmt.unit(data.log_base)
    assert any(t.endswith(f"= {fmt.tex_fixed(g.bce_mean)} \\ \\text{{{unit}}}") for t in texts)
    assert any(f"= {slash(fmt.tex_number(g.y_hat))} \\quad" in t for t in texts), "y_hat = q(first class)"
    assert f"{fmt.text_fixed(g.bce_mean)} {unit}" in scene.beats[3].text


def test_longest_losses_are_rounded_to_fit_twenty_draws(play) -> None:
    data = lecture_data("longest")
    texts = play(SCENE, "longest").snapshots[3].texts
    start = texts.index("\\ell_n") + 1
    assert texts[start : start + data.n] == [fmt.tex_fixed(loss, 2) for loss in data.guesses[0].bce]


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_table_shows_every_guess_y_hat_and_mean_bce(play, config: str) -> None:
    data = lecture_data(config)
    final = play(SCENE, config).snapshots[-1].texts
    for g in data.all_guesses:
        assert g.name in final
        assert slash(fmt.tex_number(g.y_hat)) in final, g.name
        assert fmt.tex_fixed(g.bce_mean) in final, g.name
    unit = fmt.unit(data.log_base)
    assert any(t.endswith(f"= {fmt.tex_fixed(data.binary_entropy)}\\ \\text{{{unit}}}") for t in final)
    assert fmt.tex_fixed(data.best.bce_mean) == fmt.tex_fixed(data.binary_entropy)


@pytest.mark.parametrize("config", ["default", "zero_prob", "log2"])
def test_two_classes_mean_bce_equals_cross_entropy(play, config: str) -> None:
    data = lecture_data(config)
    final = play(SCENE, config).snapshots[-1].texts
    assert "H(p, q)" in final
    for g in data.all_guesses:
        assert fmt.tex_fixed(g.bce_mean) == fmt.tex_fixed(g.cross_entropy)
        assert final.count(fmt.tex_fixed(g.cross_entropy)) >= 2, f"{g.name}: BCE = H(p, q)"
    assert final.count("=") == len(data.all_guesses)


@pytest.mark.parametrize("config", MORE_THAN_TWO)
def test_more_classes_say_first_against_the_rest(play, config: str) -> None:
    data = lecture_data(config)
    scene = play(SCENE, config)
    first = data.classes[0]
    for snap in scene.snapshots:
        assert any(f"{first} against the rest" in t for t in snap.texts), snap.beat.text
    final = scene.snapshots[-1].texts
    assert any("not the full H(p, q)" in t for t in final)
    assert "H(p, q)" not in final, "no column claiming BCE = full cross-entropy"
    assert "=" not in final
    assert "\\text{ for any other colour}" in shown_texts(scene)
    assert "any other colour" in scene.beats[2].text


def test_default_matches_the_outline(play) -> None:
    final = play(SCENE, "default").snapshots[-1].texts
    for value in ("1.0549", "0.6931", "0.6730", "4/5", "1/2", "2/5"):
        assert value in final


def test_zero_probability_guess_shows_infinite_losses(play) -> None:
    scene = play(SCENE, "zero_prob")
    losses = scene.snapshots[3].texts
    start = losses.index("\\ell_n") + 1
    assert losses[start : start + 5] == ["0.0000", "\\infty", "0.0000", "\\infty", "\\infty"]
    assert any(t.endswith("\\ell_n = \\infty") for t in losses)
    assert "infinite" in scene.beats[3].text
    final = scene.snapshots[-1].texts
    assert final.count("\\infty") == 2, "mean BCE and H(p, q) of the certain guess"
