"""Numbers of the lecture: exact fractions where the input is exact, floats otherwise.

A probability written as ``"4/5"``, ``"0.8"`` (a string), or an integer is exact
and becomes a :class:`fractions.Fraction`; a TOML float such as ``0.8`` stays a
float. Logarithms of exact values are taken from the numerator and denominator
separately, so that a tiny exact likelihood such as ``(1/150)**150`` has a
finite logarithm even though it underflows as a float.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Literal, TypeAlias

Number: TypeAlias = Fraction | float
"""A probability or a product of probabilities: exact or floating point."""

LogBase: TypeAlias = Literal["e", "2", "10"]
"""The base of every logarithm in the lecture."""

LOG_BASES: tuple[LogBase, ...] = ("e", "2", "10")

_NORMAL_MIN = 2.2250738585072014e-308
_MAX_EXPONENT = 400

SHOWN_CHARS = 80
"""An error message quotes at most about this many characters of a value."""


def shown(value: object) -> str:
    """``repr(value)``, cut to about :data:`SHOWN_CHARS` characters (a huge value gives a short message)."""
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 4] + "...'"


_FRACTION = re.compile(r"^\s*[+-]?\d+\s*/\s*\d+\s*$")
_DECIMAL = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def parse_number(value: object) -> Number:
    """Turn a configuration value into an exact fraction or a float.

    Parameters
    ----------
    value
        ``int`` (exact), ``float`` (kept as a float), or a string holding a
        fraction ``"a/b"`` or a decimal ``"0.25"`` (both exact).

    Returns
    -------
    Fraction or float

    Raises
    ------
    ValueError
        If the value is a bool, another type, a malformed string or has a zero
        denominator; the message says what is allowed.
    """
    if isinstance(value, bool):
        raise ValueError("expected a number such as 4/5, 0.8 or 1, not a boolean")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        return value
    if isinstance(value, str):
        if _FRACTION.match(value):
            num, den = value.split("/")
            if int(den) == 0:
                raise ValueError("a fraction's denominator must not be 0")
            return Fraction(int(num), int(den))
        if _DECIMAL.match(value):
            exponent = value.strip().lower().partition("e")[2]
            if exponent and abs(int(exponent)) > _MAX_EXPONENT:
                raise ValueError(f"a decimal's exponent must lie between -{_MAX_EXPONENT} and {_MAX_EXPONENT}")
            return Fraction(value.strip())
        raise ValueError("expected a fraction such as 4/5, a decimal such as 0.8, or an integer")
    raise ValueError(f"expected a number such as 4/5, 0.8 or 1, not a {type(value).__name__}")


def is_exact(values: object) -> bool:
    """True when every value in an iterable is a :class:`~fractions.Fraction`."""
    return all(isinstance(v, Fraction) for v in values)  # type: ignore[attr-defined]


def log(x: Number | int, base: LogBase = "e") -> float:
    r"""Logarithm :math:`\log_b x` with :math:`\log 0 = -\infty`.

    Parameters
    ----------
    x
        A non-negative number. For a fraction :math:`a/b` the result is
        :math:`\log a - \log b`, computed on the integers, when it lies
        outside the normal float range, so it stays finite for exact values
        far below the smallest float; otherwise the log of the correctly
        rounded float.
    base
        ``"e"``, ``"2"`` or ``"10"``.

    Returns
    -------
    float
        ``-inf`` for ``x == 0``.
    """
    if x < 0:
        raise ValueError("log of a negative number")
    if x == 0:
        return -math.inf
    try:
        as_float = float(x)
    except OverflowError:  # an exact value above the float range
        as_float = math.inf
    if isinstance(x, Fraction | int) and not _NORMAL_MIN <= as_float < math.inf:
        ln = math.log(x.numerator) - math.log(x.denominator)
    else:
        ln = math.log(as_float)
    if base == "e":
        return ln
    return ln / math.log(int(base))


def exp_base(y: float, log_base: LogBase) -> float:
    r"""Inverse of :func:`log`: :math:`b^{y}` with :math:`b^{-\infty} = 0`."""
    if y == -math.inf:
        return 0.0
    if log_base == "e":
        return math.exp(y)
    return float(int(log_base)) ** y
