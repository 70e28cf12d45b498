"""Compile the formulas a scene needs in one LaTeX run, before the scene is drawn.

Manim compiles each formula when the scene first builds it: one ``latex`` and
one ``dvisvgm`` process per formula, about 0.16 s of CPU each, most of it
start-up (``dvisvgm`` starts Ghostscript every time). A lecture has about 120
formulas. Compiled together, one ``latex`` run makes one page per formula and
one ``dvisvgm`` run turns every page into its SVG: about 0.4 s for all of them.

The formulas are only known by playing the scene, so the worker plays it
first without drawing anything (animations skipped, no video), with a
stand-in SVG for every formula that is not compiled yet: a row of boxes, one
per symbol, grouped like manim's ``\\special{dvisvgm:raw ...}`` groups so that
the scene can index its formulas' parts. The ``.tex`` files manim wrote for
them are then compiled together, and the SVGs land where manim looks for them.
The real render finds them compiled; a formula the first pass did not reach
(one that depends on the real glyphs' sizes, say) is compiled by manim as
usual. So the stand-ins decide only how much is compiled in advance, never
what is drawn: every SVG comes from LaTeX.

A page of the batch is the same as the formula's own file: the batch repeats
what ``standalone`` does at ``\\begin{document}`` and ``\\end{document}``
between formulas, and the glyphs' points are identical to those of a separate
run (``tests/pipeline/test_texbatch.py``; the fonts' internal numbering in the
SVG differs, as it does with the preloaded format).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import tools

_BEGIN = "\\begin{document}"
_END = "\\end{document}"
# What standalone runs before \end{document} and after \begin{document}: between two pages.
_NEXT_PAGE = "\\ifhmode\\unskip\\fi\\endstandalone\\standalone\\ignorespaces"
_RAW_GROUP = re.compile(r"\\special\{dvisvgm:raw (<g id='[^']*'>|</g>)\}")
_TOKEN = re.compile(r"\\(?:begin|end)\{[^}]*\}|\\[A-Za-z]+|\\.|[^\s{}^_&$~\\]")
_NO_INK = frozenset(
    [
        "left",
        "right",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "text",
        "mathrm",
        "mathbf",
        "mathit",
        "mathcal",
        "mathsf",
        "mathtt",
        "textbf",
        "textit",
        "textrm",
        "operatorname",
        "displaystyle",
        "textstyle",
        "scriptstyle",
        "scriptscriptstyle",
        "quad",
        "qquad",
        "limits",
        "nolimits",
        "color",
        "hspace",
        "vspace",
        "phantom",
        "hphantom",
        "vphantom",
        "mathstrut",
        "strut",
        "kern",
        "mkern",
    ]
)
_NO_INK_ESCAPES = frozenset(",;:! \\")
_PAGE_GROUP = re.compile(r"<g id='page\d+'>")


@dataclass(frozen=True)
class Precompiled:
    """What the first pass found: formulas it met uncompiled, and how many the batch compiled."""

    missing: int
    compiled: int
    complete: bool


def symbol_count(tex: str) -> int:
    """A rough count of the glyphs ``tex`` draws: one per character or command that inks."""
    count = 0
    for token in _TOKEN.findall(tex):
        if token.startswith(("\\begin{", "\\end{")):
            continue
        if token.startswith("\\") and len(token) == 2 and not token[1].isalpha():
            count += token[1] not in _NO_INK_ESCAPES
        elif token.startswith("\\"):
            count += token[1:] not in _NO_INK
        else:
            count += 1
    return count


def stand_in_svg(tex_file_text: str) -> str:
    """An SVG with one 4 x 7 pt box per symbol, in manim's raw groups, for a formula's ``.tex`` file."""
    start = tex_file_text.find(_BEGIN)
    end = tex_file_text.rfind(_END)
    body = tex_file_text[start + len(_BEGIN) : end] if 0 <= start < end else tex_file_text
    parts: list[str] = []
    x = 0.0
    for index, piece in enumerate(_RAW_GROUP.split(body)):
        if index % 2:  # a captured group tag: <g id='...'> or </g>
            parts.append(piece)
            continue
        for _ in range(symbol_count(piece)):
            parts.append(f"<path d='M{x:g} 0h4v-7h-4z'/>")
            x += 5.0
    width = max(x, 5.0)
    return (
        "<svg xmlns='http://www.w3.org/2000/svg' version='1.1' "
        f"width='{width:g}pt' height='10pt' viewBox='0 -8 {width:g} 10'>{''.join(parts)}</svg>"
    )


def clear_formula_caches() -> None:
    """Empty manim's module-level caches of parsed SVGs and of numbers' digits.

    A worker renders several scenes; a digit cached by one scene at its font
    size is scaled for the next, and the rounding differs with the order the
    scenes came in. Emptied before each scene, every render starts as in a
    fresh process.
    """
    from manim.mobject.svg import svg_mobject
    from manim.mobject.text import numbers

    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    numbers.string_to_mob_map.clear()


def _forget_stand_ins(folder: Path) -> None:
    """Drop what the first pass cached that may hold a stand-in; keep formulas parsed from LaTeX's SVGs.

    A parsed SVG is cached as it was read, so the render gets the same points
    from the cache as from the file. Numbers' digits are cached already scaled
    to the first number's size: dropped, as in a fresh process.
    """
    from manim.mobject.svg import svg_mobject
    from manim.mobject.text import numbers

    parsed = svg_mobject.SVG_HASH_TO_MOB_MAP
    for key in [k for k, mob in parsed.items() if mob.file_name is not None and mob.file_name.parent == folder]:
        del parsed[key]
    numbers.string_to_mob_map.clear()


@contextmanager
def _stand_ins(folder: Path, missing: list[Path]) -> Iterator[None]:
    """Inside: manim's formulas without an SVG get a stand-in, and their ``.tex`` file is noted."""
    from manim.utils import tex_file_writing as tfw

    compile_tex, convert_to_svg = tfw.compile_tex, tfw.convert_to_svg
    noted: dict[str, Path] = {}

    def note(tex_file: Path, tex_compiler: str | list[str], output_format: str) -> Path:
        if tex_compiler != "latex" or output_format != ".dvi":
            return compile_tex(tex_file, tex_compiler, output_format)
        missing.append(Path(tex_file))
        noted[Path(tex_file).stem] = Path(tex_file)
        return folder / f"{Path(tex_file).stem}.stand-in"

    def draw(dvi_file: Path, extension: str, page: int = 1) -> Path:
        if Path(dvi_file).parent != folder:
            return convert_to_svg(dvi_file, extension, page)
        stem = Path(dvi_file).stem
        svg = folder / f"{stem}.svg"
        svg.write_text(stand_in_svg(noted[stem].read_text(encoding="utf-8")), encoding="utf-8")
        return svg

    clear_formula_caches()
    tfw.compile_tex, tfw.convert_to_svg = note, draw  # type: ignore[assignment]
    try:
        yield
    finally:
        tfw.compile_tex, tfw.convert_to_svg = compile_tex, convert_to_svg  # type: ignore[assignment]
        _forget_stand_ins(folder)


