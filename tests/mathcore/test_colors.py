"""Class colours: CSS colour names, readable on the background, never two alike."""

from __future__ import annotations

import colorsys
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageColor

from mathcore.colors import (
    BACKGROUND,
    MIN_CONTRAST,
    MIN_DISTANCE,
    assign_colors,
    contrast,
    distance,
    named_color,
    readable,
)

CSS_NAMES = sorted(n for n, v in ImageColor.colormap.items() if isinstance(v, str))


def _hue(color: str) -> float:
    return colorsys.rgb_to_hls(*(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0] * 360


def test_every_css_colour_name_is_a_class_colour():
    assert len(CSS_NAMES) >= 140
    assert all(named_color(name) is not None for name in CSS_NAMES)
    assert named_color("Lime") == "#00FF00"  # a lime candy is green, not the palette's red
    assert named_color("not-a-colour") is None


def test_dark_colours_are_lightened_keeping_their_hue():
    for name in ("navy", "black", "maroon", "darkblue", "indigo", "midnightblue"):
        css, shown = ImageColor.colormap[name], named_color(name)
        assert contrast(css, BACKGROUND) < MIN_CONTRAST <= contrast(shown, BACKGROUND), name
        if name != "black":
            assert abs(_hue(shown) - _hue(css)) < 2, name
    assert readable("#00FF00") == "#00FF00"  # already readable: unchanged


@given(classes=st.lists(st.sampled_from([*CSS_NAMES, "x1", "x2", "apple"]), min_size=2, max_size=5, unique=True))
@settings(deadline=None, max_examples=200)
def test_any_classes_get_readable_colours_a_viewer_can_tell_apart(classes):
    colors = assign_colors(tuple(classes), {})
    for a, b in itertools.combinations(colors, 2):
        assert distance(a, b) >= MIN_DISTANCE, (classes, colors)
    assert all(contrast(c, BACKGROUND) >= MIN_CONTRAST for c in colors), (classes, colors)
    # the first class named like a colour always gets it
    first = next((n for n in classes if named_color(n)), None)
    if first is not None:
        assert colors[classes.index(first)] == named_color(first)


def test_look_alike_names_do_not_share_a_colour():
    colors = assign_colors(("green", "lime", "darkgreen", "forestgreen"), {})
    assert colors[1] == "#00FF00"
    assert all(distance(a, b) >= MIN_DISTANCE for a, b in itertools.combinations(colors, 2))


def test_given_colours_are_kept_and_avoided():
    colors = assign_colors(("a", "red", "b"), {"a": "#E5534B"})
    assert colors[0] == "#E5534B"
    assert distance(colors[1], colors[0]) >= MIN_DISTANCE and distance(colors[2], colors[0]) >= MIN_DISTANCE
