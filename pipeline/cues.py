"""A beat's caption in cue-sized pieces, and the cues' times.

A beat's caption can be long; it is split at natural breaks (sentences, then
clauses, then words) into cues of at most two lines of :data:`LINE_CHARS`
characters. A voice speaks each piece separately (so a cue's time is its
words' time); without a voice, the beat's time is shared among its cues in
proportion to their length. Times are snapped to the clip's frames.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from .contracts import Cue

LINE_CHARS = 42
MAX_LINES = 2


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


def cues(items: Iterable[Cue], fps: float, offset: float = 0.0) -> list[Cue]:
    """Cues for timed captions (a beat's whole caption and its interval each), shifted by ``offset``
    seconds and snapped to frames."""
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
