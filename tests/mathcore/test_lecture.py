"""mathcore.lecture.compute: every number the lecture shows, for the seed and for any parameters."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import (
    BEST_NAME,
    LOG_BASES,
    LectureParams,
    compute,
    cross_entropy,
    exp_base,
    likelihood_curves,
    mean_binary_cross_entropy,
)
from mathcore.config import load_params

CONFIGS = Path(__file__).resolve().parent.parent / "configs"
NAMES = ("red", "blue", "green", "amber", "plum")


@pytest.fixture(scope="module")
def seed():
    return compute(load_params())


@pytest.fixture(scope="module")
def seed_bits():
    return compute(load_params(overrides=["log_base=2"]))


def params(draws, guesses, log_base="e", classes=None):
    """Parameters from draws and ``{name: {class: value}}``; all of ``classes`` get a colour."""
    classes = classes or tuple(dict.fromkeys(draws))
    return LectureParams.from_mapping(
        {
            "draws": list(draws),
            "log_base": log_base,
            "colors": {c: "#123456" for c in classes},
            "guesses": [{"name": n, "probs": p} for n, p in guesses.items()],
        }
    )


@st.composite
def lectures(draw, min_k=2, max_k=5):
    """Random valid parameters: K classes, up to 20 draws, 1-4 exact guesses (zeros allowed)."""
    k = draw(st.integers(min_k, max_k))
    classes = NAMES[:k]
    draws = draw(st.lists(st.sampled_from(classes), min_size=1, max_size=20))
    guesses = {}
    for i in range(draw(st.integers(1, 4))):
        weights = draw(st.lists(st.integers(0, 12), min_size=k, max_size=k).filter(sum))
        total = sum(weights)
        guesses[f"g{i}"] = {c: f"{w}/{total}" for c, w in zip(classes, weights, strict=True)}
    return params(draws, guesses, draw(st.sampled_from(LOG_BASES)), classes)


# --- the seed's numbers (OUTLINE.md) ------------------------------------------------------------


def test_seed_counts_and_empirical(seed):
    assert seed.classes == ("red", "blue")
    assert seed.counts == (2, 3)
    assert seed.n == 5
    assert seed.empirical == (Fraction(2, 5), Fraction(3, 5))
    assert seed.labels == (1, 0, 1, 0, 0)
    assert seed.log_base == "e"
    assert [g.name for g in seed.all_guesses] == ["bad", "good", BEST_NAME]


def test_seed_likelihoods(seed):
    bad, good, best = seed.guess("bad"), seed.guess("good"), seed.guess(BEST_NAME)
    assert bad.likelihood == Fraction(16, 3125)
    assert good.likelihood == Fraction(1, 32)
    assert best.likelihood == Fraction(108, 3125)
    assert best is seed.best
    assert best.dist.probs == (Fraction(2, 5), Fraction(3, 5))
    assert [type(g.likelihood) for g in seed.all_guesses] == [Fraction] * 3
    assert [g.likelihood_float for g in seed.all_guesses] == [0.00512, 0.03125, 0.03456]


def test_seed_grouped_powers(seed):
    bad = seed.guess("bad")
    assert [(f.name, f.prob, f.count, f.value) for f in bad.powers] == [
        ("red", Fraction(4, 5), 2, Fraction(16, 25)),
        ("blue", Fraction(1, 5), 3, Fraction(1, 125)),
    ]
    assert bad.factors == (Fraction(4, 5), Fraction(1, 5), Fraction(4, 5), Fraction(1, 5), Fraction(1, 5))
    assert [f.value for f in seed.guess("good").powers] == [Fraction(1, 4), Fraction(1, 8)]


def test_seed_logs_and_cross_entropies(seed, seed_bits):
    assert [round(g.log_likelihood, 4) for g in seed.all_guesses] == [-5.2746, -3.4657, -3.3651]
    assert [round(g.cross_entropy, 4) for g in seed.all_guesses] == [1.0549, 0.6931, 0.6730]
    assert seed.best.cross_entropy == seed.entropy == pytest.approx(0.6730116670092565, rel=1e-15)
    assert [round(g.cross_entropy, 4) for g in seed_bits.all_guesses] == [1.5219, 1.0000, 0.9710]
    assert seed_bits.log_base == "2"
    assert [round(g.log_likelihood, 4) for g in seed_bits.all_guesses] == [-7.6096, -5.0, -4.8548]
    assert seed_bits.guess("good").cross_entropy == 1.0


def test_seed_ratios_reference_and_ranking(seed):
    bad, good, best = seed.all_guesses
    assert bad.ratio == 1
    assert good.ratio == Fraction(3125, 512)
    assert best.ratio == Fraction(27, 4)
    assert [round(float(g.ratio), 2) for g in seed.all_guesses] == [1.0, 6.10, 6.75]
    assert seed.reference == "bad"
    assert seed.ranking == ("good", "bad")


def test_seed_bce_kl_and_curves(seed):
    for g in seed.all_guesses:
        assert g.bce_mean == pytest.approx(g.cross_entropy, rel=1e-14)
        assert g.y_hat == g.dist.probs[0]
        assert g.on_curve
    assert seed.guess("bad").bce == pytest.approx((-math.log(0.8), -math.log(0.2)) * 2 + (-math.log(0.2),))
    assert seed.best.kl == 0.0
    assert seed.guess("bad").kl == pytest.approx(1.054920167986144 - 0.6730116670092565, rel=1e-12)
    assert seed.binary_entropy == seed.entropy
    assert seed.curves.argmax == 0.4
    assert 0.8 in seed.curves.t and 0.5 in seed.curves.t


def test_seed_underflow(seed):
    assert seed.underflow.factors == 150
    assert seed.underflow.float_product == 0.0
    assert seed.underflow.zero_after == 149
    assert seed.underflow.log10_exact == pytest.approx(-150 * math.log10(150), rel=1e-13)


def test_guess_lookup(seed):
    assert seed.guess("good").name == "good"
    with pytest.raises(KeyError):
        seed.guess("nope")


# --- zero probabilities --------------------------------------------------------------------------


@pytest.mark.parametrize("base", LOG_BASES)
@pytest.mark.parametrize(("zero", "one"), [("0", "1"), (0, 1), (0.0, 1.0)])
def test_zero_probability_on_a_drawn_class(base, zero, one):
    p = params(["red", "blue", "red"], {"z": {"red": zero, "blue": one}, "w": {"red": "1/2", "blue": "1/2"}}, base)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = compute(p)
    z, w, best = data.all_guesses
    assert z.likelihood == 0
    assert type(z.likelihood) is (float if isinstance(zero, float) else Fraction)
    assert z.likelihood_float == 0.0
    assert z.log_likelihood == -math.inf
    assert z.cross_entropy == math.inf
    assert z.kl == math.inf
    assert z.bce_mean == math.inf
    assert z.bce == (math.inf, 0.0, math.inf)
    assert z.log_terms[0] == -math.inf and z.ce_terms[0] == math.inf
    # the reference is the least likely guess that allows every draw: the ratio column is never infinite
    assert data.reference == "w"
    assert z.ratio == 0
    assert w.ratio == 1
    assert best.ratio == best.likelihood / w.likelihood
    assert all(math.isfinite(g.ratio) for g in data.all_guesses)
    assert data.ranking == ("w", "z")
    assert np.all(np.isfinite(data.curves.log_likelihood))


def test_zero_on_an_undrawn_class_is_finite():
    p = params(
        ["red", "red", "blue"],
        {"g": {"red": "1/2", "blue": "1/2", "green": "0"}},
        classes=("red", "blue", "green"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = compute(p)
    g = data.guess("g")
    assert data.counts == (2, 1, 0)
    assert g.likelihood == Fraction(1, 8)
    assert g.log_likelihood == pytest.approx(3 * math.log(0.5), rel=1e-15)
    assert g.cross_entropy == pytest.approx(math.log(2), rel=1e-15)
    assert math.isfinite(g.kl)
    assert g.log_terms[2] == 0.0
    assert g.ce_terms[2] == 0.0
    assert data.best.dist.probs == (Fraction(2, 3), Fraction(1, 3), Fraction(0))
    assert data.best.kl == 0.0


def test_ratio_when_every_guess_has_likelihood_zero():
    p = params(["red", "blue"], {"a": {"red": 1, "blue": 0}, "b": {"red": 0, "blue": 1}})
    data = compute(p)
    assert data.reference == "a"  # the first on a tie
    assert [g.ratio for g in data.guesses] == [1, 1]  # 0 against 0 counts as equal
    assert data.best.ratio == math.inf
    assert data.ranking == ("a", "b")


def test_ratio_tie_keeps_configuration_order():
    p = params(["red", "blue"], {"a": {"red": "1/4", "blue": "3/4"}, "b": {"red": "3/4", "blue": "1/4"}})
    data = compute(p)
    assert data.reference == "a"
    assert data.ranking == ("a", "b")
    assert [g.ratio for g in data.guesses] == [1, 1]
    assert data.best.ratio == Fraction(4, 3)


def test_float_guess_on_the_profile_is_on_the_curve():
    """(0.4, 0.2, 0.4) is the profile guess at t = 0.4 for counts (1, 1, 2), although 0.6 * 1/3 != 0.2 in floats."""
    draws = ["red", "green", "blue", "blue"]
    p = params(
        draws, {"f": {"red": 0.4, "green": 0.2, "blue": 0.4}, "e": {"red": "2/5", "green": "1/5", "blue": "2/5"}}
    )
    data = compute(p)
    f, e = data.guesses
    assert not f.exact and e.exact
    assert f.on_curve and e.on_curve
    (i,) = np.nonzero(data.curves.t == 0.4)[0]
    assert data.curves.likelihood[i] == pytest.approx(f.likelihood, rel=1e-12)
    off = compute(params(draws, {"g": {"red": 0.4, "green": 0.3, "blue": 0.3}})).guess("g")
    assert not off.on_curve


def test_only_the_first_class_drawn_every_guess_is_on_the_curve():
    """With n_1 = N, L(q) = q_1^N whatever the other q_j are: every guess lies on the curve."""
    p = params(
        ["red", "red"],
        {"a": {"red": "1/2", "blue": "0", "green": "1/2"}, "b": {"red": "1/4", "blue": "1/2", "green": "1/4"}},
        classes=("red", "blue", "green"),
    )
    data = compute(p)
    assert all(g.on_curve for g in data.all_guesses)
    for g in data.guesses:
        (i,) = np.nonzero(data.curves.t == float(g.y_hat))[0]
        assert data.curves.likelihood[i] == pytest.approx(float(g.likelihood), rel=1e-12)
        assert g.likelihood == g.y_hat**2


# --- properties over any parameters ----------------------------------------------------------------


@given(p=lectures())
@settings(deadline=None, max_examples=30)
def test_lecture_identities(p):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = compute(p)
    base, n = data.log_base, data.n
    assert sum(data.counts) == n == len(p.draws)
    assert data.empirical == tuple(Fraction(c, n) for c in data.counts)
    assert data.best.dist.probs == data.empirical
    assert data.best.cross_entropy == data.entropy
    assert data.best.kl == 0.0
    for g in data.all_guesses:
        if g.likelihood == 0:
            assert (g.log_likelihood, g.cross_entropy, g.kl) == (-math.inf, math.inf, math.inf)
            continue
        # log L = -N H(p, q), and exp(-N H(p, q)) = L(q), in the configured base
        assert g.log_likelihood == pytest.approx(-n * g.cross_entropy, rel=1e-12, abs=1e-14)
        assert exp_base(-n * g.cross_entropy, base) == pytest.approx(float(g.likelihood), rel=1e-11)
        # H(p, q) = H(p) + KL(p || q) >= H(p), equality only at q = p
        assert g.cross_entropy == pytest.approx(data.entropy + g.kl, rel=1e-12, abs=1e-14)
        assert (g.kl == 0.0) == (g.dist.probs == data.empirical)
        assert g.likelihood <= data.best.likelihood
        assert math.fsum(g.log_terms) == pytest.approx(g.log_likelihood, rel=1e-12, abs=1e-14)
        assert math.fsum(g.ce_terms) == pytest.approx(g.cross_entropy, rel=1e-12, abs=1e-14)
    reference = data.guess(data.reference)
    possible = [g for g in data.guesses if g.likelihood != 0] or list(data.guesses)
    assert all(reference.likelihood <= g.likelihood for g in possible)
    assert reference.ratio == 1
    if reference.likelihood > 0:
        for g in data.all_guesses:
            assert g.ratio == g.likelihood / reference.likelihood
    likelihoods = [data.guess(name).likelihood for name in data.ranking]
    assert likelihoods == sorted(likelihoods, reverse=True)
    assert sorted(data.ranking) == sorted(g.name for g in data.guesses)


@given(p=lectures(max_k=2))
@settings(deadline=None, max_examples=30)
def test_two_classes_bce_is_cross_entropy_and_every_guess_is_on_the_curve(p):
    data = compute(p)
    assert data.labels == tuple(int(d == data.classes[0]) for d in data.draws)
    assert data.binary_entropy == pytest.approx(data.entropy, rel=1e-14, abs=1e-15)
    for g in data.all_guesses:
        assert g.on_curve
        assert g.bce_mean == mean_binary_cross_entropy(data.labels, [g.y_hat] * data.n, data.log_base)
        if g.cross_entropy == math.inf:
            assert g.bce_mean == math.inf
        else:
            assert g.bce_mean == pytest.approx(g.cross_entropy, rel=1e-12, abs=1e-15)
        t = float(g.y_hat)
        if 0 < t < 1 and g in data.guesses:
            (i,) = np.nonzero(data.curves.t == t)[0]
            assert data.curves.likelihood[i] == pytest.approx(float(g.likelihood), rel=1e-12)
            assert data.curves.log_likelihood[i] == pytest.approx(g.log_likelihood, rel=1e-12, abs=1e-14)
    if 0 < data.counts[0] < data.n:
        assert data.curves.argmax == data.counts[0] / data.n


@given(p=lectures(min_k=3))
@settings(deadline=None, max_examples=40)
def test_more_classes_bce_is_first_class_against_the_rest(p):
    data = compute(p)
    p1 = data.empirical[0]
    assert data.binary_entropy == pytest.approx(cross_entropy((p1, 1 - p1), (p1, 1 - p1), data.log_base))
    for g in data.all_guesses:
        expected = cross_entropy((p1, 1 - p1), (g.y_hat, 1 - g.y_hat), data.log_base)
        if expected == math.inf:
            assert g.bce_mean == math.inf
        else:
            assert g.bce_mean == pytest.approx(expected, rel=1e-12, abs=1e-15)
        # merging the other classes into one can only lower the cross-entropy
        assert g.bce_mean <= g.cross_entropy * (1 + 1e-12) or g.cross_entropy == math.inf
    assert data.best.on_curve
    for g in data.guesses:
        t = float(g.y_hat)
        if not 0 < t < 1:
            continue
        if g.on_curve:  # compute() put it on the grid
            (i,) = np.nonzero(data.curves.t == t)[0]
            assert data.curves.likelihood[i] == pytest.approx(float(g.likelihood), rel=1e-12)
        curves = likelihood_curves(data.counts, data.log_base, include=[t])
        (i,) = np.nonzero(curves.t == t)[0]
        if g.on_curve:
            assert curves.likelihood[i] == pytest.approx(float(g.likelihood), rel=1e-12)
        else:
            assert float(g.likelihood) < curves.likelihood[i]


@given(p=lectures())
@settings(deadline=None, max_examples=30)
def test_exact_and_float_guesses_agree(p):
    floats = LectureParams.from_mapping(
        {
            **p.to_mapping(),
            "guesses": [
                {"name": g.name, "probs": {c: float(q) for c, q in g.dist.as_dict().items()}} for g in p.guesses
            ],
        }
    )
    exact, approx = compute(p), compute(floats)
    assert all(g.exact for g in exact.guesses) and not any(g.exact for g in approx.guesses)
    for e, f in zip(exact.guesses, approx.guesses, strict=True):
        assert type(f.likelihood) is float
        assert f.likelihood == pytest.approx(float(e.likelihood), rel=1e-12)
        for name in ("log_likelihood", "cross_entropy", "kl", "bce_mean"):
            ev, fv = getattr(e, name), getattr(f, name)
            if math.isinf(ev):
                assert fv == ev, name
            else:
                assert fv == pytest.approx(ev, rel=1e-12, abs=1e-14), name
    assert exact.ranking == approx.ranking or len({g.likelihood for g in exact.guesses}) < len(exact.guesses)


# --- the test configurations ------------------------------------------------------------------------


@pytest.mark.parametrize("config", sorted(CONFIGS.glob("*.toml")), ids=lambda path: path.stem)
def test_test_configs_compute_without_warnings(config):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = compute(load_params(config))
    assert data.best.cross_entropy == data.entropy
    for g in data.guesses:
        assert g.cross_entropy >= data.entropy
        assert (g.likelihood == 0) == (g.cross_entropy == math.inf)
