"""Captions and chapters: WebVTT and SRT from the beats' frame times.

A beat's caption can be long; it is split at natural breaks (sentences, then
clauses, then words) into cues of at most two lines of :data:`LINE_CHARS`
characters, and the beat's time is shared among them in proportion to their
length. Times are snapped to the clip's frames.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def _stamp(t: float, sep: str) -> str:
    ms = round(t * 1000)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{sep}{ms:03d}"


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")


def to_vtt(items: Sequence[Cue]) -> str:
    """A WebVTT file."""
    blocks = ["WEBVTT", ""]
    for i, cue in enumerate(items, start=1):
        blocks += [str(i), f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}", _escape_vtt(cue.text), ""]
    return "\n".join(blocks)


def to_srt(items: Sequence[Cue]) -> str:
    """An SRT file."""
    blocks: list[str] = []
    for i, cue in enumerate(items, start=1):
        blocks += [str(i), f"{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}", cue.text, ""]
    return "\n".join(blocks)


_TIMING = re.compile(r"^(\d+):(\d\d):(\d\d)[.,](\d{3}) --> (\d+):(\d\d):(\d\d)[.,](\d{3})")


def parse_cues(text: str) -> list[Cue]:
    """Read the cues back from a WebVTT or SRT file (for checks and tests)."""
    result: list[Cue] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _TIMING.match(lines[i].strip())
        if not match:
            i += 1
            continue
        g = [int(x) for x in match.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip():
            body.append(lines[i])
            i += 1
        result.append(Cue(start, end, "\n".join(body)))
    return result
