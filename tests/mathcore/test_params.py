"""mathcore.params: validating the lecture's parameters, one clear error per mistake."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import LectureParams, ParamError
from mathcore.colors import DEFAULT_PALETTE, MIN_DISTANCE, NAMED_COLORS, distance
from mathcore.params import (
    MAX_CLASSES,
    MAX_DRAWS,
    MAX_GUESSES,
    MAX_NAME_CHARS,
    MAX_TITLE_CHARS,
)

SEED = {
    "title": "Cross-entropy from likelihood",
    "draws": ["red", "blue", "red", "blue", "blue"],
    "log_base": "e",
    "colors": {"red": "#E5534B", "blue": "#4C8DF6"},
    "guesses": [
        {"name": "bad", "probs": {"red": "4/5", "blue": "1/5"}},
        {"name": "good", "probs": {"red": "1/2", "blue": "1/2"}},
    ],
}


def seed(**changes):
    """The seed's mapping with some top-level keys replaced (``None`` removes a key)."""
    raw = copy.deepcopy(SEED)
    for key, value in changes.items():
        if value is None:
            raw.pop(key)
        else:
            raw[key] = value
    return raw


def one_guess(probs, name="bad"):
    return [{"name": name, "probs": probs}]


def test_seed_params():
    params = LectureParams.from_mapping(SEED)
    assert params.title == "Cross-entropy from likelihood"
    assert params.draws == ("red", "blue", "red", "blue", "blue")
    assert params.classes == ("red", "blue")
    assert params.colors == ("#E5534B", "#4C8DF6")
    assert params.log_base == "e"
    assert [g.name for g in params.guesses] == ["bad", "good"]
    assert params.guesses[0].dist.probs == (Fraction(4, 5), Fraction(1, 5))
    assert params.guesses[1].dist.probs == (Fraction(1, 2), Fraction(1, 2))
    assert params.color_of("blue") == "#4C8DF6"


def test_defaults_and_class_order():
    params = LectureParams.from_mapping(seed(title=None, log_base=None, colors=None, draws=["blue", "red", "red"]))
    assert params.title == "Cross-entropy from likelihood"
    assert params.log_base == "e"
    assert params.classes == ("blue", "red")  # order of first appearance
    assert params.colors == (NAMED_COLORS["blue"], NAMED_COLORS["red"])
    assert params.guesses[0].dist.probs == (Fraction(1, 5), Fraction(4, 5))  # in the classes' order


def test_colors_table_sets_class_order_and_undrawn_classes():
    colors = {"green": "#0f0", "red": "#ff0000", "blue": "#00F"}
    params = LectureParams.from_mapping(
        seed(colors=colors, guesses=one_guess({"red": "1/2", "blue": "1/4", "green": "1/4"}))
    )
    assert params.classes == ("green", "red", "blue")
    assert params.colors == ("#00FF00", "#FF0000", "#0000FF")  # expanded and upper-cased
    assert params.guesses[0].dist.probs == (Fraction(1, 4), Fraction(1, 2), Fraction(1, 4))


def test_palette_for_unnamed_classes():
    draws = ["x1", "red", "x2", "x3", "x4"]
    params = LectureParams.from_mapping(seed(colors=None, draws=draws, guesses=one_guess({c: "1/5" for c in draws})))
    assert params.classes == tuple(draws)
    assert params.colors[1] == NAMED_COLORS["red"]
    assert len(set(params.colors)) == 5
    assert set(params.colors) <= set(DEFAULT_PALETTE)


@pytest.mark.parametrize(("raw", "expected"), [("e", "e"), (2, "2"), ("2", "2"), (10, "10"), ("10", "10")])
def test_log_base(raw, expected):
    assert LectureParams.from_mapping(seed(log_base=raw)).log_base == expected


def test_float_guess_stays_float_and_title_is_stripped():
    params = LectureParams.from_mapping(seed(title="  A title  ", guesses=one_guess({"red": 0.8, "blue": 0.2})))
    assert params.title == "A title"
    assert params.guesses[0].dist.probs == (0.8, 0.2)
    assert not params.guesses[0].dist.exact


def test_to_mapping_round_trips():
    params = LectureParams.from_mapping(seed(log_base=2))
    raw = params.to_mapping()
    assert raw["guesses"][0] == {"name": "bad", "probs": {"red": "4/5", "blue": "1/5"}}
    assert raw["log_base"] == "2"
    assert LectureParams.from_mapping(raw) == params


