"""Likelihood of the draws under a guess, as a product and in grouped form."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .distribution import Distribution
from .numbers import LogBase, Number, log


@dataclass(frozen=True)
class PowerFactor:
    r"""One factor :math:`q_i^{n_i}` of the grouped likelihood.

    Attributes
    ----------
    name
        The class :math:`i`.
    prob
        :math:`q_i`.
    count
        :math:`n_i`, how often class :math:`i` was drawn.
    value
        :math:`q_i^{n_i}`, exact when :math:`q_i` is.
    """

    name: str
    prob: Number
    count: int
    value: Number


def draw_factors(draws: Sequence[str], guess: Distribution) -> tuple[Number, ...]:
    r"""The factors :math:`q(x_1), q(x_2), \dots, q(x_N)` of the likelihood, in draw order."""
    return tuple(guess[d] for d in draws)


def likelihood(draws: Sequence[str], guess: Distribution) -> Number:
    r"""Likelihood of the draws :math:`x_1, \dots, x_N` under the guess :math:`q`.

    .. math:: L(q) = \prod_{n=1}^{N} q(x_n)

    Returns
    -------
    Fraction or float
        Exact when the guess is exact. ``0`` when a drawn class has
        probability 0. A float product of many small factors may underflow to
        ``0.0`` (see :func:`product_underflow`); the exact one does not.
    """
    product: Number = Fraction(1) if guess.exact else 1.0
    for factor in draw_factors(draws, guess):
        product = product * factor
    return product


def grouped_factors(counts: Sequence[int], guess: Distribution) -> tuple[PowerFactor, ...]:
    r"""The likelihood grouped into powers, one per drawn class.

    .. math:: L(q) = \prod_{i:\,n_i > 0} q_i^{n_i} = \prod_i q_i^{N p_i}

    Classes never drawn (:math:`n_i = 0`) contribute :math:`q_i^0 = 1` and are
    left out.
    """
    return tuple(
        PowerFactor(name, prob, count, prob**count)
        for name, prob, count in zip(guess.classes, guess.probs, counts, strict=True)
        if count > 0
    )


def grouped_likelihood(counts: Sequence[int], guess: Distribution) -> Number:
    r""":math:`\prod_i q_i^{n_i}`; equals :func:`likelihood` for the same draws."""
    product: Number = Fraction(1) if guess.exact else 1.0
    for factor in grouped_factors(counts, guess):
        product = product * factor.value
    return product


def log_likelihood(counts: Sequence[int], guess: Distribution, base: LogBase = "e") -> float:
    r"""Log-likelihood :math:`\log_b L(q) = \sum_i n_i \log_b q_i`.

    Terms with :math:`n_i = 0` are 0 (also when :math:`q_i = 0`).

    For an exact guess this is the logarithm of the exact product (one
    rounding); for floats, the sum.

    Returns
    -------
    float
        ``-inf`` when a drawn class has :math:`q_i = 0`; finite otherwise, even
        when the float likelihood underflows.
    """
    if guess.exact:
        return log(grouped_likelihood(counts, guess), base)
    total = 0.0
    for prob, count in zip(guess.probs, counts, strict=True):
        if count == 0:
            continue
        term = log(prob, base)
        if term == -math.inf:
            return -math.inf
        total += count * term
    return total


@dataclass(frozen=True)
class Underflow:
    r"""What happens to a product of probabilities in floating point.

    Attributes
    ----------
    factors
        How many factors were multiplied.
    float_product
        The product computed in 64-bit floats, one factor at a time.
    log10_exact
        :math:`\log_{10}` of the exact product.
    zero_after
        How many factors it took for the float product to become exactly
        ``0.0``, or ``None`` if it never did.
    """

    factors: int
    float_product: float
    log10_exact: float
    zero_after: int | None


def product_underflow(factors: Sequence[Number]) -> Underflow:
    r"""Multiply probabilities in floating point and say when the product vanishes.

    .. math:: \prod_{k=1}^{m} q_k, \qquad \log_{10} \prod_k q_k = \sum_k \log_{10} q_k

    The float product is formed left to right as a float64 would be in a
    naive implementation; the logarithm comes from the exact factors.
    """
    product = 1.0
    zero_after: int | None = None
    for k, factor in enumerate(factors, start=1):
        product *= float(factor)
        if product == 0.0 and zero_after is None:
            zero_after = k
    log10 = math.fsum(log(f, "10") for f in factors)
    return Underflow(len(factors), product, log10, zero_after)
