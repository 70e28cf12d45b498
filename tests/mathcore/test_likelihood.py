"""mathcore.likelihood: the product over the draws, its grouped form and its logarithm."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import (
    LOG_BASES,
    Distribution,
    PowerFactor,
    cross_entropy,
    draw_factors,
    empirical,
    exp_base,
    grouped_factors,
    grouped_likelihood,
    likelihood,
    log_likelihood,
    product_underflow,
)

CLASSES = ("red", "blue")
DRAWS = ("red", "blue", "red", "blue", "blue")
COUNTS = (2, 3)
BAD = Distribution(CLASSES, (Fraction(4, 5), Fraction(1, 5)))
GOOD = Distribution(CLASSES, (Fraction(1, 2), Fraction(1, 2)))
BEST = Distribution(CLASSES, (Fraction(2, 5), Fraction(3, 5)))
NAMES = ("a", "b", "c", "d", "e")


@st.composite
def draws_and_guess(draw, positive=True):
    """Draws over K classes and an exact guess; with ``positive``, every q_i > 0."""
    k = draw(st.integers(2, 5))
    classes = NAMES[:k]
    draws = draw(st.lists(st.sampled_from(classes), min_size=1, max_size=20))
    weights = draw(st.lists(st.integers(1 if positive else 0, 30), min_size=k, max_size=k))
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    guess = Distribution(classes, tuple(Fraction(w, total) for w in weights))
    return classes, draws, guess


def test_draw_factors_in_draw_order():
    assert draw_factors(DRAWS, BAD) == (
        Fraction(4, 5),
        Fraction(1, 5),
        Fraction(4, 5),
        Fraction(1, 5),
        Fraction(1, 5),
    )


def test_seed_likelihoods_are_exact():
    assert likelihood(DRAWS, BAD) == Fraction(16, 3125)
    assert likelihood(DRAWS, GOOD) == Fraction(1, 32)
    assert likelihood(DRAWS, BEST) == Fraction(108, 3125)
    assert all(type(likelihood(DRAWS, g)) is Fraction for g in (BAD, GOOD, BEST))


def test_seed_grouped_factors():
    assert grouped_factors(COUNTS, BAD) == (
        PowerFactor("red", Fraction(4, 5), 2, Fraction(16, 25)),
        PowerFactor("blue", Fraction(1, 5), 3, Fraction(1, 125)),
    )
    assert grouped_likelihood(COUNTS, BAD) == Fraction(16, 3125)


def test_grouped_factors_leave_out_undrawn_classes():
    guess = Distribution(("red", "green", "blue"), (Fraction(1, 2), Fraction(0), Fraction(1, 2)))
    factors = grouped_factors((2, 0, 1), guess)
    assert [f.name for f in factors] == ["red", "blue"]
    assert grouped_likelihood((2, 0, 1), guess) == Fraction(1, 8)
    assert log_likelihood((2, 0, 1), guess) == pytest.approx(3 * math.log(0.5), rel=1e-15)


def test_float_guess_gives_float_likelihood():
    lik = likelihood(DRAWS, BAD.as_floats())
    assert type(lik) is float
    assert lik == pytest.approx(0.00512, rel=1e-14)


@pytest.mark.parametrize(
    ("guess", "expected"), [(BAD, -5.274600839930721), (GOOD, -5 * math.log(2)), (BEST, math.log(0.03456))]
)
def test_seed_log_likelihoods(guess, expected):
    assert log_likelihood(COUNTS, guess) == pytest.approx(expected, rel=1e-14)
    assert log_likelihood(COUNTS, guess.as_floats()) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("exact", [True, False])
def test_zero_probability_on_a_drawn_class(exact):
    guess = Distribution(CLASSES, (Fraction(0), Fraction(1)))
    guess = guess if exact else guess.as_floats()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lik = likelihood(DRAWS, guess)
        log_lik = log_likelihood(COUNTS, guess)
        for base in LOG_BASES:
            assert log_likelihood(COUNTS, guess, base) == -math.inf
    assert lik == 0
    assert type(lik) is (Fraction if exact else float)
    assert log_lik == -math.inf


def test_exact_log_likelihood_is_finite_where_float_product_underflows():
    classes = ("a", "b")
    guess = Distribution(classes, (Fraction(1, 10**20), 1 - Fraction(1, 10**20)))
    draws = ["a"] * 20
    assert float(likelihood(draws, guess)) == 0.0
    assert likelihood(draws, guess.as_floats()) == 0.0
    assert log_likelihood((20, 0), guess, "10") == pytest.approx(-400, rel=1e-14)
    assert log_likelihood((20, 0), guess.as_floats(), "10") == pytest.approx(-400, rel=1e-14)


def test_product_underflow_of_150_factors():
    result = product_underflow([Fraction(1, 150)] * 150)
    assert result.factors == 150
    assert result.float_product == 0.0
    assert result.zero_after == 149
    assert result.log10_exact == pytest.approx(-150 * math.log10(150), rel=1e-13)
    # the partial float product before the zero is still positive (subnormal)
    assert math.prod([1 / 150] * 148) > 0.0


def test_product_underflow_without_underflow():
    result = product_underflow([Fraction(1, 2)] * 10)
    assert result.float_product == 2.0**-10
    assert result.zero_after is None
    assert result.log10_exact == pytest.approx(-10 * math.log10(2), rel=1e-14)


@given(case=draws_and_guess(positive=False))
@settings(deadline=None, max_examples=30)
def test_grouped_likelihood_equals_product(case):
    classes, draws, guess = case
    counts = empirical(draws, classes).counts
    lik = likelihood(draws, guess)
    assert lik == grouped_likelihood(counts, guess)
    assert lik == math.prod((guess[d] for d in draws), start=Fraction(1))
    assert sorted(draw_factors(draws, guess)) == sorted(guess[d] for d in draws)


@given(case=draws_and_guess(), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=30)
def test_log_likelihood_is_minus_n_cross_entropy_and_exponentiates_to_likelihood(case, base):
    classes, draws, guess = case
    emp = empirical(draws, classes)
    log_lik = log_likelihood(emp.counts, guess, base)
    ce = cross_entropy(emp.probs, guess.probs, base)
    assert log_lik == pytest.approx(-emp.n * ce, rel=1e-12)
    assert exp_base(-emp.n * ce, base) == pytest.approx(float(likelihood(draws, guess)), rel=1e-11)
    assert exp_base(log_lik, base) == pytest.approx(float(likelihood(draws, guess)), rel=1e-12)


@given(case=draws_and_guess(positive=False), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=30)
def test_exact_and_float_paths_agree(case, base):
    classes, draws, guess = case
    counts = empirical(draws, classes).counts
    floats = guess.as_floats()
    exact_lik, float_lik = likelihood(draws, guess), likelihood(draws, floats)
    assert float_lik == pytest.approx(float(exact_lik), rel=1e-12)
    assert (exact_lik == 0) == (float_lik == 0.0)
    exact_log, float_log = log_likelihood(counts, guess, base), log_likelihood(counts, floats, base)
    if exact_lik == 0:
        assert exact_log == float_log == -math.inf
    else:
        assert float_log == pytest.approx(exact_log, rel=1e-12, abs=1e-14)
