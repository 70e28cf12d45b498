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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenes import SceneSpec

from .media import write_text_atomic


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
    texts: list[dict[str, str]] | None = None
    picture: str | None = None
    clip: str | None = None
    picture_status: str = "queued"
    status: str = "queued"
    took: float = 0.0
    beats: dict[str, Any] | None = None
    cues: list[list[Any]] = field(default_factory=list)

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


def load_texts(cache_dir: Path, base: str) -> list[dict[str, str]] | None:
    """The beats recorded for a base key, or None."""
    try:
        return json.loads(texts_path(cache_dir, base).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_texts(cache_dir: Path, base: str, beats: list[dict[str, Any]]) -> None:
    texts = [{"id": b["id"], "scene": b.get("scene", b["id"].split("-")[0]), "text": b["text"]} for b in beats]
    path = texts_path(cache_dir, base)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(texts, indent=1, ensure_ascii=False))


def picture_key(base: str, minimums: list[float]) -> str:
    """The picture's key: its base key and the minimum length of each beat (rounded to microseconds)."""
    return digest({"base": base, "minimums": [f"{m:.6f}" for m in minimums]})


def clip_key(picture: str, voice: dict[str, str], audio: list[str]) -> str:
    """The clip's key: its picture, the voice, and a digest of each beat's audio."""
    return digest({"picture": picture, "voice": voice, "audio": audio})
