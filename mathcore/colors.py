"""Class colours: any CSS colour name, readable on the lecture's dark background, never two alike.

A class named like a colour gets that colour: a CSS colour name (``lime``, ``teal``, ...,
the 148 names CSS defines, as Pillow lists them), with the lecture's own shades for the
common ones (:data:`NAMED_COLORS`). Every colour chosen here is made readable on
:data:`BACKGROUND` (text contrast of at least :data:`MIN_CONTRAST`, by raising its lightness), and
two classes never get colours closer than :data:`MIN_DISTANCE` (CIE76 ΔE in CIELAB): the
second of two look-alikes takes the next distinct colour of the palette instead.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterator

from PIL import ImageColor

BACKGROUND = "#16181D"
"""The frame's background (``scenes.parts.style`` draws with it)."""

MIN_CONTRAST = 4.5
"""WCAG's contrast for text: class names are written in their class's colour."""

MIN_DISTANCE = 20.0
"""The least CIE76 ΔE between two classes' colours (about 2.3 is a just noticeable difference;
20 keeps them apart at a glance, on small candies and thin bars)."""

NAMED_COLORS = {
    "red": "#E5534B",
    "blue": "#4C8DF6",
    "green": "#57AB5A",
    "yellow": "#E0C326",
    "orange": "#EC8A3C",
    "purple": "#B083F0",
    "pink": "#E87EB6",
    "brown": "#A5714B",
    "teal": "#39B5A4",
    "cyan": "#45C7E0",
    "white": "#E8E8E8",
    "grey": "#9A9A9A",
    "gray": "#9A9A9A",
}
"""The lecture's own shades of the common colour names (softer than CSS's on a dark background)."""

DEFAULT_PALETTE = ("#E5534B", "#4C8DF6", "#57AB5A", "#E0A526", "#B083F0")
"""Colours for classes without one, in order: red, blue, green, amber, purple."""

_EXTRA_HUES = 24
"""When the palette has no distinct colour left: hues around the circle, this many."""


def _rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in rgb)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    r, g, b = (_linear(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(color: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in _rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str) -> float:
    """CIE76 colour difference ΔE of two colours."""
    return math.dist(_lab(a), _lab(b))


def readable(color: str) -> str:
    """``color``, lightened (same hue) until text in it has :data:`MIN_CONTRAST` on :data:`BACKGROUND`."""
    hue, light, sat = colorsys.rgb_to_hls(*_rgb(color))
    shade = color.upper()
    while contrast(shade, BACKGROUND) < MIN_CONTRAST and light < 1.0:
        light = min(1.0, light + 0.02)
        shade = _hex(colorsys.hls_to_rgb(hue, light, sat))
    return shade


def named_color(name: str) -> str | None:
    """The colour a class's name names (the lecture's shade, else CSS's, made readable), or None."""
    key = name.lower()
    if key in NAMED_COLORS:
        return readable(NAMED_COLORS[key])
    css = ImageColor.colormap.get(key)
    if not isinstance(css, str):
        return None
    return readable(css)


def _fallbacks() -> Iterator[str]:
    yield from (readable(c) for c in DEFAULT_PALETTE)
    for k in range(_EXTRA_HUES):
        yield readable(_hex(colorsys.hls_to_rgb(k / _EXTRA_HUES, 0.62, 0.7)))


def _apart(color: str, others: list[str]) -> bool:
    return all(distance(color, other) >= MIN_DISTANCE for other in others)


def assign_colors(classes: tuple[str, ...], given: dict[str, str]) -> tuple[str, ...]:
    """Each class's colour: the one ``[colors]`` gives, else the one its name names, else the palette's.

    A named or palette colour is taken only if it stays :data:`MIN_DISTANCE` from every other
    class's colour (the given ones, the names that come first, and what was chosen so far).
    """
    named = {n: named_color(n) for n in classes if n not in given}
    chosen: dict[str, str] = dict(given)
    for name in classes:
        if name in chosen:
            continue
        others = list(chosen.values())
        wish = named.get(name)
        if wish is not None and _apart(wish, others):
            chosen[name] = wish
            continue
        # colours other classes are named after stay free for them
        claimed = [c for n, c in named.items() if c is not None and n != name and n not in chosen]
        chosen[name] = next(
            (c for c in _fallbacks() if _apart(c, others) and _apart(c, claimed)),
            next(c for c in _fallbacks() if _apart(c, others)),
        )
    return tuple(chosen[n] for n in classes)
