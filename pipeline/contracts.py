"""Typed objects that cross a process boundary, each with its JSON form.

The build sends a :class:`RenderJob` to a worker process as one line of JSON;
the worker answers with :class:`WorkerMessage` lines. No dicts cross.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

MESSAGE_PREFIX = "@@lecture "
"""Marks the worker's protocol lines on stdout (manim may print there too)."""


@dataclass(frozen=True)
class BeatText:
    """A beat's stable id and its caption."""

    id: str
    text: str

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> BeatText:
        return cls(str(value["id"]), str(value["text"]))


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
        payload = asdict(self)
        return MESSAGE_PREFIX + json.dumps(payload, ensure_ascii=False)

    @classmethod
    def parse(cls, line: str) -> WorkerMessage | None:
        """The message on a worker's stdout line, or None for any other output."""
        if not line.startswith(MESSAGE_PREFIX):
            return None
        value = json.loads(line[len(MESSAGE_PREFIX) :])
        value["beats"] = tuple(BeatText.from_json(b) for b in value.get("beats", ()))
        return cls(**value)
