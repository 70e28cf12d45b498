"""Every beat describes its last picture in words, and every number it states is on screen."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from scenes import SCENE_NAMES
from scenes.parts.describe import said_number, said_power, said_tex_number

from .conftest import CONFIG_NAMES

NUMBER = re.compile(r"\d+(?:\.\d+)?")
SAID_FRACTION = re.compile(r"(\d+) over (\d+)")
SHOWN_FRACTION = re.compile(r"\\[td]?frac\{(\d+)\}\{(\d+)\}|(\d+)/(\d+)")
SYMBOLS = re.compile(r"[\\_^{}$]")


def _screen_numbers(snap) -> set[str]:
    """Every number written on screen at the end of the beat, as written (thousands separators dropped)."""
    found: set[str] = set()
    for text in snap.texts:
        found |= set(NUMBER.findall(text.replace("{,}", "").replace(",", "")))
    return found


def _screen_fractions(snap) -> set[tuple[str, str]]:
    """Every fraction written on screen, as (numerator, denominator)."""
    found: set[tuple[str, str]] = set()
    for text in snap.texts:
        for m in SHOWN_FRACTION.finditer(text):
            found.add((m[1], m[2]) if m[1] else (m[3], m[4]))
    return found


def _on_screen(number: str, written: set[str], counters: list[float]) -> bool:
    if number in written:
        return True
    places = len(number.split(".")[1]) if "." in number else 0
    return any(abs(abs(v) - float(number)) <= 0.5 * 10**-places + 1e-9 for v in counters)


@pytest.mark.parametrize("config", CONFIG_NAMES)
@pytest.mark.parametrize("name", SCENE_NAMES)
def test_every_beat_says_what_its_picture_shows_with_the_numbers_it_shows(play, name: str, config: str) -> None:
    scene = play(name, config)
    for snap in scene.snapshots:
        description = snap.beat.description
        assert len(description.split()) >= 4, f"{snap.beat.text!r} has no description"
        assert not SYMBOLS.search(description), f"TeX in a description: {description!r}"
        written = _screen_numbers(snap)
        for number in NUMBER.findall(description.replace(",", "")):
            assert _on_screen(number, written, snap.numbers), f"{number} is not on screen: {description!r}"
        fractions = _screen_fractions(snap)
        for said in SAID_FRACTION.finditer(description):
            assert (said[1], said[2]) in fractions, f"{said[0]} is not a fraction on screen: {description!r}"


def test_descriptions_follow_the_data(play) -> None:
    # the bad guess's likelihood, as the outline gives it, where the products are worked out
    described = " ".join(b.description for b in play("LikelihoodProducts", "default").beats)
    assert "4 over 5 squared times 1 over 5 cubed" in described and "16 over 3125" in described
    other = " ".join(b.description for b in play("LikelihoodProducts", "three_classes").beats)
    assert "16 over 3125" not in other


def test_numbers_are_said_with_their_sign_and_their_fractions_as_words() -> None:
    assert said_number(Fraction(16, 3125)) == "16 over 3125"
    assert said_number(Fraction(-1, 2)) == "minus 1 over 2"
    assert said_tex_number("1.67 \\times 10^{-13}") == "1.67 times 10 to the power minus 13"
    assert said_tex_number("-0.6931") == "minus 0.6931"

    class Power:
        prob, count = Fraction(4, 5), 2

    assert said_power(Power()) == "4 over 5 squared"
