"""mathcore.information: entropy, cross-entropy, KL divergence, binary cross-entropy."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import (
    LOG_BASES,
    binary_cross_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    mean_binary_cross_entropy,
)

SCIPY_BASE = {"e": None, "2": 2, "10": 10}
LN = {"e": 1.0, "2": math.log(2), "10": math.log(10)}
P = (Fraction(2, 5), Fraction(3, 5))


def exact_distribution(k: int, zeros: bool = True):
    """An exact distribution over ``k`` classes from integer weights."""
    weights = st.lists(st.integers(0 if zeros else 1, 20), min_size=k, max_size=k).filter(lambda w: sum(w) > 0)
    return weights.map(lambda w: tuple(Fraction(x, sum(w)) for x in w))


@st.composite
def pair(draw, zeros: bool = True):
    """``(p, q)`` over the same number of classes."""
    k = draw(st.integers(2, 5))
    return draw(exact_distribution(k, zeros)), draw(exact_distribution(k, zeros))


@pytest.mark.parametrize(
    ("q", "nats", "bits"),
    [
        ((Fraction(4, 5), Fraction(1, 5)), 1.0549, 1.5219),
        ((Fraction(1, 2), Fraction(1, 2)), 0.6931, 1.0000),
        (P, 0.6730, 0.9710),
    ],
)
def test_seed_cross_entropies(q, nats, bits):
    assert round(cross_entropy(P, q), 4) == nats
    assert round(cross_entropy(P, q, "2"), 4) == bits
    assert cross_entropy(P, q, "10") == pytest.approx(cross_entropy(P, q) / math.log(10), rel=1e-14)


def test_seed_entropy():
    assert entropy(P) == pytest.approx(0.6730116670092565, rel=1e-15)
    assert entropy(P) == cross_entropy(P, P)


@pytest.mark.parametrize("base", LOG_BASES)
def test_zero_log_zero_is_zero(base):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert entropy((Fraction(1), Fraction(0)), base) == 0.0
        assert entropy((1.0, 0.0), base) == 0.0
        assert entropy((Fraction(0), Fraction(1), Fraction(0)), base) == 0.0
        # a zero q on a class p never saw is fine and finite
        assert cross_entropy((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0)), base) == 0.0
        assert cross_entropy((Fraction(1, 2), Fraction(1, 2), Fraction(0)), (0.5, 0.5, 0.0), base) == (
            pytest.approx(math.log(2) / LN[base], rel=1e-15)
        )
        assert kl_divergence((Fraction(1, 2), Fraction(1, 2), Fraction(0)), (0.5, 0.5, 0.0), base) == 0.0


@pytest.mark.parametrize("base", LOG_BASES)
@pytest.mark.parametrize("q", [(Fraction(1), Fraction(0)), (1.0, 0.0)])
def test_zero_q_on_a_class_p_saw_is_infinite_without_warning(base, q):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cross_entropy(P, q, base) == math.inf
        assert kl_divergence(P, q, base) == math.inf
        assert binary_cross_entropy(1, 0.0, base) == math.inf
        assert binary_cross_entropy(0, Fraction(1), base) == math.inf


@pytest.mark.parametrize("k", [1, 2, 3, 5, 150])
def test_entropy_of_uniform_is_log_k(k):
    uniform = (Fraction(1, k),) * k
    assert entropy(uniform) == pytest.approx(math.log(k), rel=1e-13, abs=1e-15)
    assert entropy(uniform, "2") == pytest.approx(math.log2(k), rel=1e-13, abs=1e-15)


def test_lengths_must_match():
    with pytest.raises(ValueError):
        cross_entropy((Fraction(1),), P)
    with pytest.raises(ValueError):
        kl_divergence(P, (Fraction(1),))


@given(pq=pair(), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=40)
def test_cross_entropy_is_entropy_plus_kl(pq, base):
    p, q = pq
    h, ce, kl = entropy(p, base), cross_entropy(p, q, base), kl_divergence(p, q, base)
    assert h >= 0.0
    assert kl >= 0.0
    if ce == math.inf:
        assert kl == math.inf
        assert any(pi > 0 and qi == 0 for pi, qi in zip(p, q, strict=True))
    else:
        assert ce == pytest.approx(h + kl, rel=1e-12, abs=1e-14)


@given(pq=pair(), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=40)
def test_cross_entropy_at_least_entropy_with_equality_only_at_p(pq, base):
    p, q = pq
    h, ce, kl = entropy(p, base), cross_entropy(p, q, base), kl_divergence(p, q, base)
    if q == p:
        assert ce == h
        assert kl == 0.0
    else:
        assert ce > h
        assert kl > 0.0
    assert cross_entropy(p, p, base) == h
    assert kl_divergence(p, p, base) == 0.0


@given(pq=pair(), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=40)
def test_agrees_with_scipy(pq, base):
    p, q = pq
    pf, qf = [float(x) for x in p], [float(x) for x in q]
    scipy_h = scipy.stats.entropy(pf, base=SCIPY_BASE[base])
    scipy_kl = scipy.stats.entropy(pf, qf, base=SCIPY_BASE[base])
    assert entropy(p, base) == pytest.approx(scipy_h, rel=1e-12, abs=1e-14)
    assert kl_divergence(p, q, base) == pytest.approx(scipy_kl, rel=1e-12, abs=1e-14)
    assert cross_entropy(p, q, base) == pytest.approx(scipy_h + scipy_kl, rel=1e-12, abs=1e-14)
    # the float path agrees too
    assert entropy(pf, base) == pytest.approx(scipy_h, rel=1e-12, abs=1e-14)
    assert cross_entropy(pf, qf, base) == pytest.approx(scipy_h + scipy_kl, rel=1e-12, abs=1e-14)


@given(pq=pair(), base=st.sampled_from(LOG_BASES))
@settings(deadline=None, max_examples=30)
def test_exact_and_float_information_agree(pq, base):
    p, q = pq
    qf = tuple(float(x) for x in q)
    assert cross_entropy(p, qf, base) == pytest.approx(cross_entropy(p, q, base), rel=1e-12)
    assert kl_divergence(p, qf, base) == pytest.approx(kl_divergence(p, q, base), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("base", LOG_BASES)
@pytest.mark.parametrize("y", [0.0, 0.3, 0.5, 1.0])
@pytest.mark.parametrize("y_hat", [0.1, 0.5, 0.75])
def test_binary_cross_entropy_formula(y, y_hat, base):
    expected = -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat)) / LN[base]
    assert binary_cross_entropy(y, y_hat, base) == pytest.approx(expected, rel=1e-14, abs=1e-15)


def test_binary_cross_entropy_edges():
    assert binary_cross_entropy(1, Fraction(1)) == 0.0
    assert binary_cross_entropy(0, Fraction(0)) == 0.0
    assert binary_cross_entropy(1, Fraction(0)) == math.inf
    assert binary_cross_entropy(Fraction(1, 2), Fraction(1)) == math.inf


@given(
    y_hat=st.fractions(min_value=0, max_value=1, max_denominator=50),
    draws=st.lists(st.sampled_from([0, 1]), min_size=1, max_size=20),
    base=st.sampled_from(LOG_BASES),
)
@settings(deadline=None, max_examples=40)
def test_mean_bce_over_the_data_is_the_two_class_cross_entropy(y_hat, draws, base):
    n = len(draws)
    p1 = Fraction(sum(draws), n)
    mean = mean_binary_cross_entropy(draws, [y_hat] * n, base)
    ce = cross_entropy((p1, 1 - p1), (y_hat, 1 - y_hat), base)
    if ce == math.inf:
        assert mean == math.inf
    else:
        assert mean == pytest.approx(ce, rel=1e-12, abs=1e-15)


def test_mean_bce_errors_and_infinity():
    with pytest.raises(ValueError, match="empty"):
        mean_binary_cross_entropy([], [])
    with pytest.raises(ValueError, match="length"):
        mean_binary_cross_entropy([1, 0], [0.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mean_binary_cross_entropy([1, 0, 0], [Fraction(1, 2), Fraction(1), Fraction(0)]) == math.inf
    assert mean_binary_cross_entropy([1, 0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
