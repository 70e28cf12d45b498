"""Turning one formula into another part by part, and tidying up the scene afterwards."""

from __future__ import annotations

from manim import Animation, FadeIn, FadeOut, Mobject, ReplacementTransform, Scene, TransformMatchingTex, VGroup


def _parts_by_tex(mob: Mobject) -> dict[str, list[Mobject]]:
    found: dict[str, list[Mobject]] = {}
    for part in TransformMatchingTex.get_mobject_parts(mob):
        found.setdefault(part.tex_string, []).append(part)
    return found


def morph(scene: Scene, source: Mobject, target: Mobject, key_map: dict[str, str], run_time: float = 1.5) -> None:
    r"""Play ``source`` turning into ``target``, part by part.

    Like :class:`TransformMatchingTex`: parts with the same TeX move onto each other, the
    rest fade; but parts named in ``key_map`` (source TeX to target TeX) morph into their
    counterpart, e.g. ``p_{\text{red}}`` into ``y``. (Manim's own ``key_map`` fails on parts
    of different structure.)
    """
    src, tgt = _parts_by_tex(source), _parts_by_tex(target)
    inverse = {v: k for k, v in key_map.items()}
    used: set[str] = set()
    anims: list[Animation] = []
    arrived: list[Mobject] = []
    for key, pieces in tgt.items():
        origin = key if key in src else inverse.get(key)
        wrapper = VGroup(*pieces)
        if origin is None or origin not in src or origin in used:
            anims.append(FadeIn(wrapper))
        else:
            used.add(origin)
            anims.append(ReplacementTransform(VGroup(*(p.copy() for p in src[origin])), wrapper))
        arrived.append(wrapper)
    anims.extend(FadeOut(VGroup(*(p.copy() for p in pieces))) for key, pieces in src.items() if key not in used)
    scene.remove(source)
    scene.play(*anims, run_time=run_time)
    scene.remove(*arrived)
    scene.add(target)


def settle(scene: Scene, whole: Mobject) -> None:
    """Replace the loose parts of ``whole`` that animations put on screen by ``whole`` itself.

    Animations on parts (a transform into one term) add those parts to the scene one by
    one; afterwards the formula should be one mobject again.
    """
    family = set(whole.get_family())
    loose = [
        m
        for m in scene.mobjects
        if m is not whole and (m in family or (m.submobjects and all(s in family for s in m.submobjects)))
    ]
    scene.remove(*loose)
    scene.add(whole)