def test_limits_are_accepted_at_the_limit():
    classes = ["a", "b", "c", "d", "e"][:MAX_CLASSES]
    draws = [classes[i % len(classes)] for i in range(MAX_DRAWS)]
    probs = {c: f"1/{len(classes)}" for c in classes}
    guesses = [{"name": f"g{i}" + "x" * (MAX_NAME_CHARS - 2), "probs": probs} for i in range(MAX_GUESSES)]
    params = LectureParams.from_mapping(seed(title="T" * MAX_TITLE_CHARS, colors=None, draws=draws, guesses=guesses))
    assert len(params.draws) == MAX_DRAWS
    assert len(params.classes) == MAX_CLASSES
    assert len(params.guesses) == MAX_GUESSES


def test_limits_values():
    assert (MAX_TITLE_CHARS, MAX_NAME_CHARS, MAX_CLASSES, MAX_DRAWS, MAX_GUESSES) == (60, 12, 5, 20, 4)


SIX = {c: "#000000" for c in "abcdef"}

# (id, mapping, key, the value as the message shows it)
INVALID = [
    ("unknown key", seed(colour="red"), "colour", "'red'"),
    ("draw without colour", seed(draws=["red", "green"]), "draws[1]", "'green'"),
    ("sum not 1", seed(guesses=one_guess({"red": "4/5", "blue": "2/5"})), "guesses.bad.probs", "6/5"),
    (
        "float sum off",
        seed(guesses=one_guess({"red": 0.5, "blue": 0.500001})),
        "guesses.bad.probs",
        "1.00000",
    ),
    ("negative", seed(guesses=one_guess({"red": "1", "blue": "-1/5"})), "guesses.bad.probs.blue", "'-1/5'"),
    ("above one", seed(guesses=one_guess({"red": "6/5", "blue": "-1/5"})), "guesses.bad.probs.red", "'6/5'"),
    (
        "malformed fraction",
        seed(guesses=one_guess({"red": "4//5", "blue": "1/5"})),
        "guesses.bad.probs.red",
        "'4//5'",
    ),
    (
        "zero denominator",
        seed(guesses=one_guess({"red": "4/0", "blue": "1/5"})),
        "guesses.bad.probs.red",
        "'4/0'",
    ),
    ("boolean", seed(guesses=one_guess({"red": True, "blue": "0"})), "guesses.bad.probs.red", "True"),
    ("empty draws", seed(draws=[]), "draws", "[]"),
    ("missing draws", seed(draws=None), "draws", "'(missing)'"),
    ("guess missing a class", seed(guesses=one_guess({"red": "1"})), "guesses.bad.probs.blue", "{red = '1'}"),
    (
        "guess unknown class",
        seed(guesses=one_guess({"red": "1", "blue": "0", "pink": "0"})),
        "guesses.bad.probs.pink",
        "'0'",
    ),
    ("draws wrong type", seed(draws="red"), "draws", "'red'"),
    ("title wrong type", seed(title=5), "title", "5"),
    ("colors wrong type", seed(colors=["red"]), "colors", "['red']"),
    ("probs wrong type", seed(guesses=one_guess("4/5")), "guesses.bad.probs", "'4/5'"),
    ("guess wrong type", seed(guesses=["bad"]), "guesses[0]", "'bad'"),
    ("guesses empty", seed(guesses=[]), "guesses", "[]"),
    ("missing guesses", seed(guesses=None), "guesses", "'(missing)'"),
    ("title too long", seed(title="x" * 61), "title", "'" + "x" * 61 + "'"),
    ("title empty", seed(title="   "), "title", "'   '"),
    ("title two lines", seed(title="a\nb"), "title", "'a\\nb'"),
    ("too many draws", seed(draws=["red"] * 21), "draws", "'21 draws'"),
    ("too many classes", seed(draws=list("abcdef"), colors=SIX), "colors", "['a', 'b', 'c', 'd', 'e', 'f']"),
    (
        "too many classes drawn",
        seed(draws=list("abcdef"), colors=None),
        "draws",
        "['a', 'b', 'c', 'd', 'e', 'f']",
    ),
    ("one class", seed(draws=["red", "red"], colors=None), "draws", "['red']"),
    ("too many guesses", seed(guesses=[SEED["guesses"][1]] * 5), "guesses", "'5 guesses'"),
    ("duplicate guess names", seed(guesses=[SEED["guesses"][1]] * 2), "guesses[1].name", "'good'"),
    (
        "guess named best",
        seed(guesses=one_guess({"red": "1/2", "blue": "1/2"}, "best")),
        "guesses[0].name",
        "'best'",
    ),
    (
        "guess name malformed",
        seed(guesses=one_guess({"red": "1/2", "blue": "1/2"}, "a b")),
        "guesses[0].name",
        "'a b'",
    ),
    (
        "guess without name",
        seed(guesses=[{"probs": {"red": "1", "blue": "0"}}]),
        "guesses[0].name",
        "'(missing)'",
    ),
    (
        "guess unknown key",
        seed(guesses=[{"name": "g", "probs": {"red": "1", "blue": "0"}, "prob": 1}]),
        "guesses[0].prob",
        "1",
    ),
    ("class name too long", seed(draws=["red", "x" * 13], colors=None), "draws[1]", "'" + "x" * 13 + "'"),
    ("bad colour hex", seed(colors={"red": "#GG0000", "blue": "#4C8DF6"}), "colors.red", "'#GG0000'"),
    ("colour name not hex", seed(colors={"red": "red", "blue": "#4C8DF6"}), "colors.red", "'red'"),
    ("bad log_base", seed(log_base=3), "log_base", "3"),
    ("bad log_base string", seed(log_base="ln"), "log_base", "'ln'"),
    ("log_base float", seed(log_base=2.0), "log_base", "2.0"),
    ("log_base bool", seed(log_base=True), "log_base", "True"),
    ("title line separator", seed(title="a\u2028b"), "title", repr("a\u2028b")),
    ("title direction override", seed(title="evil\u202egnp.exe"), "title", repr("evil\u202egnp.exe")),
    ("title only a zero-width space", seed(title="\u200b"), "title", repr("\u200b")),
    (
        "probability with too many digits",
        seed(guesses=one_guess({"red": "1/" + "3" * 300, "blue": "1/2"})),
        "guesses.bad.probs.red",
        "'1/" + "3" * 73 + "...'",
    ),
    (
        "decimal with too many digits",
        seed(guesses=one_guess({"red": "0.1234567", "blue": "0.8765433"})),
        "guesses.bad.probs.red",
        "'0.1234567'",
    ),
]


