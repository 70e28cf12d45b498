"""Discrete distributions over the lecture's classes: the data's and a guess's."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .numbers import Number, is_exact, parse_number, shown

FLOAT_TOLERANCE = 1e-9
"""How far from 1 the sum of a guess given as floats may be."""


class DistributionError(ValueError):
    """A guess that is not a probability distribution over the classes.

    ``key`` names the offending entry (a class, or ``None`` for the whole
    distribution); the message says what is wrong and what is allowed.
    """

    def __init__(self, message: str, key: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.key = key
        self.value = value


@dataclass(frozen=True)
class Distribution:
    r"""A probability distribution :math:`q = (q_1, \dots, q_K)` over named classes.

    Invariants: every :math:`q_i \in [0, 1]` and :math:`\sum_i q_i = 1`,
    exactly when every value is a :class:`~fractions.Fraction` (then
    :attr:`exact` is true), within :data:`FLOAT_TOLERANCE` otherwise. A mix of
    fractions and floats is stored as floats.

    Attributes
    ----------
    classes
        The class names, in the lecture's order.
    probs
        :math:`q_i` for each class, in the same order.
    """

    classes: tuple[str, ...]
    probs: tuple[Number, ...]

    @property
    def exact(self) -> bool:
        """True when every probability is an exact fraction."""
        return is_exact(self.probs)

    def __getitem__(self, name: str) -> Number:
        return self.probs[self.classes.index(name)]

    def as_dict(self) -> dict[str, Number]:
        """``{class: q_i}`` in the lecture's order."""
        return dict(zip(self.classes, self.probs, strict=True))

    def as_floats(self) -> Distribution:
        """The same distribution with every probability a float."""
        return Distribution(self.classes, tuple(float(p) for p in self.probs))


MAX_DIGITS = 6
"""An exact probability has at most this many digits above and below its fraction bar (in lowest
terms): likelihoods multiply up to 20 of them, and every one is typeset on screen."""


def make_distribution(classes: Sequence[str], probs: Mapping[str, object]) -> Distribution:
    r"""Validate a guess given as ``{class: value}`` and return a :class:`Distribution`.

    Values are parsed by :func:`mathcore.numbers.parse_number`: ``"4/5"``,
    ``"0.8"`` and integers are exact, floats stay floats.

    Raises
    ------
    DistributionError
        For a missing or unknown class, a malformed or negative value, a value
        above 1, or a sum other than 1 (exactly for fractions, within
        :data:`FLOAT_TOLERANCE` for floats).
    """
    unknown = [name for name in probs if name not in classes]
    if unknown:
        raise DistributionError(
            f"unknown class {shown(unknown[0])}; the classes are {', '.join(classes)}",
            key=unknown[0],
            value=probs[unknown[0]],
        )
    missing = [name for name in classes if name not in probs]
    if missing:
        raise DistributionError(
            f"missing class {shown(missing[0])}: a guess gives a probability to every class ({', '.join(classes)})",
            key=missing[0],
        )
    values: list[Number] = []
    for name in classes:
        raw = probs[name]
        try:
            value = parse_number(raw)
        except ValueError as err:
            raise DistributionError(f"{shown(raw)} is not a probability: {err}", key=name, value=raw) from None
        if value < 0 or value > 1:
            raise DistributionError(
                f"{shown(raw)} is not a probability: it must lie between 0 and 1", key=name, value=raw
            )
        if isinstance(value, Fraction) and max(len(str(value.numerator)), len(str(value.denominator))) > MAX_DIGITS:
            raise DistributionError(
                f"more than {MAX_DIGITS} digits in the numerator or denominator; "
                "use a shorter fraction, or a float such as 0.1234567 for an approximate value",
                key=name,
                value=raw,
            )
        values.append(value)
    if not is_exact(values):
        values = [float(v) for v in values]
        total = math.fsum(values)
        if abs(total - 1.0) > FLOAT_TOLERANCE:
            raise DistributionError(
                f"probabilities sum to {total:.12g}, they must sum to 1 (within {FLOAT_TOLERANCE:g})",
                value=total,
            )
    else:
        total_exact = sum(values, Fraction(0))
        if total_exact != 1:
            raise DistributionError(
                f"probabilities sum to {total_exact}, they must sum to exactly 1", value=total_exact
            )
    return Distribution(tuple(classes), tuple(values))


@dataclass(frozen=True)
class Empirical:
    r"""The empirical distribution of a sequence of draws.

    With :math:`n_i` the number of draws of class :math:`i` and
    :math:`N = \sum_i n_i`, the empirical probabilities are

    .. math:: p_i = \frac{n_i}{N},

    exact fractions. Classes that were never drawn have :math:`n_i = 0` and
    :math:`p_i = 0`.
    """

    classes: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def n(self) -> int:
        """:math:`N`, the number of draws."""
        return sum(self.counts)

    @property
    def probs(self) -> tuple[Fraction, ...]:
        """:math:`p_i = n_i / N` as exact fractions."""
        return tuple(Fraction(c, self.n) for c in self.counts)

    def distribution(self) -> Distribution:
        """:math:`p` as an exact :class:`Distribution`."""
        return Distribution(self.classes, self.probs)


def empirical(draws: Sequence[str], classes: Sequence[str] | None = None) -> Empirical:
    r"""Count the draws: :math:`n_i`, :math:`N` and :math:`p_i = n_i / N`.

    Parameters
    ----------
    draws
        The training set, one class name per draw, in order.
    classes
        The classes in the lecture's order; by default the order in which
        they first appear in ``draws``.

    Raises
    ------
    ValueError
        For an empty sequence or a draw whose class is not in ``classes``.
    """
    if not draws:
        raise ValueError("the draws are empty: the empirical distribution needs at least one draw")
    if classes is None:
        classes = tuple(dict.fromkeys(draws))
    unknown = [d for d in draws if d not in classes]
    if unknown:
        raise ValueError(f"draw {unknown[0]!r} is not one of the classes {', '.join(classes)}")
    return Empirical(tuple(classes), tuple(sum(1 for d in draws if d == c) for c in classes))
