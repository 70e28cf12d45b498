"""Entropy, cross-entropy, KL divergence and binary cross-entropy."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .numbers import LogBase, Number, log


def entropy(p: Sequence[Number], base: LogBase = "e") -> float:
    r"""Entropy :math:`H(p) = -\sum_i p_i \log_b p_i`, with :math:`0 \log 0 = 0`.

    Returns
    -------
    float
        :math:`H(p) \ge 0`; ``0.0`` for a distribution on one class.
    """
    return cross_entropy(p, p, base)


def cross_entropy(p: Sequence[Number], q: Sequence[Number], base: LogBase = "e") -> float:
    r"""Cross-entropy of :math:`q` relative to :math:`p`.

    .. math:: H(p, q) = -\sum_i p_i \log_b q_i

    Terms with :math:`p_i = 0` are 0, whatever :math:`q_i` is.

    Returns
    -------
    float
        ``inf`` when some :math:`q_i = 0` while :math:`p_i > 0`.
    """
    total = 0.0
    for pi, qi in zip(p, q, strict=True):
        if pi == 0:
            continue
        term = log(qi, base)
        if term == -math.inf:
            return math.inf
        total -= float(pi) * term
    return total


def kl_divergence(p: Sequence[Number], q: Sequence[Number], base: LogBase = "e") -> float:
    r"""Kullback-Leibler divergence of :math:`q` from :math:`p`.

    .. math:: \mathrm{KL}(p \,\|\, q) = \sum_i p_i \log_b \frac{p_i}{q_i}
              = H(p, q) - H(p)

    Terms with :math:`p_i = 0` are 0.

    Returns
    -------
    float
        :math:`\ge 0`, ``0.0`` exactly when :math:`q = p` on the support of
        :math:`p`; ``inf`` when some :math:`q_i = 0` while :math:`p_i > 0`.
    """
    total = 0.0
    for pi, qi in zip(p, q, strict=True):
        if pi == 0:
            continue
        if qi == 0:
            return math.inf
        if pi == qi:
            continue
        total += float(pi) * (log(pi, base) - log(qi, base))
    return max(total, 0.0)


def binary_cross_entropy(y: Number, y_hat: Number, base: LogBase = "e") -> float:
    r"""Binary cross-entropy of one sample.

    .. math:: \ell(y, \hat y) = -\left[\, y \log_b \hat y + (1 - y) \log_b (1 - \hat y) \,\right]

    This is :math:`H(p, q)` for :math:`p = (y, 1 - y)` and
    :math:`q = (\hat y, 1 - \hat y)`; :math:`0 \log 0 = 0`.

    Returns
    -------
    float
        ``inf`` when the label has positive weight on a side that
        :math:`\hat y` gives probability 0.
    """
    return cross_entropy((y, 1 - y), (y_hat, 1 - y_hat), base)


def mean_binary_cross_entropy(labels: Sequence[Number], predictions: Sequence[Number], base: LogBase = "e") -> float:
    r"""Binary cross-entropy averaged over a data set of :math:`N` samples.

    .. math:: \mathrm{BCE} = -\frac{1}{N} \sum_{n=1}^{N}
              \left[\, y_n \log_b \hat y_n + (1 - y_n) \log_b (1 - \hat y_n) \,\right]

    Raises
    ------
    ValueError
        For an empty data set or labels and predictions of different lengths.
    """
    if not labels:
        raise ValueError("binary cross-entropy of an empty data set")
    if len(labels) != len(predictions):
        raise ValueError("labels and predictions differ in length")
    losses = [binary_cross_entropy(y, y_hat, base) for y, y_hat in zip(labels, predictions, strict=True)]
    if math.inf in losses:
        return math.inf
    return math.fsum(losses) / len(losses)
