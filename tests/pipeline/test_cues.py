"""A beat's caption in cue-sized pieces, and the cues' times."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.contracts import Cue
from pipeline.cues import LINE_CHARS, MAX_LINES, cues, split_caption

LONG = (
    "We start from candies drawn from a bag, ask how likely each guess makes them, "
    "and arrive at the loss that trains classifiers: cross-entropy."
)


def test_long_caption_splits_into_cues_of_two_short_lines() -> None:
    parts = split_caption(LONG)
    assert len(parts) >= 2
    for part in parts:
        lines = part.split("\n")
        assert len(lines) <= MAX_LINES
        assert all(len(line) <= LINE_CHARS for line in lines)
    assert " ".join(p.replace("\n", " ") for p in parts) == LONG


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij ,.", min_size=1, max_size=30), min_size=1, max_size=12))
def test_split_keeps_every_word_in_order(words: list[str]) -> None:
    text = " ".join(w.strip() or "x" for w in words)
    parts = split_caption(text)
    assert " ".join(parts).split() == text.split()
    for part in parts:
        assert all(len(line) <= LINE_CHARS for line in part.split("\n"))


def test_cues_cover_the_beat_snapped_to_frames() -> None:
    result = cues([Cue(0.0, 10.4, LONG), Cue(10.4, 13.0, "Short.")], fps=15, offset=5.0)
    assert result[0].start == 5.0
    assert result[-1].end == pytest.approx(18.0)
    for a, b in itertools.pairwise(result):
        assert a.end == pytest.approx(b.start)
    for cue in result:
        assert (cue.start * 15) == pytest.approx(round(cue.start * 15))
