"""The preloaded-preamble format: same glyphs as plain latex, used only for its own preamble."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from manim import SVGMobject, TexTemplate, tempconfig
from manim.utils import tex_file_writing as tfw

from pipeline.render.texformat import (
    default_preamble,
    ensure_format,
    install_preloaded_preamble,
    uninstall_preloaded_preamble,
)

# Formulas in the forms the scenes write them: products, sums, logs, fractions, text, colours.
FORMULAS = [
    (r"\mathcal{L}(q) = \prod_{i=1}^{N} q_{x_i} = \left(\tfrac{2}{5}\right)^{3}", "align*"),
    (r"H(p, q) = -\sum_{k} p_k \log q_k \approx 0.6931", "align*"),
    (r"\text{bad guess: } \frac{16}{3125} = 0.00512", "align*"),
    (r"\textbf{Cross-entropy} is $-\tfrac{1}{N}\log L$", "center"),
]


@pytest.fixture
def fmt(tmp_path: Path) -> Iterator[Path]:
    with tempconfig({"media_dir": str(tmp_path / "unused")}):
        made = ensure_format(tmp_path / "shared", default_preamble())
    assert made is not None and made.stat().st_size > 0
    yield made
    uninstall_preloaded_preamble()


def _glyphs(media: Path) -> list[list[np.ndarray]]:
    """Each formula as manim reads it: the points of every glyph, in order."""
    with tempconfig({"media_dir": str(media)}):
        svgs = [tfw.tex_to_svg_file(tex, env) for tex, env in FORMULAS]
        return [[m.points for m in SVGMobject(svg).family_members_with_points()] for svg in svgs]


def test_formulas_compiled_from_the_format_have_identical_glyphs(fmt: Path, tmp_path: Path) -> None:
    plain = _glyphs(tmp_path / "plain")
    install_preloaded_preamble(fmt, default_preamble())
    commands: list[list[str]] = []
    patched = tfw.make_tex_compilation_command

    def spy(*args: object) -> list[str]:
        command = patched(*args)  # type: ignore[arg-type]
        commands.append(command)
        return command

    tfw.make_tex_compilation_command = spy  # type: ignore[assignment]
    try:
        preloaded = _glyphs(tmp_path / "preloaded")
    finally:
        tfw.make_tex_compilation_command = patched  # type: ignore[assignment]
    assert len(commands) == len(FORMULAS)
    assert all(f"-fmt={fmt.with_suffix('')}" in c for c in commands)
    # The SVGs list the fonts' glyph definitions in another order (fonts are numbered
    # differently when preloaded); the glyphs drawn, their order and their points are the same.
    assert [len(f) for f in preloaded] == [len(f) for f in plain]
    for ours, theirs in zip(preloaded, plain, strict=True):
        assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))


def test_another_preamble_compiles_without_the_format(fmt: Path, tmp_path: Path) -> None:
    install_preloaded_preamble(fmt, default_preamble())
    template = TexTemplate()
    template.add_to_preamble(r"\usepackage{amsthm}")
    with tempconfig({"media_dir": str(tmp_path / "other")}):
        tex = tfw.generate_tex_file(r"x^2", "align*", template)
        command = tfw.make_tex_compilation_command("latex", ".dvi", tex, tex.parent)
        assert not any(part.startswith("-fmt=") for part in command)
        svg = tfw.tex_to_svg_file(r"x^2", "align*", template)
    assert svg.exists()


def test_the_format_is_made_once_per_folder(fmt: Path) -> None:
    before = fmt.stat().st_mtime_ns
    with tempconfig({}):
        again = ensure_format(fmt.parent, default_preamble())
    assert again == fmt and fmt.stat().st_mtime_ns == before
    assert ensure_format(fmt.parent, default_preamble() + "% another template\n") != fmt
    assert not list(fmt.parent.glob(".fmt-*"))
