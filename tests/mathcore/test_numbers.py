"""mathcore.numbers: parsing configuration numbers, logarithms and their inverse."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import LOG_BASES, exp_base, log, parse_number

LN = {"e": 1.0, "2": math.log(2), "10": math.log(10)}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4/5", Fraction(4, 5)),
        ("0.8", Fraction(4, 5)),
        (" 3 / 4 ", Fraction(3, 4)),
        (".5", Fraction(1, 2)),
        ("1e-3", Fraction(1, 1000)),
        ("1", Fraction(1)),
        (1, Fraction(1)),
        (0, Fraction(0)),
    ],
)
def test_parse_number_exact(raw, expected):
    value = parse_number(raw)
    assert type(value) is Fraction
    assert value == expected


def test_parse_number_float_stays_float():
    value = parse_number(0.8)
    assert type(value) is float
    assert value == 0.8
    assert value != Fraction(4, 5)  # 0.8 as a float is not exactly 4/5


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("4/0", "denominator"),
        ("abc", "fraction such as 4/5"),
        ("", "fraction such as 4/5"),
        ("1/2/3", "fraction such as 4/5"),
        ("inf", "fraction such as 4/5"),
        ("4/5.0", "fraction such as 4/5"),
        (True, "boolean"),
        (False, "boolean"),
        (None, "NoneType"),
        ([1, 2], "list"),
        ({"a": 1}, "dict"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
    ],
)
def test_parse_number_errors(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_number(raw)


@given(num=st.integers(0, 10**6), den=st.integers(1, 10**6))
@settings(deadline=None, max_examples=50)
def test_parse_number_fraction_string_roundtrip(num, den):
    assert parse_number(f"{num}/{den}") == Fraction(num, den)
    assert parse_number(str(Fraction(num, den))) == Fraction(num, den)


@pytest.mark.parametrize("base", LOG_BASES)
def test_log_of_zero_is_minus_infinity(base):
    assert log(0, base) == -math.inf
    assert log(Fraction(0), base) == -math.inf
    assert log(0.0, base) == -math.inf


def test_log_of_negative_raises():
    with pytest.raises(ValueError, match="negative"):
        log(Fraction(-1, 2))


@pytest.mark.parametrize("base", LOG_BASES)
def test_log_values(base):
    assert log(1, base) == 0.0
    assert log(Fraction(1, 2), base) == pytest.approx(-math.log(2) / LN[base], rel=1e-15)
    assert log(0.25, base) == pytest.approx(-2 * math.log(2) / LN[base], rel=1e-15)
    assert log(Fraction(8), "2") == pytest.approx(3.0, rel=1e-15)
    assert log(Fraction(1, 1000), "10") == pytest.approx(-3.0, rel=1e-15)


def test_log_of_exact_value_below_float_range_is_finite():
    tiny = Fraction(1, 150) ** 150
    assert float(tiny) == 0.0
    assert log(tiny) == pytest.approx(-150 * math.log(150), rel=1e-14)
    assert log(tiny, "10") == pytest.approx(-150 * math.log10(150), rel=1e-14)
    # a subnormal float has no exact detour: its log is the float's
    assert log(5e-324) == pytest.approx(math.log(5e-324))


def test_log_of_exact_value_above_float_range_is_finite():
    huge = Fraction(10**400)
    assert log(huge) == pytest.approx(400 * math.log(10), rel=1e-14)
    assert log(huge, "10") == pytest.approx(400, rel=1e-14)
    assert log(10**400) == pytest.approx(400 * math.log(10), rel=1e-14)


def test_log_of_normal_fraction_is_log_of_its_float():
    for x in (Fraction(2, 5), Fraction(3, 5), Fraction(16, 3125), Fraction(1, 7)):
        assert log(x) == math.log(float(x))


@pytest.mark.parametrize("base", LOG_BASES)
def test_exp_base_of_minus_infinity_is_zero(base):
    assert exp_base(-math.inf, base) == 0.0


@pytest.mark.parametrize(("base", "y", "expected"), [("e", 1.0, math.e), ("2", 10.0, 1024.0), ("10", -3.0, 1e-3)])
def test_exp_base_values(base, y, expected):
    assert exp_base(y, base) == pytest.approx(expected, rel=1e-15)


@given(
    x=st.floats(min_value=1e-300, max_value=1.0, allow_nan=False, allow_infinity=False),
    base=st.sampled_from(LOG_BASES),
)
@settings(deadline=None, max_examples=40)
def test_exp_base_inverts_log(x, base):
    assert exp_base(log(x, base), base) == pytest.approx(x, rel=1e-12)


@given(
    a=st.fractions(min_value=0, max_value=1, max_denominator=10**6),
    b=st.fractions(min_value=0, max_value=1, max_denominator=10**6),
    base=st.sampled_from(LOG_BASES),
)
@settings(deadline=None, max_examples=40)
def test_log_is_monotonic(a, b, base):
    if a < b:
        assert log(a, base) < log(b, base)
    elif a == b:
        assert log(a, base) == log(b, base)
