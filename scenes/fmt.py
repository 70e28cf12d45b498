"""Formatting of the lecture's values for the screen; nothing here computes them.

Every function takes a value from :class:`mathcore.LectureData` and returns
TeX (for ``MathTex``) or plain text (for ``Text``).
"""

from __future__ import annotations

import math
from fractions import Fraction

from mathcore import LogBase, Number


def tex_number(value: Number, digits: int = 4) -> str:
    """An exact fraction as ``\\frac{a}{b}`` (integers plain), a float as a decimal."""
    if isinstance(value, Fraction):
        return tex_fraction(value)
    return tex_decimal(value, digits)


def tex_fraction(value: Fraction) -> str:
    """``\\frac{16}{3125}``; ``0`` and ``1`` as integers; negatives with a sign."""
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def plain_fraction(value: Fraction) -> str:
    """``16/3125`` as text."""
    return str(value)


def tex_decimal(value: float | Fraction, digits: int = 4) -> str:
    """A decimal with ``digits`` significant digits; ``\\infty`` for infinities.

    Small or large magnitudes use scientific notation ``1.23 \\times 10^{-7}``.
    """
    value = float(value)
    if math.isinf(value):
        return "\\infty" if value > 0 else "-\\infty"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if 1e-4 <= magnitude < 1e5:
        text = f"{value:.{digits}g}"
        if "e" not in text:
            return text
    mantissa, exponent = f"{value:.{max(digits - 1, 0)}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def tex_fixed(value: float, places: int = 4) -> str:
    """A decimal with a fixed number of places (``1.0549``); ``\\infty`` for infinities."""
    if math.isinf(value):
        return "\\infty" if value > 0 else "-\\infty"
    return f"{value + 0.0:.{places}f}" if f"{value:.{places}f}".strip("-0.") else f"{0:.{places}f}"


def text_fixed(value: float, places: int = 4) -> str:
    """Like :func:`tex_fixed`, for ``Text``: ``∞`` for infinities."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return tex_fixed(value, places).replace("-", "−")


def tex_ratio(value: Number) -> str:
    """A likelihood ratio to three significant digits (``6.10``), ``\\infty`` if infinite."""
    value = float(value)
    if math.isinf(value):
        return "\\infty"
    if value >= 100:
        return f"{value:,.0f}".replace(",", "{,}")
    return f"{value:#.3g}" if value < 10 else f"{value:.1f}"


def tex_name(name: str) -> str:
    """A class or guess name inside a formula: ``\\text{red}``."""
    return f"\\text{{{name}}}"


def tex_log(base: LogBase) -> str:
    """``\\ln`` for base e, ``\\log_2`` and ``\\log_{10}`` otherwise."""
    return "\\ln" if base == "e" else f"\\log_{{{base}}}"


def unit(base: LogBase) -> str:
    """The unit of an entropy in this base: nats, bits or hartleys."""
    return {"e": "nats", "2": "bits", "10": "hartleys"}[base]
