"""LikelihoodProducts shows each guess's likelihood exactly as mathcore computed it, and ranks them."""

from __future__ import annotations

import pytest
from manim import Text

from scenes.parts import formatting as fmt
from scenes.parts.formatting import power_tex, tex_ratio

from .conftest import CONFIG_NAMES, lecture_data, shown_texts

SCENE = "LikelihoodProducts"


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_one_beat_per_guess(play, config: str) -> None:
    assert len(play(SCENE, config).beats) == len(lecture_data(config).guesses) + 4


def test_default_shows_the_outline_numbers(play) -> None:
    texts = shown_texts(play(SCENE, "default"))
    assert "\\frac{16}{25} \\times \\frac{1}{125} = \\frac{16}{3125}" in texts
    assert "\\frac{1}{4} \\times \\frac{1}{8} = \\frac{1}{32}" in texts
    assert "0.00512" in texts
    assert "0.03125" in texts
    assert "6.10" in texts
    assert (
        "L(q) = \\frac{4}{5} \\cdot \\frac{1}{5} \\cdot \\frac{4}{5} \\cdot \\frac{1}{5} \\cdot \\frac{1}{5}" in texts
    )
    assert "\\left(\\frac{4}{5}\\right)^{2} \\,\\left(\\frac{1}{5}\\right)^{3}" in texts


def test_default_captions_say_the_ratio(play) -> None:
    captions = " ".join(b.text for b in play(SCENE, "default").beats)
    assert "16/3125" in captions and "0.00512" in captions and "1/32" in captions
    assert "about 6.10 times as likely as bad" in captions


@pytest.mark.parametrize("config", ["default", "three_classes", "zero_prob", "longest"])
def test_every_guess_is_worked_out_from_mathcore(play, config: str) -> None:
    data = lecture_data(config)
    texts = shown_texts(play(SCENE, config))
    for guess in data.guesses:
        values = " \\times ".join(fmt.tex_number(p.value) for p in guess.powers)
        total = fmt.tex_fraction(guess.likelihood) if guess.exact else fmt.tex_decimal(guess.likelihood_float)
        assert values in texts, guess.name
        assert total in texts, guess.name
        assert fmt.tex_decimal(guess.likelihood_float) in texts, guess.name
        for power in guess.powers:
            assert power_tex(power) in texts, (guess.name, power)
        assert tex_ratio(guess.ratio) in texts, guess.name
    for guess in data.guesses[:1]:
        factors = " \\cdot ".join(fmt.tex_number(f) for f in guess.factors[:5])
        assert factors in texts, "the first guess's product in draw order"


def test_floats_show_decimals(play) -> None:
    data = lecture_data("three_classes")
    floats = data.guess("floats")
    texts = shown_texts(play(SCENE, "three_classes"))
    assert "q(\\text{red}) = 0.5" in texts
    assert "(0.5\\right)^{5}" in texts
    assert f"\\approx {fmt.tex_decimal(floats.likelihood_float)}" in texts
    assert "2.025 \\times 10^{-6}" in texts


@pytest.mark.parametrize("config", ["zero_prob", "longest"])
def test_a_zero_guess_shows_a_zero_factor_and_zero_likelihood(play, config: str) -> None:
    data = lecture_data(config)
    zero = next(g for g in data.guesses if g.likelihood == 0)
    texts = shown_texts(play(SCENE, config))
    assert "\\left(0\\right)" in texts
    assert "\\times 0 \\;= 0" in texts
    assert "\\infty" not in texts, "a column of infinities teaches nothing"
    assert data.reference != zero.name and data.guess(data.reference).likelihood != 0
    assert zero.ratio == 0
    caption = " ".join(b.text for b in play(SCENE, config).beats)
    assert f"{zero.name} gave a drawn colour probability 0, so the data is impossible" in caption


@pytest.mark.parametrize("config", ["default", "three_classes", "longest"])
def test_table_ranks_guesses_by_likelihood_beside_p(play, config: str) -> None:
    data = lecture_data(config)
    scene = play(SCENE, config)
    names = {m.original_text: m for top in scene.mobjects for m in top.get_family() if isinstance(m, Text)}
    ys = [names[name].get_y() for name in data.ranking]
    assert ys == sorted(ys, reverse=True), "most likely guess on top"
    last = "\n".join(scene.snapshots[-1].texts)
    for p in data.empirical:
        assert fmt.tex_fraction(p) in last
    assert "data: p" in last
    assert data.ranking[0] in scene.beats[-1].text


def _data(guesses: dict[str, dict[str, str]]):
    from mathcore import LectureParams, compute

    return compute(
        LectureParams.from_mapping(
            {
                "draws": ["red", "blue", "red"],
                "colors": {"red": "#E5534B", "blue": "#4C8DF6"},
                "guesses": [{"name": n, "probs": p} for n, p in guesses.items()],
            }
        )
    )


def test_when_one_guess_allows_every_draw_it_is_the_reference_and_the_others_score_0() -> None:
    from scenes.likelihood_products import ranking_caption

    data = _data({"no-red": {"red": "0", "blue": "1"}, "fair": {"red": "1/2", "blue": "1/2"}})
    assert data.reference == "fair" and data.guess("fair").ratio == 1 and data.guess("no-red").ratio == 0
    caption = ranking_caption(data)
    assert "fair comes first: it is the only guess that allows every draw" in caption
    assert "no-red gave a drawn colour probability 0" in caption
    assert fmt.tex_ratio(data.guess("no-red").ratio) == "0"


def test_when_every_guess_rules_out_a_draw_the_caption_says_so() -> None:
    from scenes.likelihood_products import ranking_caption

    data = _data({"no-red": {"red": "0", "blue": "1"}, "no-blue": {"red": "1", "blue": "0"}})
    assert [g.ratio for g in data.guesses] == [1, 1]  # equally impossible
    assert "every guess gave probability 0 to a colour that was drawn" in ranking_caption(data)
