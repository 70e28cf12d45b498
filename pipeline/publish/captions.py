"""Captions and chapters as files: WebVTT (written and read by webvtt-py) and SRT (by srt)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import timedelta

import srt
import webvtt
from webvtt.models import Timestamp

from ..contracts import Cue


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
