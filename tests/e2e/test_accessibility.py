"""The course site's accessibility, in a real browser: axe-core's WCAG 2.1/2.2 AA rules, the keyboard,
the transcript that follows the video, and the text alternatives (``lecture.txt``, the descriptions track).

axe-core comes with the ``axe-playwright-python`` package (its ``axe.min.js``); it runs in Debian's
chromium, driven by Playwright like tests/e2e/test_browser.py, on a small lecture served over http.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.publish.captions import clock, one_line, parse_cues

from .browser import serving
from .conftest import run_cli

pytestmark = pytest.mark.slow

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe-core files landmarks and heading order under best practice, not under a WCAG tag: run them too.
STRUCTURE = [
    "region",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-main",
    "page-has-heading-one",
    "heading-order",
    "landmark-main-is-top-level",
    "landmark-banner-is-top-level",
    "empty-heading",
]
EMBED_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A course page</title></head>
<body><main><h1>A course page</h1>
{fragment}</main></body>
</html>
"""
FRAME = 1 / 15
VIEWPORT = {"width": 1000, "height": 500}
# Where the keyboard is, as one string: the video's id, a seek button's list and start, a link's address.
FOCUSED = """(() => { const e = document.activeElement;
  if (e.tagName === 'VIDEO') return 'video#' + e.id;
  if (e.tagName === 'A') return 'a:' + e.getAttribute('href');
  if (e.tagName === 'BUTTON') return e.closest('ol').className + '@' + e.dataset.start;
  return e.tagName.toLowerCase(); })()"""
TAB_ORDER = """[...document.querySelectorAll('#lecture, .chapters button, .transcript a, .cues button, #clip-0')]
  .map(e => e.tagName === 'VIDEO' ? 'video#' + e.id : e.tagName === 'A' ? 'a:' + e.getAttribute('href')
       : e.closest('ol').className + '@' + e.dataset.start)"""
LANDMARKS = """[...document.querySelectorAll('header, main, nav, section')]
  .map(e => [e.tagName, document.getElementById(e.getAttribute('aria-labelledby'))?.textContent ?? ''])"""
