"""Every value the lecture shows, computed once from its parameters."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .curves import Curves, likelihood_curves, profile_guess
from .distribution import Distribution, Empirical, empirical
from .information import (
    binary_cross_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    mean_binary_cross_entropy,
)
from .likelihood import (
    PowerFactor,
    Underflow,
    draw_factors,
    grouped_factors,
    likelihood,
    log_likelihood,
    product_underflow,
)
from .numbers import LogBase, Number, log
from .params import Guess, LectureParams

BEST_NAME = "best"
"""Name of the guess :math:`q = p` that every lecture adds after the teacher's guesses."""

UNDERFLOW_CLASSES = 150
"""The lecture's example of a large model: 150 classes, one draw of each."""


@dataclass(frozen=True)
class GuessData:
    r"""Everything the lecture shows about one guess :math:`q`.

    Attributes
    ----------
    name, dist
        The guess.
    factors
        :math:`q(x_1), \dots, q(x_N)`, the likelihood's factors in draw order.
    powers
        The grouped factors :math:`q_i^{n_i}` of the drawn classes.
    likelihood
        :math:`L(q) = \prod_n q(x_n)`, exact when the guess is.
    log_likelihood
        :math:`\log_b L(q)`; ``-inf`` when a drawn class has probability 0.
    cross_entropy
        :math:`H(p, q) = -\frac{1}{N} \log_b L(q)`; ``inf`` for a zero on a drawn class.
    kl
        :math:`\mathrm{KL}(p \| q) = H(p, q) - H(p)`.
    ratio
        :math:`L(q) / L(q_\text{ref})` for the lecture's reference guess (the
        least likely one whose likelihood is not 0); ``0`` for a guess that rules
        out a draw, ``1`` for the reference itself. Only when every teacher's guess
        rules out a draw is the reference 0: then their ratios are 1 and ``q = p``'s
        is ``inf``.
    y_hat
        :math:`\hat y = q_1`, the predicted probability of the first class.
    bce
        Binary cross-entropy of each draw: :math:`y_n = 1` for the first class.
    bce_mean
        :math:`\mathrm{BCE}`, the mean of ``bce``; equals ``cross_entropy``
        with two classes, and the first-class-against-the-rest cross-entropy
        with more.
    on_curve
        True when the guess lies on the likelihood curve of :math:`t = q_1`
        (always with two classes).
    log_terms
        :math:`n_i \log_b q_i` for each class (0 when :math:`n_i = 0`,
        ``-inf`` when :math:`q_i = 0 < n_i`); they sum to ``log_likelihood``.
    ce_terms
        :math:`-p_i \log_b q_i` for each class; they sum to ``cross_entropy``.
    """

    name: str
    dist: Distribution
    factors: tuple[Number, ...]
    powers: tuple[PowerFactor, ...]
    likelihood: Number
    log_likelihood: float
    cross_entropy: float
    kl: float
    ratio: Number
    y_hat: Number
    bce: tuple[float, ...]
    bce_mean: float
    on_curve: bool
    log_terms: tuple[float, ...]
    ce_terms: tuple[float, ...]

    @property
    def exact(self) -> bool:
        """True when the guess, and so its likelihood, is exact."""
        return self.dist.exact

    @property
    def likelihood_float(self) -> float:
        """:math:`L(q)` as a float (may underflow to 0 for long products)."""
        return float(self.likelihood)


@dataclass(frozen=True)
class LectureData:
    r"""The lecture's numbers, for one set of parameters.

    Attributes
    ----------
    params
        The parameters they were computed from.
    counts, n, empirical
        :math:`n_i`, :math:`N` and :math:`p_i = n_i / N` (exact).
    entropy
        :math:`H(p)`, the smallest cross-entropy any guess can reach.
    guesses
        One :class:`GuessData` per teacher's guess, in the configuration's order.
    best
        The guess :math:`q = p`, named :data:`BEST_NAME`.
    reference
        Name of the guess every ``ratio`` is relative to: the least likely of
        the teacher's guesses whose likelihood is not 0 (the first of them on a
        tie); when every guess has likelihood 0, the first guess.
    ranking
        The teacher's guesses from most to least likely.
    labels
        :math:`y_n = 1` when draw :math:`n` is of the first class, else 0.
    binary_entropy
        :math:`H\big((p_1, 1 - p_1)\big)`, the smallest mean binary cross-entropy.
    curves
        :math:`L(t)` and :math:`\log_b L(t)` over :math:`t = q_1`.
    underflow
        150 factors of 1/150 multiplied in floats: the product vanishes.
    """

    params: LectureParams
    counts: tuple[int, ...]
    n: int
    empirical: tuple[Fraction, ...]
    entropy: float
    guesses: tuple[GuessData, ...]
    best: GuessData
    reference: str
    ranking: tuple[str, ...]
    labels: tuple[int, ...]
    binary_entropy: float
    curves: Curves
    underflow: Underflow

    @property
    def title(self) -> str:
        return self.params.title

    @property
    def log_base(self) -> LogBase:
        return self.params.log_base

    @property
    def classes(self) -> tuple[str, ...]:
        return self.params.classes

    @property
    def colors(self) -> tuple[str, ...]:
        return self.params.colors

    @property
    def draws(self) -> tuple[str, ...]:
        return self.params.draws

    def guess(self, name: str) -> GuessData:
        """The guess called ``name`` (or :data:`BEST_NAME`)."""
        for g in (*self.guesses, self.best):
            if g.name == name:
                return g
        raise KeyError(name)

    @property
    def all_guesses(self) -> tuple[GuessData, ...]:
        """The teacher's guesses followed by the best guess :math:`q = p`."""
        return (*self.guesses, self.best)


