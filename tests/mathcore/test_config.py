"""mathcore.config: reading TOML, applying --set overrides, validating into LectureParams."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from mathcore import LectureParams
from mathcore.config import (
    DEFAULT_CONFIG,
    ConfigError,
    apply_overrides,
    load_params,
    load_raw,
    parse_override,
)

SEED_TOML = """\
title = "Seed"
draws = ["red", "blue", "red", "blue", "blue"]

[colors]
red = "#E5534B"
blue = "#4C8DF6"

[[guesses]]
name = "bad"
probs = { red = "4/5", blue = "1/5" }

[[guesses]]
name = "good"
probs = { red = "1/2", blue = "1/2" }
"""


@pytest.fixture
def write(tmp_path):
    def write(text: str, name: str = "lecture.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_default_config_is_the_seed():
    assert DEFAULT_CONFIG.name == "lecture.toml"
    assert DEFAULT_CONFIG.is_file()
    params = load_params()
    assert params == load_params(DEFAULT_CONFIG)
    assert params.draws == ("red", "blue", "red", "blue", "blue")
    assert params.classes == ("red", "blue")
    assert params.log_base == "e"
    assert [(g.name, g.dist.probs) for g in params.guesses] == [
        ("bad", (Fraction(4, 5), Fraction(1, 5))),
        ("good", (Fraction(1, 2), Fraction(1, 2))),
    ]


def test_load_raw(write):
    raw = load_raw(write(SEED_TOML))
    assert raw["draws"] == ["red", "blue", "red", "blue", "blue"]
    assert raw["guesses"][0] == {"name": "bad", "probs": {"red": "4/5", "blue": "1/5"}}


def test_load_raw_errors(write, tmp_path):
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_raw(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="is a directory"):
        load_raw(tmp_path)
    with pytest.raises(ConfigError, match=r"invalid TOML: .*line 2"):
        load_raw(write('title = "x"\ndraws = [red]\n', "bad.toml"))
    big = tmp_path / "big.toml"
    big.write_text("title = 'x'\n" + "# padding\n" * 10_000)
    with pytest.raises(ConfigError, match="larger than 64 KB"):
        load_raw(big)
    with pytest.raises(ConfigError, match="larger than 64 KB"):
        load_raw(Path("/dev/zero"))
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_raw(path)


@pytest.mark.parametrize(
    ("text", "parts", "value"),
    [
        ("log_base=2", ["log_base"], "2"),
        (" title = A = B ", ["title"], "A = B"),
        ("guesses.good.probs.red=3/5", ["guesses", "good", "probs", "red"], "3/5"),
        ("draws=", ["draws"], ""),
    ],
)
def test_parse_override(text, parts, value):
    assert parse_override(text) == (parts, value)


@pytest.mark.parametrize("text", ["log_base", "=2", " =2", ""])
def test_parse_override_errors(text):
    with pytest.raises(ConfigError, match="expected KEY=VALUE"):
        parse_override(text)


def test_apply_overrides_does_not_touch_its_input(write):
    raw = load_raw(write(SEED_TOML))
    before = repr(raw)
    result = apply_overrides(raw, ["guesses.good.probs.red=3/5", "colors.red=#f00", "draws=red,blue"])
    assert repr(raw) == before
    assert result["guesses"][1]["probs"]["red"] == "3/5"
    assert result["colors"]["red"] == "#f00"
    assert result["draws"] == ["red", "blue"]


@pytest.mark.parametrize(
    ("overrides", "check"),
    [
        (["title=Another title"], lambda p: p.title == "Another title"),
        (["log_base=2"], lambda p: p.log_base == "2"),
        (["log_base=10"], lambda p: p.log_base == "10"),
        (["draws=red,red,blue"], lambda p: p.draws == ("red", "red", "blue")),
        (["draws= red , blue "], lambda p: p.draws == ("red", "blue")),
        (["colors.red=#ff0000"], lambda p: p.colors == ("#FF0000", "#4C8DF6")),
        (
            ["guesses.good.probs.red=3/5", "guesses.good.probs.blue=2/5"],
            lambda p: p.guesses[1].dist.probs == (Fraction(3, 5), Fraction(2, 5)),
        ),
        (
            ["guesses.good.probs.red=0.6", "guesses.good.probs.blue=0.4"],
            lambda p: p.guesses[1].dist.probs == (Fraction(3, 5), Fraction(2, 5)),
        ),
        (["guesses.good.name=fair"], lambda p: [g.name for g in p.guesses] == ["bad", "fair"]),
        (
            ["guesses.good.name=fair", "guesses.fair.probs.red=1/3", "guesses.fair.probs.blue=2/3"],
            lambda p: p.guesses[1].name == "fair" and p.guesses[1].dist.probs == (Fraction(1, 3), Fraction(2, 3)),
        ),
    ],
)
def test_overrides(write, overrides, check):
    params = load_params(write(SEED_TOML), overrides)
    assert isinstance(params, LectureParams)
    assert check(params)


def test_colour_override_without_colors_table(write):
    text = SEED_TOML.replace('[colors]\nred = "#E5534B"\nblue = "#4C8DF6"\n', "")
    plain = load_params(write(text))
    params = load_params(write(text), ["colors.blue=#123"])
    assert params.classes == plain.classes == ("red", "blue")
    assert params.colors == (plain.colors[0], "#112233")


def test_colour_override_can_add_an_undrawn_class(write):
    params = load_params(
        write(SEED_TOML),
        [
            "colors.green=#00ff00",
            "guesses.bad.probs.green=0",
            "guesses.good.probs.red=1/3",
            "guesses.good.probs.blue=1/3",
            "guesses.good.probs.green=1/3",
        ],
    )
    assert params.classes == ("red", "blue", "green")
    assert params.guesses[1].dist.probs == (Fraction(1, 3),) * 3


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["colour=red"], "--set colour: unknown key"),
        (["colors=red"], "--set colors: unknown key"),
        (["colors.red.x=#fff"], "--set colors.red.x: unknown key"),
        (
            ["guesses.great.probs.red=1/2"],
            "--set guesses.great.probs.red: no guess named 'great'; the guesses are bad, good",
        ),
        (["guesses.good.color=red"], "--set guesses.good.color: unknown key"),
        (["guesses.good.probs=1/2"], "--set guesses.good.probs: unknown key"),
        (["novalue"], "expected KEY=VALUE"),
    ],
)
def test_override_errors(write, overrides, message):
    with pytest.raises(ConfigError) as info:
        load_params(write(SEED_TOML), overrides)
    assert str(info.value).startswith(message) or message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("overrides", "start"),
    [
        (["log_base=3"], "lecture.toml: log_base = '3': "),
        (["title="], "lecture.toml: title = '': "),
        (["draws="], "lecture.toml: draws = []: "),
        (["draws=red,green"], "lecture.toml: draws[1] = 'green': "),
        (["colors.red=red"], "lecture.toml: colors.red = 'red': "),
        (["guesses.good.probs.red=3/5"], "lecture.toml: guesses.good.probs = 11/10: "),
        (["guesses.good.probs.red=x"], "lecture.toml: guesses.good.probs.red = 'x': "),
        (["guesses.good.name=bad"], "lecture.toml: guesses[1].name = 'bad': "),
    ],
)
def test_invalid_values_name_the_file_key_and_value(write, overrides, start):
    with pytest.raises(ConfigError) as info:
        load_params(write(SEED_TOML), overrides)
    assert str(info.value).startswith(start)
    assert "\n" not in str(info.value)


def test_guess_override_skips_entries_that_are_not_tables(write):
    """A non-table entry before the named guess must not shift which guess --set changes."""
    path = write('draws = ["red", "blue"]\nguesses = ["x", { name = "good", probs = { red = "1/2", blue = "1/2" } }]\n')
    raw = apply_overrides(load_raw(path), ["guesses.good.probs.red=1/3", "guesses.good.probs.blue=2/3"])
    assert raw["guesses"] == ["x", {"name": "good", "probs": {"red": "1/3", "blue": "2/3"}}]
    with pytest.raises(ConfigError, match=r"guesses\[0\] = 'x'"):
        load_params(path, ["guesses.good.name=fair"])
