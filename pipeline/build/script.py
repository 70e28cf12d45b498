"""The narration script: every beat's id, scene and text, for a teacher to record."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from mathcore import LectureParams, compute
from scenes import SCENES

from ..cache import scratch
from ..cache.keys import scene_key
from ..cache.texts import load_texts
from ..contracts import ScriptLine
from .plan import ScenePlan, ensure_texts
from .run import default_cache_dir


def lecture_script(params: LectureParams, cache_dir: Path | None = None) -> list[ScriptLine]:
    """All beats of the lecture in order (from the cache, else by playing each scene without video)."""
    cache_dir = cache_dir or default_cache_dir()
    scratch.sweep(cache_dir)
    data = compute(params)
    plans = [ScenePlan(i, s, scene_key(s, data, "preview"), cache_dir) for i, s in enumerate(SCENES, start=1)]
    for p in plans:
        p.texts = load_texts(cache_dir, p.base)
    ensure_texts(plans, params)
    return [ScriptLine(b.id, p.spec.name, b.text) for p in plans for b in p.texts or []]


def format_script(beats: list[ScriptLine], fmt: str) -> str:
    """The script as ``txt`` (a block per beat), ``csv`` or ``json``."""
    if fmt == "json":
        return json.dumps([b.to_json() for b in beats], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "scene", "text"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(b.to_json() for b in beats)
        return out.getvalue()
    return "".join(f"{b.id}  [{b.scene}]\n{b.text}\n\n" for b in beats)
