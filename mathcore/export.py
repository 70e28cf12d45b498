"""The lecture's numbers as JSON-ready data (``render.py numbers``)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from mathcore import GuessData, LectureData, Number


def exact_or_decimal(value: Number) -> str:
    """A fraction as ``"16/3125"`` (``"0"`` for zero), a float as its shortest decimal string."""
    if isinstance(value, Fraction):
        return str(value)
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(float(value))


def real(value: float) -> float | str:
    """A float for JSON, with infinities as the strings ``"inf"`` and ``"-inf"``."""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def _guess(g: GuessData, with_name: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": g.name} if with_name else {}
    out |= {
        "probs": {c: exact_or_decimal(p) for c, p in g.dist.as_dict().items()},
        "likelihood": exact_or_decimal(g.likelihood),
        "likelihood_float": g.likelihood_float,
        "log_likelihood": real(g.log_likelihood),
        "cross_entropy": real(g.cross_entropy),
        "kl": real(g.kl),
        "ratio": exact_or_decimal(g.ratio),
        "bce_mean": real(g.bce_mean),
    }
    return out


def lecture_numbers(data: LectureData) -> dict[str, Any]:
    """Every number of the lecture, log values in the configured base."""
    return {
        "title": data.title,
        "log_base": data.log_base,
        "classes": list(data.classes),
        "draws": list(data.draws),
        "n": data.n,
        "counts": dict(zip(data.classes, data.counts, strict=True)),
        "empirical": {c: str(p) for c, p in zip(data.classes, data.empirical, strict=True)},
        "entropy": real(data.entropy),
        "reference": data.reference,
        "ranking": list(data.ranking),
        "guesses": [_guess(g, True) for g in data.guesses],
        "best": _guess(data.best, False),
    }