CURRENT = "[...document.querySelectorAll('.cues button[aria-current=\"true\"]')].map(e => e.dataset.start)"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """A two-scene lecture without a voice, built once for this module."""
    out = tmp_path_factory.mktemp("a11y") / "site"
    proc = run_cli("build", "--out", str(out), "--scenes", "Title,Recap", "--voice", "none", "--quiet",
                   cache=cache_dir)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def served(small: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site over http, with the embed fragment in a minimal page and a page without captions."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(small, root, dirs_exist_ok=True)
    fragment = (small / "embed.html").read_text(encoding="utf-8")
    (root / "embed-page.html").write_text(EMBED_PAGE.format(fragment=fragment), encoding="utf-8")
    page = (small / "index.html").read_text(encoding="utf-8")
    stripped = re.sub(r'\s*<track kind="captions"[^>]*>', "", page)
    (root / "no-captions.html").write_text(stripped, encoding="utf-8")
    with serving(root) as url:
        yield url


def _open(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    page.wait_for_function("[...document.querySelectorAll('video')].every(v => v.readyState >= 1 || "
                           "v.preload === 'none')", timeout=30_000)  # fmt: skip
    return page, errors


def _audit(page: Any, kind: str = "tag", values: list[str] = TAGS) -> dict[str, Any]:
    """axe-core's results for the page: by default under the WCAG 2.0, 2.1 and 2.2 A and AA rules."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options={"runOnly": {"type": kind, "values": values}}).response


def _rules(results: dict[str, Any], kind: str) -> list[str]:
    return [rule["id"] for rule in results[kind]]


def _violations(results: dict[str, Any]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']]}"
                     for v in results["violations"])  # fmt: skip


@pytest.mark.parametrize("name", ["index.html", "embed-page.html"])
def test_the_page_and_the_embed_fragment_pass_the_audit(browser: Any, served: str, name: str) -> None:
    page, errors = _open(browser, served + name)
    results = _audit(page)
    assert results["testEngine"]["version"].startswith("4.")
    assert results["violations"] == [], _violations(results)
    passes = _rules(results, "passes")
    assert "video-caption" in passes and "video-caption" not in _rules(results, "incomplete")
    if name == "index.html":
        assert {"color-contrast", "target-size", "html-has-lang", "document-title", "bypass"} <= set(passes)
    structure = _audit(page, "rule", STRUCTURE)
    assert structure["violations"] == [], _violations(structure)
    assert {"region", "landmark-one-main", "heading-order"} <= set(_rules(structure, "passes"))
    assert errors == []
    page.close()


def test_a_page_without_its_captions_track_fails_the_audit(browser: Any, served: str) -> None:
    page, _ = _open(browser, served + "no-captions.html")
    assert page.evaluate("document.querySelectorAll('video').length") == 3
    assert page.evaluate("document.querySelectorAll('track[kind=captions]').length") == 0
    results = _audit(page)
    assert "video-caption" not in _rules(results, "passes")
    assert "video-caption" in _rules(results, "incomplete") + _rules(results, "violations")
    page.close()


@pytest.mark.parametrize("where", ["file", "http"])
def test_captions_show_from_disk_and_over_http_with_the_track_elements_kept(
    browser: Any, small: Path, served: str, where: str
) -> None:
    cues = parse_cues((small / "lecture.vtt").read_text(encoding="utf-8"))
    page, errors = _open(browser, (small / "index.html").as_uri() if where == "file" else served + "index.html")
    page.wait_for_function(
        "[...document.getElementById('lecture').textTracks]"
        f".some(t => t.kind === 'captions' && t.mode === 'showing' && t.cues && t.cues.length === {len(cues)})",
        timeout=10_000,
    )
    kinds = page.evaluate("[...document.querySelectorAll('#lecture track')].map(t => t.kind)")
    assert kinds == ["captions", "chapters", "descriptions"]
    assert errors == []
    page.close()


OUTLINE = (
    "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth,"
    " s.outlineColor]; })()"
)


def _tab_through(page: Any, last: str, limit: int = 200) -> list[tuple[str, list[str]]]:
    """Press Tab from the top until ``last`` has the focus: the focused elements in order (each once)
    with their outline (style, width, colour)."""
    seen: list[tuple[str, list[str]]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not seen or seen[-1][0] != focused:
            seen.append((focused, page.evaluate(OUTLINE)))
        if focused == last:
            return seen
    raise AssertionError(f"Tab never reached {last}: {seen}")


def _contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours as the browser computes them (``rgb(r, g, b)``)."""
    levels = []
    for color in (foreground, background):
        channels = [int(v) / 255 for v in re.findall(r"\d+", color)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        levels.append(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2])
    return (max(levels) + 0.05) / (min(levels) + 0.05)


def test_tab_reaches_the_video_then_every_chapter_then_every_cue(browser: Any, small: Path, served: str) -> None:
    cues = parse_cues((small / "lecture.vtt").read_text(encoding="utf-8"))
    page, errors = _open(browser, served + "index.html")
    expected = page.evaluate(TAB_ORDER)
    assert len([e for e in expected if e.startswith("chapters@")]) == 2
    assert [e for e in expected if e.startswith("cues@")] == [f"cues@{c.start:.3f}" for c in cues]
    assert page.evaluate(LANDMARKS)[:4] == [
        ["HEADER", ""],
        ["MAIN", ""],
        ["NAV", "Chapters"],
        ["SECTION", "Transcript"],
    ]
    texts = page.evaluate("[...document.querySelectorAll('.cues button')].map(e => e.lastChild.textContent)")
    assert texts == [one_line(c.text) for c in cues]
    seen = _tab_through(page, "video#clip-0")
    assert [key for key, _ in seen] == expected, "the video, the chapters, the transcript's link, its cues, the clips"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for key, (style, width, color) in seen:
        if not key.startswith("video#"):
            assert style == "solid" and float(width.removesuffix("px")) >= 2, f"{key} shows its focus"
            assert _contrast(color, background) >= 3, f"{key}'s focus outline {color} on {background}"
    assert errors == []
    page.close()


def _wait_current(page: Any, start: float) -> None:
    page.wait_for_function(f"JSON.stringify({CURRENT}) === JSON.stringify(['{start:.3f}'])", timeout=10_000)


def test_enter_seeks_and_the_spoken_cue_is_marked_without_moving_focus_or_scrolling(
    browser: Any, small: Path, served: str
) -> None:
    manifest = json.loads((small / "manifest.json").read_text(encoding="utf-8"))
    cues = parse_cues((small / "lecture.vtt").read_text(encoding="utf-8"))
    page, errors = _open(browser, served + "index.html")
    video = "document.getElementById('lecture')"
    recap = manifest["scenes"][1]["start_s"]
    page.locator(".chapters button").nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"Math.abs({video}.currentTime - {recap}) < 0.5", timeout=10_000)
    cue = cues[len(cues) // 2]
    button = page.locator(f'.cues button[data-start="{cue.start:.3f}"]')
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"Math.abs({video}.currentTime - {cue.start}) < 0.5", timeout=10_000)
    _wait_current(page, cue.start)
    assert page.evaluate("document.activeElement.dataset.start") == f"{cue.start:.3f}"

    page.evaluate(f"{video}.pause()")
    page.locator(".cues button").first.focus()
    page.evaluate("window.scrollTo(0, 0)")
    first_style = page.evaluate("getComputedStyle(document.querySelector('.cues button')).backgroundColor")
    last = cues[-1]
    page.evaluate(f"{video}.currentTime = {(last.start + last.end) / 2}")
    _wait_current(page, last.start)
    box = page.locator(f'.cues button[data-start="{last.start:.3f}"]').bounding_box()
    assert box is not None and box["y"] > VIEWPORT["height"], "the spoken cue is below the fold, and stays there"
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.activeElement.dataset.start") == f"{cues[0].start:.3f}"
    current_style = page.evaluate("getComputedStyle(document.querySelector('.cues [aria-current]')).backgroundColor")
    assert current_style != first_style, "the spoken cue looks different"

    before = cues[3]
    page.evaluate(f"{video}.currentTime = {before.end - 0.3}; {video}.play()")
    _wait_current(page, cues[4].start)
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.activeElement.dataset.start") == f"{cues[0].start:.3f}"
    assert errors == []
    page.close()


def test_lecture_txt_and_the_descriptions_track_hold_the_text_alternatives(small: Path) -> None:
    manifest = json.loads((small / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["lecture"]["transcript"] == "lecture.txt" and "lecture.txt" in manifest["files"]
    assert manifest["lecture"]["descriptions"] == "lecture.descriptions.vtt"
    assert "lecture.descriptions.vtt" in manifest["files"]
    text = (small / "lecture.txt").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if re.match(r"\d+\. ", line)] == [
        f"{i}. {s['title']} ({clock(s['start_s'])})" for i, s in enumerate(manifest["scenes"], start=1)
    ]
    position = 0
    for cue in parse_cues((small / "lecture.vtt").read_text(encoding="utf-8")):
        position = text.index(one_line(cue.text), position)
    descriptions = parse_cues((small / "lecture.descriptions.vtt").read_text(encoding="utf-8"))
    assert descriptions, "the Title and Recap scenes describe their pictures"
    assert [line.removeprefix("On screen: ") for line in text.splitlines() if line.startswith("On screen: ")] == [
        d.text for d in descriptions
    ]
    beats = [(round(s["start_s"] + b["start_s"], 3), round(s["start_s"] + b["end_s"], 3))
             for s in manifest["scenes"] for b in s["beats"]]  # fmt: skip
    duration = manifest["lecture"]["duration_s"]
    for cue in descriptions:
        assert 0 <= cue.start < cue.end <= duration + FRAME
        assert any(abs(cue.start - a) <= 0.001 and abs(cue.end - b) <= 0.001 for a, b in beats), cue
