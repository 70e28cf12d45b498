"""Compile manim's formulas with the LaTeX preamble preloaded (a format file).

Every ``MathTex`` is a separate LaTeX run on a small file: manim's preamble
(``standalone``, ``babel``, ``amsmath``, ``amssymb``) and one formula. Loading
that preamble is about a third of each run's time, and a lecture compiles
about 120 formulas. So the preamble is loaded once and dumped into a format
file (``latex -ini``), and each formula's run starts from that format.

The format also redefines ``\\documentclass`` to skip everything up to the
next ``\\begin``, so the ``.tex`` files manim writes stay exactly as they are
(same names, same contents): the preamble already in the format is skipped,
and ``\\begin{document}`` starts the page as before. The SVGs are byte for
byte those of a plain ``latex`` run (``tests/pipeline/test_texformat.py``).
Only files made of exactly that preamble, then ``\begin{document}``, use it;
any other template compiles as usual.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .. import tools
from ..cache import scratch
from . import texstore

_BEGIN = "\\begin{document}"
_SKIP_PREAMBLE = "\\long\\def\\documentclass#1\\begin{\\begin}"
_INSTALLED: dict[str, object] = {}


def default_preamble() -> str:
    """What manim's default TeX template writes before ``\\begin{document}``."""
    from manim import config

    code = config["tex_template"].get_texcode_for_expression_in_env("x", "align*")
    return code[: code.index(_BEGIN)]


@functools.cache
def _latex_version() -> str:
    return tools.first_line("latex", "--version")


def format_source(preamble: str) -> str:
    """The ``.ini`` source of the format: the preamble, the preamble skipper, ``\\dump``."""
    return f"{preamble}{_SKIP_PREAMBLE}\n\\dump\n"


def ensure_format(folder: Path, preamble: str) -> Path | None:
    """The format for ``preamble`` in ``folder``, made if missing; ``None`` if LaTeX cannot make it.

    The file's name is a digest of the LaTeX version and the preamble, so an
    upgraded TeX or another template gets its own format. It is made in this
    process's scratch folder of the cache (``folder``'s parent) and stored
    with its record (:mod:`pipeline.texstore`): a damaged format is made again.
    """
    key = hashlib.sha256(f"{_latex_version()}\n{preamble}".encode()).hexdigest()[:16]
    path = folder / f"preamble-{key}.fmt"
    if texstore.intact(path):
        return path
    folder.mkdir(parents=True, exist_ok=True)
    with scratch.work_folder(folder.parent, "fmt-") as work:
        (work / "preamble.ini").write_text(format_source(preamble), encoding="utf-8")
        command = ["latex", "-ini", "-interaction=batchmode", "-halt-on-error", "-jobname=preamble", "&latex"]
        proc = tools.run([*command, "preamble.ini"], cwd=work, check=False)
        made = work / "preamble.fmt"
        if proc.returncode != 0 or not made.exists():
            return None
        texstore.put(folder.parent, made, path)
        return path


def install_preloaded_preamble(fmt: Path, preamble: str) -> None:
    """Make manim's ``latex`` runs start from ``fmt`` for files that begin with ``preamble``."""
    from manim.utils import tex_file_writing as tfw

    _INSTALLED["fmt"] = fmt
    _INSTALLED["preamble"] = preamble
    if "original" in _INSTALLED:
        return
    original = tfw.make_tex_compilation_command
    _INSTALLED["original"] = original

    def with_format(tex_compiler: str, output_format: str, tex_file: Path, tex_dir: Path) -> list[str]:
        command = original(tex_compiler, output_format, tex_file, tex_dir)
        fmt_path = _INSTALLED["fmt"]
        if tex_compiler != "latex" or output_format != ".dvi" or not isinstance(fmt_path, Path):
            return command
        try:
            text = Path(tex_file).read_text(encoding="utf-8")
        except OSError:
            return command
        if not text.startswith(f"{_INSTALLED['preamble']}{_BEGIN}"):
            return command
        return [command[0], f"-fmt={fmt_path.with_suffix('')}", *command[1:]]

    tfw.make_tex_compilation_command = with_format  # type: ignore[assignment]


def uninstall_preloaded_preamble() -> None:
    """Undo :func:`install_preloaded_preamble` (for tests)."""
    from manim.utils import tex_file_writing as tfw

    original = _INSTALLED.pop("original", None)
    if original is not None:
        tfw.make_tex_compilation_command = original  # type: ignore[assignment]
    _INSTALLED.clear()
