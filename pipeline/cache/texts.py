"""Each scene's sentences for its base key (``texts/<base>.json``), with a digest checked on load.

Known after one render or script pass, they let a build compute a picture's
key (which needs every beat's spoken length) before rendering anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..contracts import BeatText
from .keys import digest
from .scratch import write_file


def texts_path(cache_dir: Path, base: str) -> Path:
    return cache_dir / "texts" / f"{base}.json"


def load_texts(cache_dir: Path, base: str) -> list[BeatText] | None:
    """The beats recorded for a base key, or None (also when the record is damaged)."""
    try:
        record = json.loads(texts_path(cache_dir, base).read_text(encoding="utf-8"))
        beats = record["beats"]
        if digest(beats) != record["sha256"]:
            return None
        return [BeatText.from_json(b) for b in beats]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_texts(cache_dir: Path, base: str, beats: Sequence[BeatText]) -> None:
    """Record the beats a scene played for a base key (with their digest, checked on load)."""
    listed = [b.to_json() for b in beats]
    record = {"sha256": digest(listed), "beats": listed}
    write_file(cache_dir, texts_path(cache_dir, base), json.dumps(record, indent=1, ensure_ascii=False).encode())
