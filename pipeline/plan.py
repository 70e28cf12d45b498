"""What a build must do for each scene: which clips are cached, which pictures must be rendered.

Three levels of cache, under the cache folder:

``texts/<base>.json``
    The beats (ids and captions) a scene played for its ``base`` key (code,
    data it reads, quality, tools). Known after one render or script pass.
``pictures/<picture>/``
    The silent picture (``video.mp4``), ``poster.png`` and ``beats.json``;
    ``picture`` = hash of ``base`` and the minimum length of every beat (its
    narration's length): a voice with the same timings reuses the picture.
``clips/<clip>/``
    The clip with its narration (``clip.mp4``), its normalised track
    (``track.wav``) and its caption cues (``cues.json``); ``clip`` = hash of
    the picture and the beats' audio.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenes import SceneSpec

from . import store
from .contracts import BeatText


def digest(payload: Any) -> str:
    """SHA-256 of a JSON-ready value."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class ScenePlan:
    """One scene of a build and the cache entries it uses."""

    index: int
    spec: SceneSpec
    base: str
    cache_dir: Path
    texts: list[BeatText] | None = None
    picture: str | None = None
    clip: str | None = None
    picture_status: str = "queued"
    status: str = "queued"
    took: float = 0.0
    beats: dict[str, Any] | None = None
    cues: list[list[Any]] = field(default_factory=list)
    note: str = ""
    """Why the scene was rendered again although it was cached (a damaged entry)."""
    picture_record: store.Verdict | None = None
    clip_record: store.Verdict | None = None

    @property
    def stem(self) -> str:
        return f"{self.index:02d}-{self.spec.name}"

    @property
    def picture_dir(self) -> Path:
        assert self.picture is not None
        return self.cache_dir / "pictures" / self.picture

    @property
    def clip_dir(self) -> Path:
        assert self.clip is not None
        return self.cache_dir / "clips" / self.clip

    @property
    def duration(self) -> float:
        assert self.beats is not None
        return float(self.beats["duration"])


def texts_path(cache_dir: Path, base: str) -> Path:
    return cache_dir / "texts" / f"{base}.json"


def _texts_digest(beats: list[dict[str, str]]) -> str:
    return digest(beats)


def load_texts(cache_dir: Path, base: str) -> list[BeatText] | None:
    """The beats recorded for a base key, or None (also when the record is damaged)."""
    try:
        record = json.loads(texts_path(cache_dir, base).read_text(encoding="utf-8"))
        beats = record["beats"]
        if _texts_digest(beats) != record["sha256"]:
            return None
        return [BeatText.from_json(b) for b in beats]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_texts(cache_dir: Path, base: str, beats: Sequence[BeatText]) -> None:
    """Record the beats a scene played for a base key (with their digest, checked on load)."""
    listed = [{"id": b.id, "text": b.text} for b in beats]
    record = {"sha256": _texts_digest(listed), "beats": listed}
    store.write_file(cache_dir, texts_path(cache_dir, base), json.dumps(record, indent=1, ensure_ascii=False).encode())


def picture_key(base: str, minimums: list[float]) -> str:
    """The picture's key: its base key and the minimum length of each beat (rounded to microseconds)."""
    return digest({"base": base, "minimums": [f"{m:.6f}" for m in minimums]})


def clip_key(picture: str, voice: dict[str, str], audio: list[str]) -> str:
    """The clip's key: its picture, the voice, and a digest of each beat's audio."""
    return digest({"picture": picture, "voice": voice, "audio": audio})
