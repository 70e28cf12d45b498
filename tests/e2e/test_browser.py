"""The page in a real browser: Debian's chromium, headless, driven by Playwright (no download)."""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
HOSTILE = "<script>window.pwned=1</script><b>bold</b>"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: make test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


class StaticHandler(SimpleHTTPRequestHandler):
    """A static file server with byte ranges, as every real static host has (browsers seek video with them)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        match = re.match(r"bytes=(\d+)-(\d*)$", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        start = int(match.group(1))
        end = min(int(match.group(2) or size - 1), size - 1)
        if start >= size:
            self.send_error(416)
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Limited(handle, end - start + 1)


class _Limited:
    """A file object that reads at most ``length`` bytes (what copyfile sends for a range)."""

    def __init__(self, handle, length: int) -> None:  # type: ignore[no-untyped-def]
        self.handle, self.left = handle, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


@pytest.fixture(scope="module")
def served(lecture: Path) -> Iterator[str]:
    handler = functools.partial(StaticHandler, directory=str(lecture))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()
    thread.join()


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
    captions = page.evaluate(
        "(() => { const t = [...document.getElementById('lecture').textTracks].find(t => t.kind === 'captions');"
        " return t ? [t.mode, t.cues.length, t.cues[0].text] : null; })()"
    )
    assert captions is not None and captions[0] == "showing" and captions[1] > 10
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
