"""Captions: cue splitting, frame snapping, WebVTT/SRT round trips."""

from __future__ import annotations

import html

import srt
import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.contracts import Cue
from pipeline.cues import MAX_LINES, cues
from pipeline.publish.captions import parse_cues, to_srt, to_vtt


def test_vtt_and_srt_round_trip() -> None:
    result = cues([Cue(0.0, 3.0, "One <b> & two."), Cue(3.0, 75.5, "Three.")], fps=30)
    vtt = to_vtt(result)
    assert vtt.startswith("WEBVTT\n")
    assert "&lt;b&gt; &amp;" in vtt
    back = parse_cues(vtt)
    assert [(c.start, c.end) for c in back] == [(round(c.start, 3), round(c.end, 3)) for c in result]
    srt = to_srt(result)
    assert "00:01:15,500" in srt
    assert [c.text for c in parse_cues(srt)] == [c.text for c in result]


# Texts a cue may hold: markup and entity look-alikes, the cue timing arrow, non-ASCII, two lines.
CUE_TEXT = st.text(alphabet="ab &<>-;é−'\"", min_size=1, max_size=40).map(str.strip).filter(bool)


@st.composite
def _cue_lists(draw: st.DrawFn) -> list[Cue]:
    """Cues in order, at whole milliseconds, each text one or two lines."""
    result: list[Cue] = []
    at = draw(st.integers(0, 10_000))
    for _ in range(draw(st.integers(0, 6))):
        length = draw(st.integers(1, 20_000))
        lines = draw(st.lists(CUE_TEXT, min_size=1, max_size=MAX_LINES))
        result.append(Cue(at / 1000, (at + length) / 1000, "\n".join(lines)))
        at += length + draw(st.integers(0, 3_000))
    return result


@settings(max_examples=80, deadline=None)
@given(_cue_lists())
def test_written_files_read_back_with_the_libraries(items: list[Cue]) -> None:
    vtt = webvtt.from_string(to_vtt(items))
    assert [c.identifier for c in vtt] == [str(i) for i in range(1, len(items) + 1)]
    assert [
        Cue(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, html.unescape(c.raw_text))
        for c in vtt
    ] == items
    subtitles = list(srt.parse(to_srt(items)))
    assert [s.index for s in subtitles] == list(range(1, len(items) + 1))
    assert [Cue(s.start.total_seconds(), s.end.total_seconds(), s.content) for s in subtitles] == items
    assert parse_cues(to_vtt(items)) == items
    assert parse_cues(to_srt(items)) == items


def test_vtt_text_is_escaped_so_it_shows_as_written() -> None:
    vtt = to_vtt([Cue(0.0, 1.0, "<v Bob>a --> b & c")])
    assert vtt.splitlines()[4] == "&lt;v Bob&gt;a --&gt; b &amp; c"
    assert webvtt.from_string(vtt)[0].voice is None, "no voice span: the text is not markup"


def test_files_keep_their_exact_form() -> None:
    items = [Cue(0.0, 1.5, "One <b> & two."), Cue(61.0, 3725.0416, "Three\nfour.")]
    assert to_vtt(items) == (
        "WEBVTT\n\n"
        "1\n00:00:00.000 --> 00:00:01.500\nOne &lt;b&gt; &amp; two.\n\n"
        "2\n00:01:01.000 --> 01:02:05.042\nThree\nfour.\n"
    )
    assert to_srt(items) == (
        "1\n00:00:00,000 --> 00:00:01,500\nOne <b> & two.\n\n2\n00:01:01,000 --> 01:02:05,042\nThree\nfour.\n"
    )
    assert to_vtt([]) == "WEBVTT\n"
    assert to_srt([]) == ""