def test_an_exact_probability_at_the_digit_limit_is_accepted() -> None:
    params = LectureParams.from_mapping(seed(guesses=one_guess({"red": "1/999983", "blue": "999982/999983"})))
    assert params.guesses[0].dist.probs[0] == Fraction(1, 999983)
    LectureParams.from_mapping(seed(guesses=one_guess({"red": "0.123456", "blue": "0.876544"})))
    LectureParams.from_mapping(seed(guesses=one_guess({"red": "4000/5000", "blue": "1/5"})))  # lowest terms count


def test_a_huge_value_is_quoted_short() -> None:
    with pytest.raises(ParamError) as caught:
        LectureParams.from_mapping(seed(title="x" * 100_000))
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(("raw", "key", "shown"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_parameters_raise_param_error_naming_key_and_value(raw, key, shown):
    with pytest.raises(ParamError) as info:
        LectureParams.from_mapping(raw)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.key == key
    message = str(err)
    assert message.startswith(f"{key} = {shown}")
    assert "\n" not in message
    assert err.allowed and message.endswith(err.allowed)


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.one_of(st.integers(), st.text(max_size=3)), max_size=3),
    st.dictionaries(st.text(max_size=3), st.one_of(st.integers(), st.text(max_size=3)), max_size=2),
)


@given(key=st.sampled_from(["title", "draws", "log_base", "colors", "guesses"]), value=JUNK)
@settings(deadline=None, max_examples=30)
def test_junk_values_give_param_errors_only(key, value):
    """Whatever a TOML value holds, validation accepts it or raises ParamError, never another exception."""
    try:
        params = LectureParams.from_mapping(seed(**{key: value}))
    except ParamError as err:
        assert err.key.split(".")[0].split("[")[0] in (key, "draws", "guesses")
    else:
        # only a few junk values can be valid: a title, a log base 2 or 10, or no title/log_base/colors at all
        assert key in ("title", "log_base", "colors")
        assert params.draws == tuple(SEED["draws"])


NAME_POOL = ["red", "Red", "blue", "green", "yellow", "grey", "gray", "pink", "x1", "x2", "x3", "x4", "x5"]


@given(classes=st.lists(st.sampled_from(NAME_POOL), min_size=2, max_size=5, unique=True))
@settings(deadline=None, max_examples=40)
def test_default_colours_are_distinct_and_named_classes_get_their_colour(classes):
    probs = {c: f"1/{len(classes)}" for c in classes}
    params = LectureParams.from_mapping(seed(colors=None, draws=classes, guesses=one_guess(probs)))
    assert params.classes == tuple(classes)
    for i, (name, color) in enumerate(zip(classes, params.colors, strict=True)):
        named = NAMED_COLORS.get(name.lower())
        taken = any(distance(named, c) < MIN_DISTANCE for c in params.colors[:i]) if named else True
        if not taken:
            assert color == named, f"class {name!r} should be shown in its own colour"
        elif not named:
            assert color in DEFAULT_PALETTE
