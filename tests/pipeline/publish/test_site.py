"""The page and the embed fragment: relative URLs, nothing from the network, config text escaped."""

from __future__ import annotations

import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.contracts import Cue
from pipeline.publish import site
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
    lecture = LecturePage(
        title, f"lecture{path}.mp4", f"lecture{path}.png", f"lecture{path}.vtt", f"chapters{path}.vtt"
    )
    return index_html(lecture, [Cue(0, 5, title)], [clip])


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
    assert page.count("<script") == 2, "only the page's own data and code scripts"
    data = re.search(r'<script id="lecture-data" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None
    assert json.loads(data.group(1))["captions"][0][2] == HOSTILE
    fragment = embed_html(HOSTILE, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt")
    assert "<script" not in fragment
    assert "&lt;script&gt;" in fragment


def test_templates_escape_every_text_from_the_configuration() -> None:
    """Hostile text in the titles and the file names stays text: no element, no attribute of its own."""
    path = '"><img src=x onerror=alert(1)>'
    page = _elements(_page(HOSTILE, path))
    tags = [tag for tag, _ in page.tags]
    assert tags == ["html", "head", "meta", "meta", "title", "style", "body", "main", "h1", "video", "track", "track",
                    "h2", "ol", "li", "button", "span", "h2", "div", "figure", "video", "track", "figcaption",
                    "script", "script"]  # fmt: skip
    assert page.texts["title"] == [HOSTILE] and page.texts["h1"] == [HOSTILE]
    assert page.texts["button"] == [HOSTILE]
    assert page.texts["figcaption"] == [f"1. {HOSTILE} (0:05)"]
    videos = [attrs for tag, attrs in page.tags if tag == "video"]
    assert [(v["src"], v["poster"]) for v in videos] == [
        (f"lecture{path}.mp4", f"lecture{path}.png"),
        (f"scenes/01-Title{path}.mp4", f"scenes/01-Title{path}.png"),
    ]
    assert [a["src"] for tag, a in page.tags if tag == "track"] == [
        f"lecture{path}.vtt",
        f"chapters{path}.vtt",
        f"scenes/01-Title{path}.vtt",
    ]
    fragment = _elements(embed_html(HOSTILE, f"l{path}.mp4", f"l{path}.png", f"l{path}.vtt", f"c{path}.vtt"))
    assert [tag for tag, _ in fragment.tags] == ["figure", "video", "track", "track", "figcaption"]
    video = fragment.tags[1][1]
    assert (video["title"], video["src"], video["poster"]) == (HOSTILE, f"l{path}.mp4", f"l{path}.png")
    assert [a["src"] for tag, a in fragment.tags if tag == "track"] == [f"l{path}.vtt", f"c{path}.vtt"]
    assert fragment.texts["figcaption"] == [HOSTILE]


def test_nothing_is_loaded_from_the_network() -> None:
    for html in (
        _page("A title"),
        embed_html("A title", "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt"),
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