def compile_batch(tex_files: list[Path], preamble: str, fmt: Path | None) -> int:
    """Compile manim's ``.tex`` files into ``<name>.svg`` beside each, with one latex and one dvisvgm run.

    Only files made of ``preamble``, ``\\begin{document}``, a body and
    ``\\end{document}`` are batched (manim's default template). Returns the
    number of SVGs written; 0 if LaTeX or dvisvgm failed, in which case manim
    compiles each formula itself and reports its error as usual.
    """
    head = f"{preamble}{_BEGIN}"
    bodies: dict[Path, str] = {}
    for tex_file in tex_files:
        text = tex_file.read_text(encoding="utf-8").rstrip()
        if text.startswith(head) and text.endswith(_END) and not tex_file.with_suffix(".svg").exists():
            bodies.setdefault(tex_file, text[len(head) : -len(_END)])
    if not bodies:
        return 0
    work = Path(tempfile.mkdtemp(prefix=".batch-", dir=next(iter(bodies)).parent))
    try:
        (work / "batch.tex").write_text(f"{head}{_NEXT_PAGE.join(bodies.values())}{_END}\n", encoding="utf-8")
        fmt_option = [f"-fmt={fmt.with_suffix('')}"] if fmt is not None else []
        latex = ["latex", *fmt_option, "-interaction=batchmode", "-halt-on-error", "batch.tex"]
        if tools.run(latex, cwd=work, check=False).returncode:
            return 0
        dvisvgm = ["dvisvgm", "--page=1-", "--no-fonts", "--verbosity=0", "--output=page-%p.svg", "batch.dvi"]
        if tools.run(dvisvgm, cwd=work, check=False).returncode:
            return 0
        pages = sorted(work.glob("page-*.svg"), key=lambda p: int(p.stem.removeprefix("page-")))
        if len(pages) != len(bodies):
            return 0
        for tex_file, page in zip(bodies, pages, strict=True):
            svg = _PAGE_GROUP.sub("<g id='page1'>", page.read_text(encoding="utf-8"), count=1)
            page.write_text(svg, encoding="utf-8")
            os.replace(page, tex_file.with_suffix(".svg"))
        return len(bodies)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def precompile(play: Callable[[], object], preamble: str, fmt: Path | None, scratch: Path) -> Precompiled:
    """Play a scene with stand-in formulas (``play``), then compile the formulas it met in one batch.

    ``play`` runs under the caller's manim config (animations skipped, no
    video); an error in it only ends the first pass early. ``scratch`` holds
    the stand-ins and is removed.
    """
    missing: list[Path] = []
    scratch.mkdir(parents=True, exist_ok=True)
    complete = True
    try:
        with _stand_ins(scratch, missing):
            play()
    except Exception:
        complete = False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    unique = list(dict.fromkeys(missing))
    return Precompiled(len(unique), compile_batch(unique, preamble, fmt), complete)
