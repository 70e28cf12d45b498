"""The page and the embed fragment: relative URLs, nothing from the network, config text escaped."""

from __future__ import annotations

import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.contracts import Beat, Cue
from pipeline.publish import site
from pipeline.publish.captions import chapter, description_cues, parse_cues, to_vtt, transcript_text
from pipeline.publish.site import ClipPage, LecturePage, embed_html, index_html

HOSTILE = '<script>alert("x")</script> & </script><!--'
ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "pipeline" / "publish" / "templates"


def _page(title: str, path: str = "") -> str:
    clip = ClipPage(
        "Title",
        title,
        f"scenes/01-Title{path}.mp4",
        f"scenes/01-Title{path}.vtt",
        f"scenes/01-Title{path}.png",
        0.0,
        5.0,
        (Cue(0.0, 5.0, title),),
    )
    transcript = [chapter(title, 0.0, (Beat("b1", title, 0.0, 5.0, description=title),), clip.cues)]
    return index_html(_lecture(title, path), [Cue(0, 5, title)], [clip], transcript)


def _lecture(title: str, path: str = "") -> LecturePage:
    return LecturePage(title, f"lecture{path}.mp4", f"lecture{path}.png", f"lecture{path}.vtt",
                       f"chapters{path}.vtt", f"lecture{path}.descriptions.vtt", f"lecture{path}.txt")  # fmt: skip


SCRIPTS = (TEMPLATES / "index.html.j2").read_text(encoding="utf-8").count("<script")
"""The page's own scripts: its data, its code (and whatever else the template inlines)."""


class _Elements(HTMLParser):
    """The start tags with their attributes (entities decoded) and the text of each element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "track"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts.setdefault(self._open[-1], []).append(data)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_hostile_title_is_escaped_everywhere() -> None:
    page = _page(HOSTILE)
    assert HOSTILE not in page
    assert page.count("<script") == SCRIPTS, "only the page's own scripts"
    data = re.search(r'<script id="lecture-data" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None
    assert json.loads(data.group(1))["captions"][0][2] == HOSTILE
    fragment = embed_html(_lecture(HOSTILE))
    assert "<script" not in fragment
    assert "&lt;script&gt;" in fragment


def test_templates_escape_every_text_from_the_configuration() -> None:
    """Hostile text in the titles and the file names stays text: no element, no attribute of its own."""
    path = '"><img src=x onerror=alert(1)>'
    page = _elements(_page(HOSTILE, path))
    tags = [tag for tag, _ in page.tags]
    assert tags == ["html", "head", "meta", "meta", "title", "style", "body", "header", "h1", "main",
                    "video", "track", "track", "track", "nav", "h2", "ol", "li", "button", "span",
                    "section", "h2", "p", "a", "section", "h3", "div", "ol", "li", "button", "span", "p", "span",
                    "section", "h2", "div", "figure", "video", "track", "figcaption",
                    *["script"] * SCRIPTS]  # fmt: skip
    assert page.texts["title"] == [HOSTILE] and page.texts["h1"] == [HOSTILE] and page.texts["h3"] == [HOSTILE]
    assert page.texts["button"] == [HOSTILE, HOSTILE], "the chapter and the transcript's cue"
    assert page.texts["p"] == [f" {HOSTILE}"], "what is on screen"
    assert page.texts["figcaption"] == [f"1. {HOSTILE} (0:05)"]
    videos = [attrs for tag, attrs in page.tags if tag == "video"]
    assert [(v["src"], v["poster"], v["aria-label"]) for v in videos] == [
        (f"lecture{path}.mp4", f"lecture{path}.png", f"Lecture: {HOSTILE}"),
        (f"scenes/01-Title{path}.mp4", f"scenes/01-Title{path}.png", f"Scene 1: {HOSTILE}"),
    ]
    assert [a["src"] for tag, a in page.tags if tag == "track"] == [
        f"lecture{path}.vtt",
        f"chapters{path}.vtt",
        f"lecture{path}.descriptions.vtt",
        f"scenes/01-Title{path}.vtt",
    ]
    assert [a["href"] for tag, a in page.tags if tag == "a"] == [f"lecture{path}.txt"]
    fragment = _elements(embed_html(_lecture(HOSTILE, path)))
    assert [tag for tag, _ in fragment.tags] == ["figure", "video", "track", "track", "track", "figcaption", "a"]
    video = fragment.tags[1][1]
    assert (video["title"], video["src"], video["poster"]) == (HOSTILE, f"lecture{path}.mp4", f"lecture{path}.png")
    assert [a["src"] for tag, a in fragment.tags if tag == "track"] == [
        f"lecture{path}.vtt",
        f"chapters{path}.vtt",
        f"lecture{path}.descriptions.vtt",
    ]
    assert fragment.tags[-1][1]["href"] == f"lecture{path}.txt"
    assert fragment.texts["figcaption"] == [f"{HOSTILE} "]


def test_nothing_is_loaded_from_the_network() -> None:
    for html in (
        _page("A title"),
        embed_html(_lecture("A title")),
    ):
        urls = re.findall(r'(?:src|href|poster)="([^"]*)"', html)
        assert urls, "the page refers to its files"
        assert all(not re.match(r"^[a-z]+:|^//", u) for u in urls), urls
        assert "http" not in html


def test_page_css_and_js_are_inline() -> None:
    page = _page("A title")
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "page.js").read_text(encoding="utf-8")
    assert f"<style>\n{css}</style>" in page
    assert f"<script>\n{js}</script>" in page
    assert "<link" not in page and "<script src" not in page


def test_a_static_file_that_would_end_its_element_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.js").write_text("let s = '</SCRIPT><script>alert(1)';\n", encoding="utf-8")
    monkeypatch.setattr(site, "_TEMPLATES", tmp_path)
    with pytest.raises(ValueError, match=r"page\.js"):
        site._inline("page.js")


def test_templates_are_package_data() -> None:
    """An installed copy (not only this checkout) has the templates beside ``pipeline/publish/site.py``."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = setuptools["package-data"]["pipeline.publish"]
    files = [p.relative_to(ROOT / "pipeline" / "publish") for p in TEMPLATES.iterdir()]
    assert {"index.html.j2", "embed.html.j2", "page.css", "page.js"} <= {f.name for f in files}
    assert all(any(f.match(p) for p in patterns) for f in files), (files, patterns)


