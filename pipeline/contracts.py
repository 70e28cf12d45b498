"""The typed objects that cross from one stage to the next, each with its JSON form.

::

    RenderJob ──> worker ──> WorkerMessage (beat | done | error)
    Picture (beats.json of a picture entry: fps, duration, timed Beats)
    Cue (a caption on screen: start, end, text) ──> captions, page, cues.json
    BuildOptions ──> build ──> SceneResult per scene (Status) ──> Manifest

No dict crosses a stage: what is written as JSON is read back into these.
"""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

MESSAGE_PREFIX = "@@lecture "
"""Marks the worker's protocol lines on stdout (manim may print there too)."""


@dataclass(frozen=True)
class BeatText:
    """A beat's stable id and its caption."""

    id: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> BeatText:
        return cls(str(value["id"]), str(value["text"]))


@dataclass(frozen=True)
class Beat:
    """A beat as rendered: id, caption, frame-exact start and end, the minimum length its timing gave,
    and ``description``: what its last picture shows, in words (a text alternative for the picture)."""

    id: str
    text: str
    start: float
    end: float
    min: float = 0.0
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Beat:
        return cls(str(value["id"]), str(value["text"]), float(value["start"]), float(value["end"]),
                   float(value.get("min", 0.0)), str(value.get("description", "")))  # fmt: skip


@dataclass(frozen=True)
class Picture:
    """What a rendered picture holds (``beats.json`` of a picture entry)."""

    scene: str
    fps: int
    duration: float
    beats: tuple[Beat, ...]

    def to_json(self) -> str:
        record = {"scene": self.scene, "fps": self.fps, "duration": self.duration,
                  "beats": [b.to_json() for b in self.beats]}  # fmt: skip
        return json.dumps(record, indent=1)

    @classmethod
    def read(cls, path: Path) -> Picture:
        value = json.loads(path.read_text(encoding="utf-8"))
        return cls(str(value["scene"]), int(value["fps"]), float(value["duration"]),
                   tuple(Beat.from_json(b) for b in value["beats"]))  # fmt: skip


@dataclass(frozen=True)
class Cue:
    """A caption on screen from ``start`` to ``end`` seconds; ``text`` may hold one line break."""

    start: float
    end: float
    text: str

    def shifted(self, offset: float) -> Cue:
        return Cue(self.start + offset, self.end + offset, self.text)

    def to_json(self) -> list[Any]:
        return [self.start, self.end, self.text]

    @classmethod
    def from_json(cls, value: list[Any]) -> Cue:
        return cls(float(value[0]), float(value[1]), str(value[2]))


@dataclass(frozen=True)
class ScriptLine:
    """One beat of the narration script: what a teacher records as ``<id>.wav``."""

    id: str
    scene: str
    text: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class RenderJob:
    """One scene to render (or, with ``script_only``, to play for its beats).

    ``params`` is the lecture's configuration mapping (:meth:`LectureParams.to_mapping`);
    ``base`` the scene's base cache key; ``replace`` renders over an existing entry
    (``--force``, or a damaged one).
    """

    scene: str
    params: dict[str, Any]
    cache_dir: str
    base: str
    quality: str = "preview"
    voice: str = "none"
    replace: bool = False
    script_only: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)  # not sorted: the order of classes is data

    @classmethod
    def from_json(cls, text: str) -> RenderJob:
        return cls(**json.loads(text))


@dataclass(frozen=True)
class WorkerMessage:
    """A line from a worker: a finished beat, the job's result, or its failure.

    ``kind`` is ``beat`` (``index``, ``seconds``), ``done`` (``picture``: the
    cache entry made, ``beats``: the beats played) or ``error`` (``message``,
    ``environment`` when the machine stopped it rather than the scene).
    """

    kind: str
    index: int = 0
    seconds: float = 0.0
    picture: str = ""
    beats: tuple[BeatText, ...] = field(default_factory=tuple)
    message: str = ""
    environment: bool = False

    def line(self) -> str:
        return MESSAGE_PREFIX + json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def parse(cls, line: str) -> WorkerMessage | None:
        """The message on a worker's stdout line, or None for any other output."""
        if not line.startswith(MESSAGE_PREFIX):
            return None
        value = json.loads(line[len(MESSAGE_PREFIX) :])
        value["beats"] = tuple(BeatText.from_json(b) for b in value.get("beats", ()))
        return cls(**value)


class Status(enum.Enum):
    """Where a scene's picture or clip came from in a build."""

    QUEUED = "queued"
    CACHED = "cached"
    RENDERED = "rendered"


@dataclass(frozen=True)
class StoredFile:
    """A file of a cache entry and its recorded SHA-256 (checked when the entry was reused or made)."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class SceneResult:
    """What a build made of one scene, for publishing: its clip, poster, cues, beats and statuses."""

    index: int
    name: str
    title: str
    clip: str
    video: StoredFile
    track: Path | None
    poster: StoredFile
    cues: tuple[Cue, ...]
    picture: Picture
    status: Status
    picture_status: Status

    @property
    def stem(self) -> str:
        """``NN-Name``: the scene's files in the site."""
        return f"{self.index:02d}-{self.name}"

    @property
    def duration(self) -> float:
        return self.picture.duration


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what ``render.py build`` takes besides the lecture and the folder."""

    quality: str = "preview"
    scenes: tuple[str, ...] | None = None
    jobs: int | None = None
    force: bool = False
    quiet: bool = False
    voice: str = "slt"
    cache_dir: Path | None = None
    cache_max: int | None = None
    cluster: str | None = None
    """The address of a Dask scheduler to render on (``tcp://host:8786``); None renders here."""
    package: str | None = None
    """An LMS package to write beside the site (``"scorm"``: ``lecture-scorm12.zip``); None writes none."""


@dataclass(frozen=True)
class SceneEntry:
    """One scene in the manifest: its files, place in the lecture, cache hash, status and beats."""

    name: str
    title: str
    video: str
    captions: str
    poster: str
    start: float
    duration: float
    hash: str
    status: Status
    picture: Status
    beats: tuple[Beat, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "video": self.video,
            "captions": self.captions,
            "poster": self.poster,
            "start_s": round(self.start, 6),
            "duration_s": round(self.duration, 6),
            "hash": self.hash,
            "status": self.status.value,
            "picture": self.picture.value,
            "beats": [{"id": b.id, "start_s": round(b.start, 6), "end_s": round(b.end, 6)} for b in self.beats],
        }


LECTURE_FILES = {
    "video": "lecture.mp4",
    "captions": "lecture.vtt",
    "captions_srt": "lecture.srt",
    "chapters": "chapters.vtt",
    "poster": "lecture.png",
    "page": "index.html",
    "embed": "embed.html",
    "descriptions": "lecture.descriptions.vtt",
    "transcript": "lecture.txt",
}
"""The lecture's own files in the site, by role (as the manifest lists them)."""


@dataclass(frozen=True)
class Manifest:
    """``manifest.json``: what the build made (the list of files is added when it is published)."""

    title: str
    quality: str
    voice: str
    params: dict[str, Any]
    duration: float
    scenes: tuple[SceneEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "quality": self.quality,
            "voice": self.voice,
            "params": self.params,
            "lecture": {**LECTURE_FILES, "duration_s": round(self.duration, 6)},
            "scenes": [s.to_json() for s in self.scenes],
        }
