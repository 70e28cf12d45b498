"""The course-site files: ``index.html`` (a page that plays the lecture) and ``embed.html``.

Both use relative URLs and load nothing from the network. Every text that
comes from the configuration is escaped. ``index.html`` carries its captions,
chapters and descriptions inline as well, because browsers refuse ``<track>``
files on ``file://`` pages: where a track file cannot load, the page disables
that track and adds the same cues with the TextTrack API, so it works opened
from disk and from any static server alike. The ``<track>`` elements stay in the
page (an accessibility checker looks for them).

Below the video the page has the chapters and the transcript: per chapter its
cues, each a button that seeks the video there (the cue being spoken is marked
``aria-current``), and under each beat what its picture shows.

The markup is in Jinja2 templates in ``templates/`` with autoescaping on; the
page's CSS and JS (``page.css``, ``page.js`` there) are put into it inline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..contracts import Cue
from .captions import Chapter, clock, description_cues, one_line


@dataclass(frozen=True)
class ClipPage:
    """What the page shows for one scene."""

    name: str
    title: str
    video: str
    captions: str
    poster: str
    start: float
    duration: float
    cues: tuple[Cue, ...]


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>`` (no ``</script>``, no HTML comment openers)."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _cue_list(cues: tuple[Cue, ...] | list[Cue]) -> list[list[Any]]:
    return [[round(c.start, 3), round(c.end, 3), c.text] for c in cues]


_TEMPLATES = Path(__file__).with_name("templates")
_CLOSING_TAG = re.compile(r"</(?:script|style)|<!--", re.IGNORECASE)


def _inline(name: str) -> Markup:
    """The file ``name`` of ``templates/`` (our CSS or JS), to put into the page as it is."""
    source = (_TEMPLATES / name).read_text(encoding="utf-8")
    if _CLOSING_TAG.search(source):
        raise ValueError(f"{name} holds </script, </style or <!--, which cannot stand inline in the page")
    return Markup(source)


_ENV = Environment(
    loader=FileSystemLoader(_TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["clock"] = clock
_ENV.filters["one_line"] = one_line
_ENV.filters["script_json"] = lambda value: Markup(_json_for_script(value))
_ENV.globals["inline"] = _inline


@dataclass(frozen=True)
class LecturePage:
    """What the page and the embed fragment show for the whole lecture: its title and its files (relative URLs)."""

    title: str
    video: str
    poster: str
    captions: str
    chapters: str
    descriptions: str
    transcript: str


def index_html(lecture: LecturePage, lecture_cues: list[Cue], clips: list[ClipPage], transcript: list[Chapter]) -> str:
    """The page that plays the lecture, with chapters, the transcript (``transcript``) and every scene's clip."""
    chapters = [[round(c.start, 3), round(c.start + c.duration, 3), c.title] for c in clips]
    data = {
        "captions": _cue_list(lecture_cues),
        "chapters": chapters,
        "descriptions": _cue_list(description_cues(transcript)),
        "clips": [{"name": c.name, "captions": _cue_list(c.cues)} for c in clips],
    }
    return _ENV.get_template("index.html.j2").render(lecture=lecture, clips=clips, transcript=transcript, data=data)


def embed_html(lecture: LecturePage) -> str:
    """A fragment to paste into a course page: the lecture video with its tracks (relative URLs)."""
    return _ENV.get_template("embed.html.j2").render(lecture=lecture)


@dataclass(frozen=True)
class VariantPage:
    """One lecture of a batch on the batch's page: its folder and, when published, its page and poster."""

    title: str
    folder: str
    duration: float = 0.0
    page: str = ""
    poster: str = ""
    failure: str = ""


BATCH_GENERATOR = "candy-lecture batch"
"""The page's ``generator``: a batch replaces an ``index.html`` only when it says this."""


def batch_html(title: str, variants: list[VariantPage]) -> str:
    """The page of a batch: each lecture with its poster, title, length and a link to its page."""
    return _ENV.get_template("batch.html.j2").render(title=title, variants=variants)