def test_chapter_buttons_carry_start_times() -> None:
    page = _page("A title")
    assert 'data-start="0.000"' in page
    assert 'kind="captions" src="lecture.vtt"' in page and "default" in page


BEATS = (
    Beat("intro", "Hello there. Second sentence.", 0.0, 2.0, description="  A bag of\ncandies.  "),
    Beat("math", "A long sentence split in two cues.", 2.0, 5.0, description=""),
    Beat("quiet", "", 5.0, 6.0, description="The formula alone."),
)
CUES = (Cue(0.0, 1.0, "Hello there."), Cue(1.0, 2.0, "Second sentence."),
        Cue(2.0, 3.5, "A long sentence\nsplit"), Cue(3.5, 5.0, "in two cues."))  # fmt: skip


def test_the_transcript_groups_each_scene_s_cues_by_beat_in_the_lecture_s_time() -> None:
    part = chapter("Candies", 10.0, BEATS, CUES)
    assert (part.title, part.start) == ("Candies", 10.0)
    assert [(p.start, p.end) for p in part.passages] == [(10.0, 12.0), (12.0, 15.0), (15.0, 16.0)]
    assert [[c.text for c in p.cues] for p in part.passages] == [
        ["Hello there.", "Second sentence."],
        ["A long sentence\nsplit", "in two cues."],
        [],
    ]
    assert part.passages[1].cues[0] == Cue(12.0, 13.5, "A long sentence\nsplit")
    assert [p.description for p in part.passages] == ["A bag of candies.", "", "The formula alone."]


def test_a_cue_a_frame_off_its_beat_still_belongs_to_it() -> None:
    """Cues are snapped to frames: a cue may start a frame before its beat or end a frame after it."""
    cues = (Cue(0.0, 2.03, "first"), Cue(1.97, 5.0, "second"))
    part = chapter("Candies", 0.0, BEATS, cues)
    assert [[c.text for c in p.cues] for p in part.passages] == [["first"], ["second"], []]


def test_lecture_txt_holds_every_chapter_its_narration_and_what_is_on_screen() -> None:
    chapters = [chapter("Candies", 0.0, BEATS, CUES), chapter("Recap", 75.0, BEATS[:1], CUES[:2])]
    assert transcript_text("My lecture", chapters).split("\n") == [
        "My lecture",
        "",
        "",
        "1. Candies (0:00)",
        "",
        "Hello there. Second sentence.",
        "On screen: A bag of candies.",
        "",
        "A long sentence split in two cues.",
        "",
        "On screen: The formula alone.",
        "",
        "",
        "2. Recap (1:15)",
        "",
        "Hello there. Second sentence.",
        "On screen: A bag of candies.",
        "",
    ]


def test_the_descriptions_track_has_a_cue_per_described_beat_in_the_lecture_s_time() -> None:
    chapters = [chapter("Candies", 0.0, BEATS, CUES), chapter("Recap", 6.0, BEATS, CUES)]
    cues = description_cues(chapters)
    assert cues == [Cue(0.0, 2.0, "A bag of candies."), Cue(5.0, 6.0, "The formula alone."),
                    Cue(6.0, 8.0, "A bag of candies."), Cue(11.0, 12.0, "The formula alone.")]  # fmt: skip
    assert parse_cues(to_vtt(cues)) == cues


def test_the_page_s_transcript_seeks_to_each_cue_and_shows_each_description() -> None:
    clip = ClipPage("Candies", "Candies", "c.mp4", "c.vtt", "c.png", 10.0, 6.0, CUES)
    transcript = [chapter("Candies", 10.0, BEATS, CUES)]
    page = _elements(index_html(_lecture("T"), [c.shifted(10.0) for c in CUES], [clip], transcript))
    cues = [a for tag, a in page.tags if tag == "button" and "data-end" in a][1:]
    assert [(a["data-start"], a["data-end"]) for a in cues] == [
        ("10.000", "11.000"), ("11.000", "12.000"), ("12.000", "13.500"), ("13.500", "15.000")]  # fmt: skip
    assert all(a["type"] == "button" for a in cues)
    assert page.texts["h3"] == ["Candies"]
    assert "A long sentence split" in page.texts["button"]
    assert page.texts["p"] == [" A bag of candies.", " The formula alone."], "no line for an undescribed beat"
