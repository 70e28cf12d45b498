"""A caption as the voice says it: fractions, symbols and a few names spelled out."""

from __future__ import annotations

import re

_SPOKEN = (
    (re.compile(r"(\d+)\s*/\s*(\d+)"), r"\1 over \2"),
    (re.compile(r"×"), " times "),
    (re.compile(r"≈"), " about "),
    (re.compile(r"\s=\s"), " equals "),
    (re.compile(r"[−–]\s*∞|-\s*∞"), " minus infinity "),
    (re.compile(r"∞"), " infinity "),
    (re.compile(r"\s[−-]\s"), " minus "),
    (re.compile(r"\bq\(([^)]*)\)"), r"q of \1"),
    (re.compile(r"\bH\(p, q\)"), "H of p and q"),
    (re.compile(r"\bH\(p\)"), "H of p"),
    (re.compile(r"\bKL\b"), "K L"),
    (re.compile(r"\bBCE\b"), "B C E"),
)


def spoken(text: str) -> str:
    """The caption as the voice should say it (fractions, symbols and a few names spelled out)."""
    for pattern, replacement in _SPOKEN:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())
