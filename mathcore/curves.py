r"""The likelihood and log-likelihood as curves of one number, :math:`t = q_1`.

A guess over :math:`K` classes has :math:`K - 1` free numbers; to draw the
likelihood we follow it along one of them, :math:`t = q_1`, the probability of
the first class:

- with two classes, :math:`q = (t, 1 - t)`, so every guess lies on the curve;
- with :math:`K > 2` classes, the other classes share :math:`1 - t` in their
  empirical proportions, :math:`q_j = (1 - t)\, n_j / (N - n_1)` for
  :math:`j \ge 2` (equally when :math:`n_1 = N`). For each :math:`t` that is the
  best possible guess with :math:`q_1 = t` (the profile likelihood), so every
  guess lies on or below the curve, and the curve's maximum is the overall
  maximum at :math:`t = p_1`.

Then

.. math:: L(t) = t^{n_1} \prod_{j \ge 2} \big((1 - t)\, r_j\big)^{n_j},
          \qquad \log_b L(t) = n_1 \log_b t + \sum_{j \ge 2} n_j \log_b\big((1 - t)\, r_j\big),

with :math:`r_j` the shares above, and both are largest at :math:`t = p_1 = n_1 / N`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from .distribution import Distribution
from .numbers import LogBase


def rest_shares(counts: Sequence[int]) -> tuple[Fraction, ...]:
    r"""The shares :math:`r_j` of :math:`1 - t` for the classes after the first.

    :math:`r_j = n_j / (N - n_1)`, or :math:`1 / (K - 1)` each when only the
    first class was drawn. They sum to 1.
    """
    rest = counts[1:]
    total = sum(rest)
    if total == 0:
        return tuple(Fraction(1, len(rest)) for _ in rest)
    return tuple(Fraction(c, total) for c in rest)


def profile_guess(classes: Sequence[str], counts: Sequence[int], t: Fraction | float) -> Distribution:
    r"""The guess on the curve at :math:`t`: :math:`q = (t, (1 - t) r_2, \dots, (1 - t) r_K)`."""
    probs = (t, *((1 - t) * r for r in rest_shares(counts)))
    return Distribution(tuple(classes), tuple(probs))


@dataclass(frozen=True)
class Curves:
    r"""The likelihood and log-likelihood sampled over :math:`t \in (0, 1)`.

    Attributes
    ----------
    t
        Increasing grid in the open interval (0, 1); it contains :math:`p_1`
        and every point asked for with ``include``.
    likelihood
        :math:`L(t)` at each grid point.
    log_likelihood
        :math:`\log_b L(t)` at each grid point (finite inside (0, 1)).
    argmax
        :math:`t` where both curves are largest; equals :math:`p_1` when
        :math:`0 < p_1 < 1`.
    """

    t: NDArray[np.float64]
    likelihood: NDArray[np.float64]
    log_likelihood: NDArray[np.float64]
    argmax: float


def _log_curve(counts: Sequence[int], t: NDArray[np.float64], base: LogBase) -> NDArray[np.float64]:
    shares = rest_shares(counts)
    with np.errstate(divide="ignore"):
        ln = counts[0] * np.log(t)
        for count, share in zip(counts[1:], shares, strict=True):
            if count:
                ln = ln + count * (np.log1p(-t) + np.log(float(share)))
    if base == "e":
        return ln
    return ln / np.log(int(base))


def likelihood_curves(
    counts: Sequence[int],
    base: LogBase = "e",
    points: int = 401,
    include: Iterable[float] = (),
) -> Curves:
    r"""Sample :math:`L(t)` and :math:`\log_b L(t)` on a grid of :math:`t \in (0, 1)`.

    Parameters
    ----------
    counts
        :math:`n_1, \dots, n_K`, the first being the class on the axis.
    base
        Base of the logarithm.
    points
        Number of evenly spaced interior points.
    include
        Extra values of :math:`t` to put on the grid (the guesses'
        :math:`q_1`); values outside (0, 1) are ignored. :math:`p_1` is always
        included when it lies inside.
    """
    n = sum(counts)
    p1 = counts[0] / n
    extra = [x for x in (p1, *include) if 0.0 < x < 1.0]
    grid = np.unique(np.concatenate([np.linspace(0.0, 1.0, points + 2)[1:-1], np.asarray(extra, float)]))
    log_l = _log_curve(counts, grid, base)
    ln = log_l if base == "e" else log_l * np.log(int(base))
    lik = np.exp(ln)
    argmax = float(grid[int(np.argmax(log_l))])
    return Curves(grid, lik, log_l, argmax)
