"""Faster copies of manim's SVG-based mobjects (MathTex, Tex, Text, Brace).

Every ``Transform``, ``FadeIn`` or ``Write`` copies the mobjects it animates
(``Mobject.copy`` is a ``copy.deepcopy``). Each glyph of a formula or a text is a
``VMobjectFromSVGPath`` that keeps the parsed SVG path (``path_obj``, an
``svgelements.Path`` of hundreds of small point objects) it was built from, and
deep-copying that path was about 90 % of the cost of copying a formula: one
``MathTex`` of a dozen glyphs took 12.8 ms to copy, 1.0 ms with the path shared.

The path is only read, by ``generate_points`` when the glyph is built; nothing
in manim changes it afterwards. So copies share it instead of duplicating it.
Points, colours and everything else are still copied as before, so frames are
identical (the golden-frame tests check this).
"""

from __future__ import annotations

from typing import Any

from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

_INSTALLED = "_lecture_shares_path_obj"


def install_shared_svg_paths() -> None:
    """Make copies of SVG glyphs share their (read-only) parsed path; idempotent."""
    if getattr(VMobjectFromSVGPath, _INSTALLED, False):
        return
    deepcopy = VMobjectFromSVGPath.__deepcopy__

    def shared_path_deepcopy(self: VMobjectFromSVGPath, memo: dict[int, Any]) -> VMobjectFromSVGPath:
        path = self.__dict__.get("path_obj")
        if path is not None:
            memo[id(path)] = path
        return deepcopy(self, memo)

    VMobjectFromSVGPath.__deepcopy__ = shared_path_deepcopy  # type: ignore[method-assign]
    setattr(VMobjectFromSVGPath, _INSTALLED, True)