def _ratio(value: Number, reference: Number) -> Number:
    """``value / reference``. The reference is 0 only when every guess rules out a draw: then
    those guesses are equally (im)possible, ratio 1, and ``q = p``'s ratio is infinite."""
    if reference == 0:
        return Fraction(1) if value == 0 else math.inf
    return value / reference


def _guess_data(
    guess: Guess, params: LectureParams, emp: Empirical, labels: tuple[int, ...], reference_likelihood: Number | None
) -> GuessData:
    counts, p = emp.counts, emp.probs
    base = params.log_base
    dist = guess.dist
    lik = likelihood(params.draws, dist)
    y_hat = dist.probs[0]
    bce = tuple(binary_cross_entropy(y, y_hat, base) for y in labels)
    profile = profile_guess(params.classes, counts, y_hat).probs
    on_curve = (
        len(params.classes) == 2
        or sum(counts[1:]) == 0  # only the first class drawn: L(q) = q_1^N for every guess
        or dist.probs == profile
        or (not dist.exact and all(math.isclose(q, r, rel_tol=1e-12) for q, r in zip(dist.probs, profile, strict=True)))
    )
    return GuessData(
        name=guess.name,
        dist=dist,
        factors=draw_factors(params.draws, dist),
        powers=grouped_factors(counts, dist),
        likelihood=lik,
        log_likelihood=log_likelihood(counts, dist, base),
        cross_entropy=cross_entropy(p, dist.probs, base),
        kl=kl_divergence(p, dist.probs, base),
        ratio=_ratio(lik, lik if reference_likelihood is None else reference_likelihood),
        y_hat=y_hat,
        bce=bce,
        bce_mean=mean_binary_cross_entropy(labels, [y_hat] * len(labels), base),
        on_curve=on_curve,
        log_terms=tuple(_term(n, q, base) for n, q in zip(counts, dist.probs, strict=True)),
        ce_terms=tuple(0.0 - _term(pi, q, base) for pi, q in zip(p, dist.probs, strict=True)),
    )


def _term(weight: Number, prob: Number, base: LogBase) -> float:
    r""":math:`w \log_b q` with :math:`0 \log 0 = 0` and :math:`w \log 0 = -\infty` for :math:`w > 0`."""
    if weight == 0:
        return 0.0
    value = log(prob, base)
    return -math.inf if value == -math.inf else float(weight) * value


def compute(params: LectureParams) -> LectureData:
    """Compute every number of the lecture from its parameters.

    Parameters
    ----------
    params
        Validated parameters.

    Returns
    -------
    LectureData
        Frozen; the scenes read it and never compute.
    """
    emp = empirical(params.draws, params.classes)
    counts, p = emp.counts, emp.probs
    base = params.log_base
    labels = tuple(1 if d == params.classes[0] else 0 for d in params.draws)
    likelihoods = [likelihood(params.draws, g.dist) for g in params.guesses]
    possible = [i for i, lik in enumerate(likelihoods) if lik != 0] or [0]
    ref_index = min(possible, key=lambda i: (likelihoods[i], i))
    ref_lik = likelihoods[ref_index]
    guesses = tuple(_guess_data(g, params, emp, labels, ref_lik) for g in params.guesses)
    best = _guess_data(Guess(BEST_NAME, emp.distribution()), params, emp, labels, ref_lik)
    order = sorted(range(len(guesses)), key=lambda i: (-guesses[i].likelihood, i))
    curves = likelihood_curves(counts, base, include=[float(g.y_hat) for g in guesses if g.on_curve])
    return LectureData(
        params=params,
        counts=counts,
        n=emp.n,
        empirical=p,
        entropy=entropy(p, base),
        guesses=guesses,
        best=best,
        reference=params.guesses[ref_index].name,
        ranking=tuple(guesses[i].name for i in order),
        labels=labels,
        binary_entropy=entropy((p[0], 1 - p[0]), base),
        curves=curves,
        underflow=product_underflow([Fraction(1, UNDERFLOW_CLASSES)] * UNDERFLOW_CLASSES),
    )
