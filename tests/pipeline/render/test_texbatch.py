"""Formulas compiled in one batch before the scene: same glyphs, stand-ins never drawn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from manim import DecimalNumber, MathTex, Scene, SVGMobject, Tex, VGroup, tempconfig
from manim.mobject.svg import svg_mobject
from manim.mobject.text import numbers
from manim.utils import tex_file_writing as tfw

from pipeline.render.texbatch import compile_batch, precompile, stand_in_svg, symbol_count
from pipeline.render.texformat import default_preamble, ensure_format, uninstall_preloaded_preamble
from pipeline.render.worker import SKIP_ALL

# The forms the scenes use: products, sums, logs, fractions, braces, text, isolated parts.
FORMULAS = [
    (r"\mathcal{L}(q) = \prod_{i=1}^{N} q_{x_i} = \left(\tfrac{2}{5}\right)^{3}", "align*"),
    (r"H(p, q) = -\sum_{k} p_k \log q_k \approx 0.6931", "align*"),
    (r"\text{bad guess: } \frac{16}{3125} = 0.00512", "align*"),
    (r"\underbrace{\tfrac{1}{150} \cdots \tfrac{1}{150}}_{150\text{ factors}}", "align*"),
    (r"\textbf{Cross-entropy} is $-\tfrac{1}{N}\log L$", "center"),
    # MathTex's parts: raw SVG groups written by dvisvgm.
    (
        r"\special{dvisvgm:raw <g id='unique000'>}p_k\special{dvisvgm:raw </g>} "
        r"\special{dvisvgm:raw <g id='unique001'>}\log q_k\special{dvisvgm:raw </g>}",
        "align*",
    ),
]


def _glyphs(svg: Path) -> tuple[list[np.ndarray], list[str]]:
    """A formula as manim reads it: every glyph's points in order, and manim's part groups."""
    mob = SVGMobject(svg)
    groups = sorted(k for k in mob.id_to_vgroup_dict if k.startswith("unique"))
    return [m.points for m in mob.family_members_with_points()], groups


@pytest.fixture
def fmt(tmp_path: Path) -> Iterator[Path]:
    with tempconfig({"media_dir": str(tmp_path / "unused")}):
        made = ensure_format(tmp_path / "shared", default_preamble())
    assert made is not None
    yield made
    uninstall_preloaded_preamble()


def test_symbols_are_counted_roughly_one_per_glyph() -> None:
    assert symbol_count(r"\frac{1}{150}") == 5  # the bar and four digits
    assert symbol_count(r"\text{red} = 3") == 5
    assert symbol_count(r"\left( x \right)") == 3
    assert symbol_count(r"a\,b\;c") == 3
    assert symbol_count(r"\begin{align*} x \end{align*}") == 1


def test_a_stand_in_keeps_manims_part_groups(tmp_path: Path) -> None:
    tex = (
        "\\begin{document}\n\\special{dvisvgm:raw <g id='unique000'>}ab"
        "\\special{dvisvgm:raw <g id='unique000substring'>}c\\special{dvisvgm:raw </g>}"
        "\\special{dvisvgm:raw </g>}\\special{dvisvgm:raw <g id='unique001'>}\\log\\special{dvisvgm:raw </g>}\n"
        "\\end{document}"
    )
    path = tmp_path / "stand-in.svg"
    path.write_text(stand_in_svg(tex), encoding="utf-8")
    mob = SVGMobject(path)
    sizes = {k: len(v.family_members_with_points()) for k, v in mob.id_to_vgroup_dict.items() if k.startswith("u")}
    assert sizes == {"unique000": 3, "unique000substring": 1, "unique001": 1}


def test_a_batch_draws_the_same_glyphs_as_separate_runs(fmt: Path, tmp_path: Path) -> None:
    with tempconfig({"media_dir": str(tmp_path / "alone")}):
        alone = [tfw.tex_to_svg_file(tex, env) for tex, env in FORMULAS]
    with tempconfig({"media_dir": str(tmp_path / "batch")}):
        files = [tfw.generate_tex_file(tex, env) for tex, env in FORMULAS]
    assert compile_batch(files, default_preamble(), fmt) == len(FORMULAS)
    for single, tex_file in zip(alone, files, strict=True):
        assert tex_file.with_suffix(".svg").name == single.name  # where manim looks for it
        ours, theirs = _glyphs(tex_file.with_suffix(".svg")), _glyphs(single)
        assert ours[1] == theirs[1]
        assert len(ours[0]) == len(theirs[0]) > 0
        assert all(np.array_equal(a, b) for a, b in zip(ours[0], theirs[0], strict=True))


def test_a_batch_with_a_latex_error_writes_nothing(fmt: Path, tmp_path: Path) -> None:
    with tempconfig({"media_dir": str(tmp_path / "bad")}):
        files = [tfw.generate_tex_file(r"x^2", "align*"), tfw.generate_tex_file(r"\frac{1}{", "align*")]
    assert compile_batch(files, default_preamble(), fmt) == 0
    assert not any(f.with_suffix(".svg").exists() for f in files)
    assert sorted(p.name for p in files[0].parent.iterdir()) == sorted(f.name for f in files)


class _Counter(Scene):
    """Formulas, text and a number whose digits manim caches between mobjects."""

    def construct(self) -> None:
        number = DecimalNumber(0, num_decimal_places=0)
        self.add(VGroup(MathTex(r"\frac{1}{150}", r"\cdot", r"\frac{1}{150}"), Tex("factors"), number).arrange())
        self.play(number.animate.set_value(42), run_time=0.2)


class _Broken(Scene):
    def construct(self) -> None:
        self.add(MathTex(r"x^2 + 1"))
        raise IndexError("a layout the stand-ins upset")


def _last_frame(media: Path) -> np.ndarray:
    with tempconfig({"media_dir": str(media), "quality": "low_quality", "write_to_movie": False, "verbosity": "ERROR"}):
        scene = _Counter()
        scene.render()
        return scene.renderer.get_frame().copy()


def test_precompiled_formulas_draw_the_same_frame_and_no_stand_in_is_kept(fmt: Path, tmp_path: Path) -> None:
    expected = _last_frame(tmp_path / "plain")
    numbers.string_to_mob_map.clear()
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    media = tmp_path / "batched"
    first_pass = {"media_dir": str(media), "dry_run": True, "from_animation_number": SKIP_ALL, "verbosity": "ERROR"}
    with tempconfig(first_pass):
        found = precompile(lambda: _Counter().render(), default_preamble(), fmt, tmp_path / "stand-ins")
    assert found.complete and found.missing == found.compiled >= 4
    assert not numbers.string_to_mob_map and not svg_mobject.SVG_HASH_TO_MOB_MAP  # all were stand-ins
    assert not (tmp_path / "stand-ins").exists()
    assert len(list((media / "Tex").glob("*.svg"))) == found.compiled
    with tempconfig(first_pass):
        again = precompile(lambda: _Counter().render(), default_preamble(), fmt, tmp_path / "stand-ins")
    assert again.missing == again.compiled == 0
    kept = [m.file_name for m in svg_mobject.SVG_HASH_TO_MOB_MAP.values()]
    assert kept and all(f.parent == media / "Tex" for f in kept)  # LaTeX's SVGs, parsed once, are kept
    calls: list[Path] = []
    real = tfw.compile_tex
    tfw.compile_tex = lambda tex_file, *a: calls.append(tex_file) or real(tex_file, *a)  # type: ignore[assignment]
    try:
        frame = _last_frame(media)
    finally:
        tfw.compile_tex = real  # type: ignore[assignment]
    assert np.array_equal(frame, expected)
    # The first pass met the number's start digit only; the digits of 42 appear during the animation.
    assert len(calls) <= 2


def test_a_first_pass_that_fails_compiles_what_it_found(fmt: Path, tmp_path: Path) -> None:
    media = tmp_path / "broken"
    with tempconfig({"media_dir": str(media), "dry_run": True, "from_animation_number": SKIP_ALL}):
        found = precompile(lambda: _Broken().render(), default_preamble(), fmt, tmp_path / "stand-ins")
    assert not found.complete
    assert found.missing == found.compiled == 1
    assert len(list((media / "Tex").glob("*.svg"))) == 1
