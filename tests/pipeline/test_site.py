"""The page and the embed fragment: relative URLs, nothing from the network, config text escaped."""

from __future__ import annotations

import json
import re

from pipeline.captions import Cue
from pipeline.site import ClipPage, embed_html, index_html

HOSTILE = '<script>alert("x")</script> & </script><!--'


def _page(title: str) -> str:
    clip = ClipPage(
        "Title",
        title,
        "scenes/01-Title.mp4",
        "scenes/01-Title.vtt",
        "scenes/01-Title.png",
        0.0,
        5.0,
        (Cue(0.0, 5.0, title),),
    )
    return index_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt", [Cue(0, 5, title)], [clip])


def test_hostile_title_is_escaped_everywhere() -> None:
    page = _page(HOSTILE)
    assert HOSTILE not in page
    assert page.count("<script") == 2, "only the page's own data and code scripts"
    data = re.search(r'<script id="lecture-data" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None
    assert json.loads(data.group(1))["captions"][0][2] == HOSTILE
    fragment = embed_html(HOSTILE, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt")
    assert "<script" not in fragment
    assert "&lt;script&gt;" in fragment


def test_nothing_is_loaded_from_the_network() -> None:
    for html in (
        _page("A title"),
        embed_html("A title", "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt"),
    ):
        urls = re.findall(r'(?:src|href|poster)="([^"]*)"', html)
        assert urls, "the page refers to its files"
        assert all(not re.match(r"^[a-z]+:|^//", u) for u in urls), urls
        assert "http" not in html


def test_chapter_buttons_carry_start_times() -> None:
    page = _page("A title")
    assert 'data-start="0.000"' in page
    assert 'kind="captions" src="lecture.vtt"' in page and "default" in page
