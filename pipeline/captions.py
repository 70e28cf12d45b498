"""Captions and chapters: WebVTT and SRT from the beats' frame times.

A beat's caption can be long; it is split at natural breaks (sentences, then
clauses, then words) into cues of at most two lines of :data:`LINE_CHARS`
characters, and the beat's time is shared among them in proportion to their
length. Times are snapped to the clip's frames.

The files are written and read by libraries: WebVTT by webvtt-py, SRT by srt.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import srt
import webvtt
from webvtt.models import Timestamp

LINE_CHARS = 42
MAX_LINES = 2


@dataclass(frozen=True)
class Cue:
    """A caption on screen from ``start`` to ``end`` seconds; ``text`` may hold one line break."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class TimedText:
    """A text (a beat's caption, a chapter title) and its interval in seconds."""

    start: float
    end: float
    text: str


def snap(t: float, fps: float) -> float:
    """``t`` rounded to the nearest frame boundary."""
    return round(t * fps) / fps


def _pieces(text: str) -> list[str]:
    """Split into sentences, then clauses where a sentence is too long for one cue."""
    limit = LINE_CHARS * MAX_LINES
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    pieces: list[str] = []
    for sentence in sentences:
        if len(sentence) <= limit:
            pieces.append(sentence)
            continue
        clauses = [c for c in re.split(r"(?<=[,;:])\s+", sentence) if c]
        for clause in clauses:
            if len(clause) <= limit:
                pieces.append(clause)
            else:
                pieces.extend(textwrap.wrap(clause, limit, break_long_words=True))
    return pieces


def split_caption(text: str) -> list[str]:
    """Cue texts for one caption: each at most two lines of :data:`LINE_CHARS` characters.

    Short neighbouring pieces are joined while they fit in one cue.
    """
    limit = LINE_CHARS * MAX_LINES
    chunks: list[str] = []
    for piece in _pieces(text):
        if chunks and len(chunks[-1]) + 1 + len(piece) <= limit and _fits(chunks[-1] + " " + piece):
            chunks[-1] = chunks[-1] + " " + piece
        else:
            chunks.append(piece)
    return ["\n".join(textwrap.wrap(c, LINE_CHARS, break_long_words=True)) for c in chunks]


def _fits(text: str) -> bool:
    return len(textwrap.wrap(text, LINE_CHARS, break_long_words=True)) <= MAX_LINES


def cues(items: Iterable[TimedText], fps: float, offset: float = 0.0) -> list[Cue]:
    """Cues for timed captions, shifted by ``offset`` seconds and snapped to frames."""
    result: list[Cue] = []
    for item in items:
        parts = split_caption(item.text)
        if not parts:
            continue
        weights = [max(len(p), 1) for p in parts]
        total = sum(weights)
        start = item.start
        for part, weight in zip(parts, weights, strict=True):
            end = start + (item.end - item.start) * weight / total
            result.append(Cue(snap(offset + start, fps), snap(offset + end, fps), part))
            start = end
    return [c for c in result if c.end > c.start]


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
