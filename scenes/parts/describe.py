"""The lecture's values in words for text descriptions of the picture (what a screen reader says).

A beat's description (``self.beat(caption, shows=...)``) says what its last picture holds:
formulas in speakable form ("4 over 5 squared times 1 over 5 cubed"), values as the
picture shows them. Numbers stay digits, formatted by the same functions as the screen, so
that every number a description states can be found in the picture
(``tests/scenes/test_descriptions.py``). Nothing here computes a value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from mathcore import LogBase, Number, PowerFactor

from .formatting import spoken_list, tex_decimal, tex_fixed, tex_ratio

POWER_WORDS = {2: "squared", 3: "cubed"}


def said_fraction(value: Fraction) -> str:
    """``16 over 3125``; integers plain; a negative with ``minus``."""
    if value.denominator == 1:
        return said_sign(str(value.numerator))
    sign = "minus " if value < 0 else ""
    return f"{sign}{abs(value.numerator)} over {value.denominator}"


def said_sign(text: str) -> str:
    """A formatted number with its minus sign said: ``-0.5`` → ``minus 0.5``."""
    return re.sub(r"[-−](?=\d)", "minus ", text)


def said_tex_number(tex: str) -> str:
    r"""A number formatted for the screen, in words.

    ``1.67 \times 10^{-13}`` → ``1.67 times 10 to the power minus 13``.
    """
    text = re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"\1 over \2", tex)
    text = re.sub(r"\s*\\times\s*10\^\{(-?\d+)\}", r" times 10 to the power \1", text)
    text = re.sub(r"10\^\{(-?[\d.]+)\}", r"10 to the power \1", text)
    text = text.replace("-\\infty", "minus infinity").replace("\\infty", "infinity").replace("{,}", ",")
    return said_sign(text)


def said_number(value: Number, digits: int = 4) -> str:
    """A probability or likelihood: an exact fraction as ``a over b``, else the screen's decimal."""
    if isinstance(value, Fraction):
        return said_fraction(value)
    return said_tex_number(tex_decimal(value, digits))


def said_fixed(value: float, places: int = 4) -> str:
    """A fixed-point value as the screen shows it (``1.0549``), ``infinity`` when infinite."""
    return said_tex_number(tex_fixed(0.0 if value == 0 else value, places))


def said_ratio(value: Number) -> str:
    """A likelihood ratio as the screen shows it."""
    return said_tex_number(tex_ratio(value))


def said_power(power: PowerFactor) -> str:
    """``4 over 5 squared``, ``1 over 5 to the power 7``; one factor without exponent."""
    base = said_number(power.prob)
    if power.count == 1:
        return base
    exponent = POWER_WORDS.get(power.count, f"to the power {power.count}")
    return f"{base} {exponent}"


def said_product(powers: Sequence[PowerFactor]) -> str:
    """The grouped likelihood: ``4 over 5 squared times 1 over 5 cubed``."""
    return " times ".join(said_power(p) for p in powers)


def said_log(base: LogBase) -> str:
    """``natural log`` for base e, ``log base 2`` otherwise."""
    return "natural log" if base == "e" else f"log base {base}"


def said_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return spoken_list(list(items))


def said_raised(base: str, exponent: int) -> str:
    """``q sub red squared``, ``q sub red cubed``, ``q sub red to the power 4``: a power as written on screen."""
    return f"{base} {POWER_WORDS.get(exponent, f'to the power {exponent}')}"
