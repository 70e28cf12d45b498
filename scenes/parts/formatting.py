"""The lecture's values written for the screen and for captions; nothing here computes them.

Every function takes a value from :class:`mathcore.LectureData` and returns TeX (for
``MathTex``), plain text (for ``Text``) or words for a caption.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from fractions import Fraction

from mathcore import LogBase, Number, PowerFactor

# ---------------------------------------------------------------- TeX and text on screen


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


def fixed(value: float, places: int = 4) -> str:
    """:func:`tex_fixed`, with a negative zero shown as ``0.0000``."""
    return tex_fixed(0.0 if value == 0 else value, places)


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
    if value == 0:
        return "0"
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


def with_unit(value: float, base_unit: str, places: int = 4) -> str:
    """``1.0549\\ \\text{nats}``; an infinity without a unit."""
    if value == float("inf"):
        return fixed(value, places)
    return rf"{fixed(value, places)}\ \text{{{base_unit}}}"


def power_tex(power: PowerFactor) -> str:
    r"""``\left(\frac{4}{5}\right)^{2}``; a single factor without exponent."""
    base = tex_number(power.prob)
    if power.count == 1:
        return base
    return f"\\left({base}\\right)^{{{power.count}}}"


def decimal_is_exact(value: Number, tex: str) -> bool:
    """True when the shown decimal ``tex`` is the value itself (``0.00512``), not a rounding."""
    if not isinstance(value, Fraction) or "times" in tex:
        return False
    return Fraction(tex) == value


def inline(tex: str) -> str:
    """A number's TeX with fractions written on one line (``4/5``), for tables and running lines."""
    return re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"\1/\2", tex)


# ---------------------------------------------------------------- words for captions


def plain(tex: str) -> str:
    """A formatted number as caption text: ``1.67 × 10^-13`` for scientific TeX."""
    text = re.sub(r"\s*\\times\s*10\^\{(-?\d+)\}", r" × 10^\1", tex)
    text = re.sub(r"10\^\{(-?[\d.]+)\}", r"10^\1", text)
    return text.replace("-\\infty", "minus infinity").replace("\\infty", "infinity")


def plain_number(value: Number) -> str:
    """A probability or likelihood as caption text: ``4/5`` or ``0.5``."""
    if isinstance(value, Fraction):
        return plain_fraction(value)
    return plain(tex_decimal(value))


def spoken_fixed(value: float, base_unit: str, places: int = 4) -> str:
    """A value for a caption: ``1.0549 nats``, or ``infinite``."""
    if value == float("inf"):
        return "infinite"
    return f"{text_fixed(0.0 if value == 0 else value, places)} {base_unit}"


def spoken_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
