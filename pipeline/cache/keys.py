"""Cache keys: a hash of everything that determines a scene's picture, its clip, and the lecture.

A scene's base key covers all the project code a render of it runs (the
scene's module and every project module it or the render process imports,
found by reading the import statements: no hand-kept list), the part of the
lecture's data it reads (its :attr:`scenes.SceneSpec.reads`), the quality, and
the versions of what draws and encodes (manim, PyAV, ffmpeg, TeX Live,
dvisvgm, the font). Two builds with equal keys produce the same clip.

The cache has three levels under its folder:

``texts/<base>.json``
    The beats (ids and captions) a scene played for its base key.
``pictures/<picture>/``
    The silent picture; ``picture`` = the base key and the minimum length of
    every beat (its narration's length): a voice with the same timings reuses it.
``clips/<clip>/``
    The clip with its narration; ``clip`` = the picture and the beats' audio.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from mathcore import LectureData
from scenes import SceneSpec

from .. import tools

ROOT = Path(__file__).resolve().parents[2]
CACHE_SCHEMA = "clip-v2"


def canonical(value: Any) -> Any:
    """A JSON-ready, deterministic form of lecture data (exact fractions kept exact)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, np.ndarray):
        return hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest()
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def digest(payload: Any) -> str:
    """SHA-256 of a JSON-ready value."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


PACKAGES = tuple(sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests"))
"""The project's packages (folders with an ``__init__.py``): the code a render can run."""

RENDER_ENTRY = "pipeline.render.worker"
"""The module a render process starts from; with the scene's module, the root of the code a key hashes."""


def _module_file(module: str) -> Path | None:
    """The file of a project module, or None for a module that is not the project's."""
    if module.split(".", maxsplit=1)[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@cache
def _imports(module: str) -> tuple[str, ...]:
    """Every module named by an import anywhere in ``module`` (at the top or inside a function)."""
    path = _module_file(module)
    if path is None:
        return ()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{anchor}.{node.module}" if node.module else anchor
            else:
                target = node.module or ""
            found += [target] + [f"{target}.{alias.name}" for alias in node.names]
    return tuple(found)


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@cache
def code_modules(*roots: str) -> tuple[str, ...]:
    """The project modules that ``roots`` import, transitively, with the packages that hold them.

    Read from the source, not imported: every import statement counts, also
    one inside a function (a render imports much of its code lazily).
    """
    found: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop()
        if module in found or _module_file(module) is None:
            continue
        found.add(module)
        todo += _parents(module) + list(_imports(module))
    return tuple(sorted(found))


@cache
def _file_digest(path: Path) -> str:
    return _file_hash(path)


def code_hash(scene_module: str) -> dict[str, str]:
    """Digest of every project file a render of the scene runs, by module name."""
    modules = code_modules(RENDER_ENTRY, scene_module)
    return {m: _file_digest(_module_file(m)) for m in modules}  # type: ignore[arg-type]


FONT = "DejaVu Sans"


@cache
def tool_versions() -> dict[str, str]:
    """Versions of what draws and encodes: manim, PyAV, ffmpeg, TeX Live, dvisvgm, the text font."""
    commands = {
        "ffmpeg": ["ffmpeg", "-version"],
        "latex": ["latex", "--version"],
        "dvisvgm": ["dvisvgm", "--version"],
        "font": ["fc-match", "-f", "%{file}:%{fontversion}\n", FONT],
    }
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        lines = dict(zip(commands, pool.map(lambda c: tools.first_line(*c), commands.values()), strict=True))
    return {"manim": version("manim"), "av": version("av"), **lines}


def scene_inputs(scene: SceneSpec, data: LectureData) -> dict[str, Any]:
    """The part of the lecture's data a scene reads, in canonical form."""
    return {field: canonical(getattr(data, field)) for field in scene.reads}


def scene_key(scene: SceneSpec, data: LectureData, quality: str, extra: Any = None) -> str:
    """The cache key of one scene's clip."""
    return digest(
        {
            "schema": CACHE_SCHEMA,
            "scene": scene.name,
            "code": code_hash(scene.module),
            "data": scene_inputs(scene, data),
            "quality": quality,
            "tools": tool_versions(),
            "extra": extra,
        }
    )


def picture_key(base: str, minimums: list[float]) -> str:
    """The picture's key: its base key and the minimum length of each beat (rounded to microseconds).

    A voice whose beats last as long as another's reuses that voice's picture.
    """
    return digest({"base": base, "minimums": [f"{m:.6f}" for m in minimums]})


def clip_key(picture: str, voice: dict[str, str], audio: list[str]) -> str:
    """The clip's key: its picture, the voice, and a digest of each beat's audio."""
    return digest({"picture": picture, "voice": voice, "audio": audio})


def lecture_key(clips: list[str], narrated: bool) -> str:
    """The joined lecture's key: the clips it holds, in order."""
    return digest({"clips": clips, "narrated": narrated})


def project_fingerprint() -> dict[str, str]:
    """What a render depends on besides its inputs, as two digests: ``code``, every project module
    a render of any scene runs, and ``tools``, the versions of what draws and encodes.

    Two machines with equal fingerprints render equal pictures from equal jobs.
    """
    from scenes import SCENES

    modules = code_modules(RENDER_ENTRY, *(s.module for s in SCENES))
    code = {m: _file_digest(_module_file(m)) for m in modules}  # type: ignore[arg-type]
    return {"code": digest(code), "tools": digest(tool_versions())}
