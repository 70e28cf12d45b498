"""The page in a real browser: Debian's chromium, headless, driven by Playwright (no download)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import serving
from .conftest import run_cli

pytestmark = pytest.mark.slow

HOSTILE = "<script>window.pwned=1</script><b>bold</b>"


@pytest.fixture(scope="module")
def served(lecture: Path) -> Iterator[str]:
    with serving(lecture) as url:
        yield f"{url}index.html"


def _open(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    page.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=30_000)
    return page, errors


@pytest.mark.parametrize("where", ["file", "http"])
def test_page_plays_the_lecture_with_captions_and_chapters(browser, lecture: Path, served: str, where: str) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    url = (lecture / "index.html").as_uri() if where == "file" else served
    page, errors = _open(browser, url)
    duration = page.evaluate("document.getElementById('lecture').duration")
    assert duration == pytest.approx(manifest["lecture"]["duration_s"], abs=0.1)
    assert page.evaluate("document.getElementById('lecture').error") is None
    # From disk the track files cannot load: the page shows the same cues inline (and keeps the <track>).
    showing = "[...document.getElementById('lecture').textTracks].find(t => t.mode === 'showing' && t.cues?.length)"
    page.wait_for_function(f"!!{showing}", timeout=10_000)
    captions = page.evaluate(f"(() => {{ const t = {showing}; return [t.kind, t.cues.length, t.cues[0].text]; }})()")
    assert captions[0] == "captions" and captions[1] > 10
    assert page.evaluate("document.querySelectorAll('#lecture track[kind=captions]').length") == 1
    target = manifest["scenes"][4]
    page.locator(".chapters button").nth(4).click()
    page.wait_for_function(
        f"Math.abs(document.getElementById('lecture').currentTime - {target['start_s']}) < 0.5",
        timeout=10_000,
    )
    assert errors == []
    page.close()


def test_hostile_title_is_shown_as_text(browser, tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "site"
    proc = run_cli(
        "build",
        "--out",
        str(out),
        "--scenes",
        "Title",
        "--set",
        f"title={HOSTILE}",
        "--quiet",
        cache=cache_dir,
    )
    assert proc.returncode == 0, proc.stderr
    page, errors = _open(browser, (out / "index.html").as_uri())
    assert page.evaluate("document.querySelector('h1').textContent") == HOSTILE
    assert page.evaluate("document.title") == HOSTILE
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('h1 b, h1 script').length") == 0
    assert errors == []
    page.close()
    shutil.rmtree(out)
