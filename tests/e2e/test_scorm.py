"""The SCORM 1.2 package of a real build, in Chromium, inside a stand-in LMS that records every API call."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser import serving
from .conftest import run_cli

pytestmark = pytest.mark.slow

PACKAGE = "lecture-scorm12.zip"

# A stand-in LMS: window.API with the SCORM 1.2 functions, recording every call; the SCO in an iframe.
HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>LMS</title></head><body>
<script>
window.calls = [];
window.store = {"cmi.core.lesson_status": new URLSearchParams(location.search).get("status") || "not attempted"};
function record(name, result) {
  return function () {
    window.calls.push([name].concat(Array.prototype.slice.call(arguments)));
    return typeof result === "function" ? result.apply(null, arguments) : result;
  };
}
window.API = {
  LMSInitialize: record("LMSInitialize", "true"),
  LMSFinish: record("LMSFinish", "true"),
  LMSGetValue: record("LMSGetValue", function (key) { return window.store[key] || ""; }),
  LMSSetValue: record("LMSSetValue", function (key, value) { window.store[key] = value; return "true"; }),
  LMSCommit: record("LMSCommit", "true"),
  LMSGetLastError: record("LMSGetLastError", "0"),
  LMSGetErrorString: record("LMSGetErrorString", ""),
  LMSGetDiagnostic: record("LMSGetDiagnostic", "")
};
</script>
<iframe id="sco" src="pkg/index.html" width="960" height="720" allow="autoplay"></iframe>
</body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("scorm") / "site"
    proc = run_cli("build", "--out", str(out), "--scenes", "Title,Recap", "--voice", "none", "--quiet",
                   "--package", "scorm", cache=cache_dir)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def lms(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The unzipped package under ``pkg/`` beside the harness page, served over http on 127.0.0.1."""
    root = tmp_path_factory.mktemp("lms")
    with zipfile.ZipFile(site / PACKAGE) as archive:
        archive.extractall(root / "pkg")
    (root / "harness.html").write_text(HARNESS, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")  # what the browser asks the server for, unbidden
    with serving(root) as url:
        yield url.rstrip("/")


def _watch(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Console errors and uncaught exceptions of ``page`` (and its frames), as they come."""
    errors: list[str] = []

    def console(msg) -> None:  # type: ignore[no-untyped-def]
        if msg.type == "error":
            errors.append(f"console: {msg.text} {msg.location}")

    page.on("console", console)
    page.on("pageerror", lambda err: errors.append(f"pageerror: {err}"))
    return errors


def _calls(page, name: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [c for c in page.evaluate("window.calls") if c[0] == name]


def test_the_site_holds_the_package_and_its_manifest_lists_it(site: Path) -> None:
    files = json.loads((site / "manifest.json").read_text())["files"]
    assert PACKAGE in files
    with zipfile.ZipFile(site / PACKAGE) as archive:
        names = set(archive.namelist())
    assert {"imsmanifest.xml", "index.html", "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt"} <= names
    assert {f"scenes/{n}" for n in ("01-Title.mp4", "01-Title.png", "08-Recap.mp4", "08-Recap.vtt")} <= names
    assert not names & {"manifest.json", PACKAGE, "embed.html", ".build.lock", ".build-state.json"}
    assert names - {"imsmanifest.xml"} <= set(files)


def test_the_page_reports_to_the_lms(browser, lms: str) -> None:
    page = browser.new_page()
    errors = _watch(page)
    page.goto(f"{lms}/harness.html")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSInitialize')", timeout=30_000)
    sco = page.frame_locator("#sco")
    video = sco.locator("#lecture")
    video.evaluate("v => v.readyState >= 1 || new Promise(r => v.addEventListener('loadedmetadata', r))")
    assert _calls(page, "LMSInitialize") == [["LMSInitialize", ""]]
    assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in page.evaluate("window.calls")
    assert page.evaluate("window.store['cmi.core.lesson_status']") == "incomplete"

    # Play the last second to the real end of the lecture.
    video.evaluate("v => { v.muted = true; v.currentTime = Math.max(0, v.duration - 1); return v.play(); }")
    video.evaluate("v => v.ended || new Promise(r => v.addEventListener('ended', r))", timeout=30_000)
    page.wait_for_function("window.store['cmi.core.lesson_status'] === 'completed'", timeout=10_000)
    calls = page.evaluate("window.calls")
    done = calls.index(["LMSSetValue", "cmi.core.lesson_status", "completed"])
    assert ["LMSCommit", ""] in calls[done:]
    assert _calls(page, "LMSFinish") == []

    # Leave the lecture: the SCO finishes, once.
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')", timeout=10_000)
    page.wait_for_timeout(500)
    assert _calls(page, "LMSFinish") == [["LMSFinish", ""]]
    assert _calls(page, "LMSInitialize") == [["LMSInitialize", ""]]
    assert errors == []
    page.close()


def test_a_completed_lecture_stays_completed(browser, lms: str) -> None:
    page = browser.new_page()
    errors = _watch(page)
    page.goto(f"{lms}/harness.html?status=completed")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSInitialize')", timeout=30_000)
    page.wait_for_timeout(500)
    assert ["LMSGetValue", "cmi.core.lesson_status"] in page.evaluate("window.calls")
    assert [c for c in _calls(page, "LMSSetValue") if c[1] == "cmi.core.lesson_status"] == []
    assert errors == []
    page.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_without_an_lms_the_page_does_nothing_and_logs_no_errors(browser, lms: str, site: Path, where: str) -> None:
    page = browser.new_page()
    errors = _watch(page)
    page.goto(f"{lms}/pkg/index.html" if where == "http" else (site / "index.html").as_uri())
    page.wait_for_function("document.getElementById('lecture').readyState >= 1", timeout=30_000)
    page.evaluate(
        "() => { const v = document.getElementById('lecture'); v.muted = true;"
        " v.currentTime = Math.max(0, v.duration - 1); return v.play(); }"
    )
    page.wait_for_function("document.getElementById('lecture').ended", timeout=30_000)
    page.goto("about:blank")
    assert errors == []
    page.close()


def test_a_build_without_package_removes_the_old_package(site: Path, cache_dir: Path) -> None:
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    proc = run_cli("build", "--out", str(site), "--scenes", "Title,Recap", "--voice", "none", "--quiet",
                   cache=cache_dir)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (site / PACKAGE).exists()
    assert PACKAGE not in json.loads((site / "manifest.json").read_text())["files"]
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
