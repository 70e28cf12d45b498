"""Cache keys: a hash of everything that determines a scene's clip.

A scene's key covers its own module (and any other scene module it imports),
the shared code it runs on (the other
non-scene modules of ``scenes/``, all of ``mathcore/``, the worker and
encoder), the part of the lecture's data it reads (its
:attr:`scenes.SceneSpec.reads`), the quality, and the versions of manim and
ffmpeg. Two builds with equal keys produce the same clip.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import subprocess
from fractions import Fraction
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from mathcore import LectureData
from scenes import SCENES, SceneSpec

ROOT = Path(__file__).resolve().parent.parent
CACHE_SCHEMA = "clip-v1"


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


def _digest(payload: Any) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def shared_code_hash() -> str:
    """Hash of the code every scene runs on: shared scene modules, mathcore, worker, encoder."""
    scene_files = {ROOT / (s.module.replace(".", "/") + ".py") for s in SCENES}
    files = sorted(
        [p for p in (ROOT / "scenes").glob("*.py") if p not in scene_files]
        + list((ROOT / "mathcore").glob("*.py"))
        + [ROOT / "pipeline" / "worker.py", ROOT / "pipeline" / "encoder.py"]
    )
    return _digest({str(p.relative_to(ROOT)): _file_hash(p) for p in files})


@cache
def tool_versions() -> dict[str, str]:
    """manim's version and ffmpeg's first version line."""
    try:
        first = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True, check=False).stdout
        ffmpeg = first.splitlines()[0] if first else "none"
    except OSError:
        ffmpeg = "none"
    return {"manim": version("manim"), "ffmpeg": ffmpeg, "av": version("av")}


def scene_inputs(scene: SceneSpec, data: LectureData) -> dict[str, Any]:
    """The part of the lecture's data a scene reads, in canonical form."""
    return {field: canonical(getattr(data, field)) for field in scene.reads}


def _module_file(module: str) -> Path:
    return ROOT / (module.replace(".", "/") + ".py")


def scene_modules(module: str) -> list[str]:
    """The scene module and every other scene module it imports, transitively (read, not imported)."""
    scene_set = {s.module for s in SCENES}
    found: list[str] = []
    todo = [module]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        tree = ast.parse(_module_file(current).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                name = node.module or ""
                target = f"scenes.{name}" if node.level == 1 else name
                candidates = [target] + [f"{target}.{a.name}" for a in node.names]
                todo += [c for c in candidates if c in scene_set and c not in found]
    return sorted(found)


def scene_key(scene: SceneSpec, data: LectureData, quality: str, extra: Any = None) -> str:
    """The cache key of one scene's clip."""
    code = {m: _file_hash(_module_file(m)) for m in scene_modules(scene.module)}
    return _digest(
        {
            "schema": CACHE_SCHEMA,
            "scene": scene.name,
            "code": code,
            "shared": shared_code_hash(),
            "data": scene_inputs(scene, data),
            "quality": quality,
            "tools": tool_versions(),
            "extra": extra,
        }
    )
