"""mathcore.curves: L(t) and log L(t) along t = q_1, and where they peak."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import LOG_BASES, Distribution, likelihood, likelihood_curves, profile_guess, rest_shares

NAMES = ("a", "b", "c", "d", "e")


@st.composite
def inner_counts(draw, min_k=2, max_k=5):
    """Counts n_1..n_K with 0 < n_1 < N (so p_1 lies strictly inside (0, 1)), N <= 20."""
    k = draw(st.integers(min_k, max_k))
    first = draw(st.integers(1, 10))
    rest = draw(st.lists(st.integers(0, 10 // (k - 1)), min_size=k - 1, max_size=k - 1).filter(lambda r: sum(r) > 0))
    return (first, *rest)


def exact_guess(k: int):
    weights = st.lists(st.integers(1, 30), min_size=k, max_size=k)
    return weights.map(lambda w: tuple(Fraction(x, sum(w)) for x in w))


def index_of(curves, t: float) -> int:
    (hits,) = np.nonzero(curves.t == t)
    assert len(hits) == 1, f"{t} is not on the grid"
    return int(hits[0])


def test_rest_shares():
    assert rest_shares((2, 3)) == (Fraction(1),)
    assert rest_shares((1, 2, 3)) == (Fraction(2, 5), Fraction(3, 5))
    assert rest_shares((1, 0, 3)) == (Fraction(0), Fraction(1))
    assert rest_shares((3, 0, 0)) == (Fraction(1, 2), Fraction(1, 2))  # only the first drawn: equal shares


def test_profile_guess():
    q = profile_guess(("a", "b", "c"), (1, 2, 3), Fraction(1, 6))
    assert q.probs == (Fraction(1, 6), Fraction(1, 3), Fraction(1, 2))
    assert q.classes == ("a", "b", "c")
    assert profile_guess(("red", "blue"), (2, 3), Fraction(4, 5)).probs == (Fraction(4, 5), Fraction(1, 5))


def test_seed_curve():
    curves = likelihood_curves((2, 3), include=[0.8, 0.5])
    assert curves.argmax == 0.4
    assert len(curves.t) == 401 + 2  # 0.4 and 0.8 are added; 0.5 is already on the even grid
    assert np.all(np.diff(curves.t) > 0)
    assert curves.t[0] > 0.0 and curves.t[-1] < 1.0
    assert curves.likelihood[index_of(curves, 0.8)] == pytest.approx(0.00512, rel=1e-12)
    assert curves.likelihood[index_of(curves, 0.5)] == pytest.approx(0.03125, rel=1e-12)
    assert curves.likelihood[index_of(curves, 0.4)] == pytest.approx(0.03456, rel=1e-12)
    assert curves.log_likelihood[index_of(curves, 0.8)] == pytest.approx(math.log(0.00512), rel=1e-12)


def test_include_outside_the_open_interval_is_ignored():
    curves = likelihood_curves((2, 3), points=11, include=[0.0, 1.0, -0.5, 2.0, 0.123])
    assert len(curves.t) == 11 + 2
    assert 0.123 in curves.t
    assert np.all((curves.t > 0) & (curves.t < 1))
    assert np.all(np.isfinite(curves.log_likelihood))


@pytest.mark.parametrize(("counts", "first"), [((3, 0), False), ((0, 3), True), ((4, 0, 0), False)])
def test_argmax_at_the_edge_when_p1_is_0_or_1(counts, first):
    curves = likelihood_curves(counts, points=51)
    assert curves.argmax == (curves.t[0] if first else curves.t[-1])
    assert np.all(np.isfinite(curves.log_likelihood))


@given(counts=inner_counts(), base=st.sampled_from(LOG_BASES), include=st.lists(st.integers(1, 99), max_size=4))
@settings(deadline=None, max_examples=30)
def test_argmax_of_likelihood_equals_argmax_of_log_likelihood_equals_p1(counts, base, include):
    curves = likelihood_curves(counts, base, include=[i / 100 for i in include])
    p1 = counts[0] / sum(counts)
    assert int(np.argmax(curves.likelihood)) == int(np.argmax(curves.log_likelihood)) == index_of(curves, p1)
    assert curves.argmax == p1
    assert np.all(np.isfinite(curves.log_likelihood))
    # exponentiating the log curve gives the likelihood curve, in every base
    assert np.allclose(
        curves.likelihood,
        np.power(float({"e": math.e, "2": 2, "10": 10}[base]), curves.log_likelihood),
        rtol=1e-12,
        atol=0,
    )
    # log is monotonic: the two curves order the grid the same way
    assert np.array_equal(
        np.argsort(curves.likelihood, kind="stable"), np.argsort(curves.log_likelihood, kind="stable")
    )


@given(counts=inner_counts(), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=30)
def test_bases_give_the_same_likelihood(counts, base):
    natural = likelihood_curves(counts, "e", points=51)
    other = likelihood_curves(counts, base, points=51)
    ln_base = {"e": 1.0, "2": math.log(2), "10": math.log(10)}[base]
    assert np.array_equal(natural.t, other.t)
    assert np.allclose(other.likelihood, natural.likelihood, rtol=1e-12, atol=0)
    assert np.allclose(other.log_likelihood * ln_base, natural.log_likelihood, rtol=1e-12, atol=0)


@given(counts=inner_counts(max_k=2), data=st.data())
@settings(deadline=None, max_examples=30)
def test_two_classes_every_guess_lies_on_the_curve(counts, data):
    q = data.draw(exact_guess(2))
    classes = NAMES[:2]
    draws = [c for c, n in zip(classes, counts, strict=True) for _ in range(n)]
    t = float(q[0])
    curves = likelihood_curves(counts, include=[t])
    lik = likelihood(draws, Distribution(classes, q))
    assert lik == q[0] ** counts[0] * q[1] ** counts[1]
    assert curves.likelihood[index_of(curves, t)] == pytest.approx(float(lik), rel=1e-12)
    assert profile_guess(classes, counts, q[0]).probs == q


@given(counts=inner_counts(min_k=3), data=st.data())
@settings(deadline=None, max_examples=30)
def test_more_classes_every_guess_lies_on_or_below_the_profile_curve(counts, data):
    k = len(counts)
    q = data.draw(exact_guess(k))
    classes = NAMES[:k]
    draws = [c for c, n in zip(classes, counts, strict=True) for _ in range(n)]
    profile = profile_guess(classes, counts, q[0])
    lik, best_at_t = likelihood(draws, Distribution(classes, q)), likelihood(draws, profile)
    assert lik <= best_at_t  # exact: the profile is the best guess with q_1 = t
    assert (lik == best_at_t) == (q == profile.probs or lik == 0)
    t = float(q[0])
    curves = likelihood_curves(counts, include=[t])
    assert curves.likelihood[index_of(curves, t)] == pytest.approx(float(best_at_t), rel=1e-12)
    assert float(lik) <= curves.likelihood[index_of(curves, t)] * (1 + 1e-12)
    # the profile curve's maximum is the overall maximum, the likelihood of q = p
    p = tuple(Fraction(n, sum(counts)) for n in counts)
    assert lik <= likelihood(draws, Distribution(classes, p))
    assert float(np.max(curves.likelihood)) == pytest.approx(
        float(likelihood(draws, Distribution(classes, p))), rel=1e-12
    )
