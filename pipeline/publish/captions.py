"""Captions and chapters as files: WebVTT (written and read by webvtt-py) and SRT (by srt); the transcript.

The transcript is the narration by chapter (one per scene), each beat's cues
followed by what its picture shows (the beat's description): the page shows it,
``lecture.txt`` holds it as plain text, and the descriptions track times it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import srt
import webvtt
from webvtt.models import Timestamp

from ..contracts import Beat, Cue


def _millis(t: float) -> int:
    """``t`` seconds in whole milliseconds, the precision of both file formats."""
    return round(t * 1000)


def to_vtt(items: Sequence[Cue]) -> str:
    """A WebVTT file (written by webvtt-py); cues are numbered from 1 and their text is escaped."""
    captions = [
        webvtt.Caption(
            str(Timestamp.from_seconds(_millis(cue.start) / 1000)),
            str(Timestamp.from_seconds(_millis(cue.end) / 1000)),
            html.escape(cue.text, quote=False),
            identifier=str(i),
        )
        for i, cue in enumerate(items, start=1)
    ]
    return webvtt.WebVTT(captions=captions).content


def to_srt(items: Sequence[Cue]) -> str:
    """An SRT file (written by srt); cues are numbered from 1 in the order given."""
    subtitles = [
        srt.Subtitle(i, timedelta(milliseconds=_millis(cue.start)), timedelta(milliseconds=_millis(cue.end)), cue.text)
        for i, cue in enumerate(items, start=1)
    ]
    # srt ends every block with a blank line; the last one's is left out, as this file always had it.
    return srt.compose(subtitles, reindex=False).removesuffix("\n")


def parse_cues(text: str) -> list[Cue]:
    """Read the cues back from a WebVTT file (webvtt-py) or an SRT file (srt), for checks and tests.

    A WebVTT cue's text comes back as it was before :func:`to_vtt` escaped it.
    """
    if text.lstrip("\ufeff").startswith("WEBVTT"):
        return [
            Cue(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, html.unescape(c.text))
            for c in webvtt.from_string(text)
        ]
    return [Cue(s.start.total_seconds(), s.end.total_seconds(), s.content) for s in srt.parse(text)]


@dataclass(frozen=True)
class Passage:
    """One beat in the transcript: its cues and its time in the lecture, and what its picture shows ("" if unsaid)."""

    start: float
    end: float
    cues: tuple[Cue, ...]
    description: str


@dataclass(frozen=True)
class Chapter:
    """One scene in the transcript: its title, its start in the lecture and its beats."""

    title: str
    start: float
    passages: tuple[Passage, ...]


def _beat_of(cue: Cue, beats: Sequence[Beat]) -> int:
    """The index of the beat a cue is spoken in: the last beat that starts before the cue's middle."""
    middle = (cue.start + cue.end) / 2
    return max((i for i, b in enumerate(beats) if b.start <= middle), default=0)


def chapter(title: str, start: float, beats: Sequence[Beat], cues: Sequence[Cue]) -> Chapter:
    """A scene's chapter of the transcript from its beats and cues (both in the scene's time), shifted by ``start``."""
    spoken: list[list[Cue]] = [[] for _ in beats]
    for cue in cues:
        spoken[_beat_of(cue, beats)].append(cue.shifted(start))
    passages = tuple(
        Passage(start + b.start, start + b.end, tuple(said), one_line(b.description))
        for b, said in zip(beats, spoken, strict=True)
    )
    return Chapter(title, start, passages)


def clock(seconds: float) -> str:
    """``m:ss``."""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def one_line(text: str) -> str:
    """A cue's text on one line (a cue may hold a line break)."""
    return " ".join(text.split())


def description_cues(chapters: Sequence[Chapter]) -> list[Cue]:
    """One cue per beat that has a description, over the beat's time in the lecture."""
    return [Cue(p.start, p.end, p.description) for c in chapters for p in c.passages if p.description]


def transcript_text(title: str, chapters: Sequence[Chapter]) -> str:
    """``lecture.txt``: the title, then per chapter its title line and per beat its narration and what is on screen."""
    lines = [title]
    for number, part in enumerate(chapters, start=1):
        lines += ["", "", f"{number}. {part.title} ({clock(part.start)})"]
        for passage in part.passages:
            said = [" ".join(one_line(c.text) for c in passage.cues)] if passage.cues else []
            shown = [f"On screen: {passage.description}"] if passage.description else []
            if said or shown:
                lines += ["", *said, *shown]
    return "\n".join(lines) + "\n"
