"""mathcore.distribution: validating guesses and counting draws."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import Distribution, DistributionError, empirical, make_distribution
from mathcore.distribution import FLOAT_TOLERANCE

CLASSES = ("red", "blue")


def test_make_distribution_exact():
    dist = make_distribution(CLASSES, {"blue": "1/5", "red": "4/5"})
    assert dist.classes == CLASSES
    assert dist.probs == (Fraction(4, 5), Fraction(1, 5))  # the classes' order, not the mapping's
    assert dist.exact
    assert dist["blue"] == Fraction(1, 5)
    assert dist.as_dict() == {"red": Fraction(4, 5), "blue": Fraction(1, 5)}
    assert list(dist.as_dict()) == ["red", "blue"]


def test_make_distribution_decimal_strings_and_ints_are_exact():
    dist = make_distribution(("a", "b", "c"), {"a": "0.5", "b": "0.25", "c": "1/4"})
    assert dist.exact
    assert dist.probs == (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4))
    dist = make_distribution(CLASSES, {"red": 1, "blue": 0})
    assert dist.exact
    assert dist.probs == (1, 0)


def test_make_distribution_floats_and_mixed_are_floats():
    dist = make_distribution(CLASSES, {"red": 0.8, "blue": 0.2})
    assert not dist.exact
    assert dist.probs == (0.8, 0.2)
    mixed = make_distribution(CLASSES, {"red": "1/3", "blue": 2 / 3})
    assert not mixed.exact
    assert all(type(p) is float for p in mixed.probs)
    assert mixed.probs == (1 / 3, 2 / 3)


def test_as_floats():
    dist = make_distribution(CLASSES, {"red": "4/5", "blue": "1/5"}).as_floats()
    assert dist == Distribution(CLASSES, (0.8, 0.2))
    assert not dist.exact


@pytest.mark.parametrize(
    ("probs", "key", "value", "message"),
    [
        ({"red": "4/5"}, "blue", None, "missing class 'blue'"),
        ({"red": "4/5", "blue": "1/5", "green": "0"}, "green", "0", "unknown class 'green'"),
        ({"red": "6/5", "blue": "-1/5"}, "red", "6/5", "between 0 and 1"),
        ({"red": "1", "blue": "-0"}, None, None, None),  # -0 is 0: valid
        ({"red": "7/5", "blue": "-2/5"}, "red", "7/5", "between 0 and 1"),
        ({"red": "1/2", "blue": "-1/2"}, "blue", "-1/2", "between 0 and 1"),
        ({"red": -0.5, "blue": 1.5}, "red", -0.5, "between 0 and 1"),
        ({"red": "abc", "blue": "1/5"}, "red", "abc", "is not a probability"),
        ({"red": "4/0", "blue": "1/5"}, "red", "4/0", "denominator"),
        ({"red": True, "blue": "1/5"}, "red", True, "boolean"),
        ({"red": "1/2", "blue": "1/3"}, None, Fraction(5, 6), "sum to 5/6"),
        ({"red": "4/5", "blue": "1/4"}, None, Fraction(21, 20), "exactly 1"),
    ],
)
def test_make_distribution_errors(probs, key, value, message):
    if message is None:
        assert make_distribution(CLASSES, probs).probs == (1, 0)
        return
    with pytest.raises(DistributionError, match=message) as info:
        make_distribution(CLASSES, probs)
    assert isinstance(info.value, ValueError)
    assert info.value.key == key
    assert info.value.value == value


def test_make_distribution_exact_sum_has_no_tolerance():
    with pytest.raises(DistributionError, match="exactly 1"):
        make_distribution(CLASSES, {"red": "1/2", "blue": "50001/100000"})


@pytest.mark.parametrize("off", [1e-6, -1e-6, 1e-8, 2 * FLOAT_TOLERANCE])
def test_float_sum_off_is_rejected(off):
    with pytest.raises(DistributionError, match="must sum to 1") as info:
        make_distribution(CLASSES, {"red": 0.5, "blue": 0.5 + off})
    assert info.value.key is None
    assert info.value.value == pytest.approx(1 + off)


@pytest.mark.parametrize("off", [1e-12, -1e-12, FLOAT_TOLERANCE / 2])
def test_float_sum_off_within_tolerance_is_accepted(off):
    dist = make_distribution(CLASSES, {"red": 0.5, "blue": 0.5 + off})
    assert dist.probs == (0.5, 0.5 + off)


def test_float_tolerance_value():
    assert FLOAT_TOLERANCE == 1e-9


def test_empirical_of_the_seed():
    emp = empirical(["red", "blue", "red", "blue", "blue"])
    assert emp.classes == ("red", "blue")
    assert emp.counts == (2, 3)
    assert emp.n == 5
    assert emp.probs == (Fraction(2, 5), Fraction(3, 5))
    assert emp.distribution() == Distribution(("red", "blue"), (Fraction(2, 5), Fraction(3, 5)))
    assert emp.distribution().exact


def test_empirical_with_given_classes_and_undrawn_class():
    emp = empirical(["blue", "blue", "red"], ("red", "green", "blue"))
    assert emp.classes == ("red", "green", "blue")
    assert emp.counts == (1, 0, 2)
    assert emp.probs == (Fraction(1, 3), Fraction(0), Fraction(2, 3))


def test_empirical_errors():
    with pytest.raises(ValueError, match="empty"):
        empirical([])
    with pytest.raises(ValueError, match="'green' is not one of the classes"):
        empirical(["red", "green"], ("red", "blue"))


@given(draws=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=30))
@settings(deadline=None, max_examples=50)
def test_empirical_probabilities_are_exact_counts_over_n(draws):
    emp = empirical(draws)
    assert emp.classes == tuple(dict.fromkeys(draws))
    assert emp.n == len(draws)
    assert sum(emp.probs) == 1
    for name, count, prob in zip(emp.classes, emp.counts, emp.probs, strict=True):
        assert count == draws.count(name)
        assert prob == Fraction(count, len(draws))
    again = make_distribution(emp.classes, {c: str(q) for c, q in zip(emp.classes, emp.probs, strict=True)})
    assert again == emp.distribution()


@given(weights=st.lists(st.integers(0, 50), min_size=2, max_size=5).filter(lambda w: sum(w) > 0))
@settings(deadline=None, max_examples=50)
def test_any_exact_distribution_is_accepted_and_kept_exact(weights):
    classes = tuple(f"c{i}" for i in range(len(weights)))
    total = sum(weights)
    probs = {c: f"{w}/{total}" for c, w in zip(classes, weights, strict=True)}
    dist = make_distribution(classes, probs)
    assert dist.exact
    assert dist.probs == tuple(Fraction(w, total) for w in weights)
    assert sum(dist.probs) == 1
