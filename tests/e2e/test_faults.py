"""Faults a real machine has: damaged caches, kills, full disks, odd folders, bad input.

Every test runs the real command line. Builds are small (Title and Recap at
preview) and start from copies of one seeded cache, so a test that damages
its cache damages only its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from pipeline.cache import entries as store

from .conftest import ROOT, run_cli

pytestmark = pytest.mark.slow
SCENES = ("--scenes", "Title,Recap")


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _one_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return lines[0]


def _decodes(path: Path) -> None:
    proc = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr[-500:]


def _status(site: Path) -> dict[str, tuple[str, str]]:
    manifest = json.loads((site / "manifest.json").read_text())
    return {s["name"]: (s["status"], s["picture"]) for s in manifest["scenes"]}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A cache holding the narrated Title and Recap, and the site built from it."""
    cache = tmp_path_factory.mktemp("seed-cache")
    site = tmp_path_factory.mktemp("seed") / "site"
    proc = run_cli("build", "--out", str(site), *SCENES, "--quiet", cache=cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return cache, site


@pytest.fixture
def copy(seeded: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """This test's own copy of the seeded cache and site."""
    cache, site = tmp_path / "cache", tmp_path / "site"
    shutil.copytree(seeded[0], cache, symlinks=True)
    shutil.copytree(seeded[1], site, symlinks=True)
    return cache, site


def _entry_of(cache: Path, kind: str, scene: str) -> Path:
    found = [e for e in (cache / kind).iterdir() if store.check(e).meta.get("scene") == scene]
    assert len(found) == 1, found
    return found[0]


def _garbage_same_size(path: Path) -> None:
    size = path.stat().st_size
    path.write_bytes(bytes((i * 7 + 3) % 256 for i in range(size)))


DAMAGE = {
    "clip.mp4 same-size garbage": ("clips", lambda e: _garbage_same_size(e / "clip.mp4")),
    "track deleted": ("clips", lambda e: (e / "track.flac").unlink()),
    "cues.json truncated": ("clips", lambda e: (e / "cues.json").write_text("[[0.1")),
    "video.mp4 deleted": ("pictures", lambda e: (e / "video.mp4").unlink()),
    "poster.png deleted": ("pictures", lambda e: (e / "poster.png").unlink()),
    "beats.json truncated": ("pictures", lambda e: (e / "beats.json").write_text('{"scene": "Ti')),
    "entry.json deleted": ("pictures", lambda e: (e / "entry.json").unlink()),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_entry_is_rendered_again_and_never_published(copy: tuple[Path, Path], damage: str) -> None:
    cache, site = copy
    kind, hurt = DAMAGE[damage]
    hurt(_entry_of(cache, kind, "Title"))
    proc = run_cli("build", "--out", str(site), *SCENES, cache=cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "cache entry damaged" in proc.stdout
    status = _status(site)
    assert status["Recap"] == ("cached", "cached")
    assert status["Title"][0] == "rendered"
    assert status["Title"][1] == ("rendered" if kind == "pictures" else "cached")
    _decodes(site / "scenes" / "01-Title.mp4")
    _decodes(site / "lecture.mp4")
    assert store.check(_entry_of(cache, kind, "Title")).valid


def test_a_damaged_joined_lecture_is_joined_again(copy: tuple[Path, Path]) -> None:
    cache, site = copy
    (entry,) = list((cache / "lectures").iterdir())
    _garbage_same_size(entry / "lecture.mp4")
    proc = run_cli("build", "--out", str(site), *SCENES, "--quiet", cache=cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    _decodes(site / "lecture.mp4")
    assert store.check(entry).valid


def test_force_repairs_every_damaged_entry(copy: tuple[Path, Path]) -> None:
    cache, site = copy
    for kind, hurt in DAMAGE.values():
        entry = next((e for e in (cache / kind).iterdir() if (e / store.ENTRY_FILE).exists()), None)
        if entry is not None:
            hurt(entry)
    proc = run_cli("build", "--out", str(site), *SCENES, "--force", "--quiet", cache=cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert set(_status(site).values()) == {("rendered", "rendered")}
    for kind in ("pictures", "clips", "lectures"):
        assert all(store.check(e).valid for e in (cache / kind).iterdir())


def test_a_published_clip_edited_in_place_leaves_the_cache_intact(copy: tuple[Path, Path]) -> None:
    cache, site = copy
    with (site / "scenes" / "01-Title.mp4").open("r+b") as handle:
        handle.seek(2000)
        handle.write(b"\0" * 5000)
    for kind in ("pictures", "clips", "lectures"):
        assert all(store.check(e).valid for e in (cache / kind).iterdir()), kind
    proc = run_cli("build", "--out", str(site), *SCENES, "--quiet", cache=cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    clip = _entry_of(cache, "clips", "Title") / "clip.mp4"
    assert (site / "scenes" / "01-Title.mp4").read_bytes() == clip.read_bytes()


def test_a_folder_of_a_teachers_files_is_refused_untouched(copy: tuple[Path, Path], tmp_path: Path) -> None:
    cache, _ = copy
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    proc = run_cli("build", "--out", str(folder), *SCENES, cache=cache)
    assert proc.returncode == 2
    assert "holds files that no lecture build wrote" in _one_line(proc)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_a_teachers_files_inside_a_previous_build_are_kept(copy: tuple[Path, Path]) -> None:
    cache, site = copy
    (site / "scenes" / "my-notes.txt").write_text("mine")
    (site / "handouts").mkdir()
    (site / "handouts" / "sheet.pdf").write_bytes(b"%PDF")
    proc = run_cli("build", "--out", str(site), "--scenes", "Title", "--quiet", cache=cache)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (site / "scenes" / "my-notes.txt").read_text() == "mine"
    assert (site / "handouts" / "sheet.pdf").read_bytes() == b"%PDF"
    assert not (site / "scenes" / "08-Recap.mp4").exists(), "the previous build's own files are replaced"


def _tree(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_size) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("where", [".", "scenes", "tests", "/"])
def test_the_project_and_its_source_are_refused_and_nothing_is_deleted(copy: tuple[Path, Path], where: str) -> None:
    cache, _ = copy
    before = {d: _tree(ROOT / d) for d in ("scenes", "tests", "pipeline", "mathcore")}
    proc = run_cli("build", "--out", where, *SCENES, cache=cache)
    assert proc.returncode == 2
    assert _one_line(proc).startswith(f"error: --out {where}: ")
    assert {d: _tree(ROOT / d) for d in before} == before


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _restore(pristine: Path, site: Path) -> None:
    shutil.rmtree(site)
    shutil.copytree(pristine, site, symlinks=True)


def test_a_kill_while_publishing_leaves_the_old_site_or_the_new_never_a_mix(
    copy: tuple[Path, Path], tmp_path: Path
) -> None:
    if shutil.which("strace") is None:
        pytest.fail("strace is not installed: make test installs it (apt-get install strace)")
    cache, site = copy
    old = run_cli("build", "--out", str(site), "--scenes", "Title", "--quiet", cache=cache)
    assert old.returncode == 0, old.stderr[-2000:]
    pristine = tmp_path / "pristine"
    shutil.copytree(site, pristine, symlinks=True)
    old_site = _digests(site)
    # Every rename (and the swap) waits 0.3 s before it happens, so a kill lands inside the publishing.
    strace = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
              "-e", "inject=rename,renameat,renameat2:delay_enter=300000"]  # fmt: skip
    command = [*strace, sys.executable, str(ROOT / "render.py"), "build", "--out", str(site), *SCENES, "--quiet"]
    env = {**os.environ, "LECTURE_CACHE_DIR": str(cache)}
    began = time.monotonic()
    whole = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    took = time.monotonic() - began
    assert whole.returncode == 0, whole.stderr[-2000:]
    new_site = _digests(site)
    assert new_site != old_site
    seen = set()
    for k in range(1, 8):
        _restore(pristine, site)
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * k / 8)
        # Kill the build itself: strace, killed, would let it go on untraced.
        for child in _children(proc.pid):
            os.kill(child, signal.SIGKILL)
        proc.wait(timeout=60)
        now = _digests(site)
        mixed = {k: ("old" if v == old_site.get(k) else "new" if v == new_site.get(k) else "?") for k, v in now.items()}
        assert now in (old_site, new_site), f"a kill after {took * k / 8:.2f} s left a mix: {mixed}"
        seen.add("old" if now == old_site else "new")
    again = run_cli("build", "--out", str(site), *SCENES, "--quiet", cache=cache)
    assert again.returncode == 0, again.stderr[-2000:]
    assert _digests(site) == new_site
    assert not list(site.parent.glob(f".{site.name}.*")), "leftovers of killed builds are removed"


def _workers_of(pid: int) -> list[int]:
    """Worker processes started by the build ``pid`` (they carry its pid in their environment)."""
    found = []
    marker = f"LECTURE_WORKER_PARENT={pid}".encode()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker in (proc / "environ").read_bytes().split(b"\0"):
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def _start_build(cache: Path, site: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "render.py"), "build", "--out", str(site), *args],
        env={**os.environ, "LECTURE_CACHE_DIR": str(cache)}, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _wait_for(proc: subprocess.Popen[str], text: str) -> list[str]:
    seen = []
    assert proc.stdout is not None
    for line in proc.stdout:
        seen.append(line)
        if text in line:
            return seen
    raise AssertionError(f"the build ended before {text!r}: {''.join(seen)[-2000:]}")


def _fresh_cache(seeded: tuple[Path, Path], tmp_path: Path) -> Path:
    """An empty cache but for the compiled formulas (so renders start quickly)."""
    cache = tmp_path / "fresh"
    cache.mkdir()
    shutil.copytree(seeded[0] / "tex", cache / "tex")
    return cache


def test_a_scene_that_finished_is_kept_when_a_worker_is_killed(seeded: tuple[Path, Path], tmp_path: Path) -> None:
    cache, site = _fresh_cache(seeded, tmp_path), tmp_path / "site"
    proc = _start_build(cache, site, *SCENES, "--voice", "none", "--jobs", "1")
    first = _wait_for(proc, "rendering")[-1].split()[0]
    second = _wait_for(proc, "rendering")[-1].split()[0]
    assert {first, second} == {"Title", "Recap"}
    workers = _workers_of(proc.pid)
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGKILL)
    rest = proc.stdout.read()  # type: ignore[union-attr]
    proc.wait(timeout=60)
    proc.stdout.close()  # type: ignore[union-attr]
    assert proc.returncode == 1
    assert f"error: the render of {second} was killed (SIGKILL, signal 9)" in rest
    assert not (site / "manifest.json").exists()
    again = run_cli("build", "--out", str(site), *SCENES, "--voice", "none", "--quiet", cache=cache)
    assert again.returncode == 0, again.stderr[-2000:]
    status = _status(site)
    assert status[first][1] == "cached", "the scene that finished was not rendered again"
    assert status[second][1] == "rendered"


def test_no_worker_outlives_a_killed_build_and_its_scratch_is_swept(seeded: tuple[Path, Path], tmp_path: Path) -> None:
    cache, site = _fresh_cache(seeded, tmp_path), tmp_path / "site"
    proc = _start_build(cache, site, "--scenes", "Recap", "--voice", "none")
    _wait_for(proc, "rendering")
    deadline = time.monotonic() + 60
    while not list((cache / "tmp").glob("*")) and time.monotonic() < deadline:  # the worker's scratch
        time.sleep(0.05)
    assert _workers_of(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stdout.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + 5
    while _workers_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _workers_of(proc.pid) == [], "a worker outlived the build"
    assert list((cache / "tmp").iterdir()), "the killed build left its scratch"
    again = run_cli("build", "--out", str(site), "--scenes", "Title", "--voice", "none", "--quiet", cache=cache)
    assert again.returncode == 0, again.stderr[-2000:]
    assert list((cache / "tmp").iterdir()) == []


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small file system of its own (2 MB), mounted for the test: a disk that fills up."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_under_the_cache_is_one_line_and_the_site_stays(copy: tuple[Path, Path], tmpfs: Path) -> None:
    _, site = copy
    before = _digests(site)
    proc = run_cli("build", "--out", str(site), "--scenes", "Recap", "--set", "title=Another", "--quiet", cache=tmpfs)
    assert proc.returncode == 1
    line = _one_line(proc)
    assert "no space left on the device" in line and str(tmpfs) in line
    assert _digests(site) == before


def test_a_full_disk_under_the_site_is_one_line_and_the_site_stays(copy: tuple[Path, Path], tmpfs: Path) -> None:
    cache, _ = copy
    site = tmpfs / "site"
    first = run_cli("build", "--out", str(site), "--scenes", "Title", "--voice", "none", "--quiet", cache=cache)
    assert first.returncode == 0, first.stderr[-2000:]
    before = _digests(site)
    filler = tmpfs / "filler"
    free = shutil.disk_usage(tmpfs).free
    filler.write_bytes(b"\0" * max(free - 50_000, 0))
    proc = run_cli("build", "--out", str(site), *SCENES, "--voice", "none", "--quiet", cache=cache)
    assert proc.returncode == 1
    line = _one_line(proc)
    assert "no space left on the device" in line and str(site) in line
    assert _digests(site) == before
    assert sorted(p.name for p in tmpfs.iterdir()) == ["filler", "site"]


def _without_override(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    """Run ``render.py`` as a user bound by file permissions: root without the capabilities that
    override them (the project's Python lives under /root, which another user cannot reach)."""
    if os.geteuid() != 0:
        return run_cli(*args, cache=cache)
    drop = "-dac_override,-dac_read_search,-fowner,-chown"
    return subprocess.run(
        ["setpriv", "--bounding-set", drop, sys.executable, str(ROOT / "render.py"), *args],
        env={**os.environ, "LECTURE_CACHE_DIR": str(cache)}, cwd=ROOT, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip


def test_a_cache_the_user_cannot_write_is_one_line(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    cache.mkdir(mode=0o555)
    proc = _without_override(
        "build", "--out", str(site), "--scenes", "Title", "--voice", "none", "--quiet", cache=cache
    )
    assert proc.returncode == 1
    line = _one_line(proc)
    assert str(cache) in line and "permission denied" in line
    assert not (site / "manifest.json").exists()


def test_a_read_only_file_system_under_the_cache_is_one_line(copy: tuple[Path, Path], tmpfs: Path) -> None:
    _, site = copy
    before = _digests(site)
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    proc = run_cli("build", "--out", str(site), "--scenes", "Title", "--voice", "none", "--quiet", cache=tmpfs)
    assert proc.returncode == 1
    line = _one_line(proc)
    assert str(tmpfs) in line and "read-only" in line
    assert _digests(site) == before


def test_an_output_folder_whose_parent_is_not_writable_is_one_line(copy: tuple[Path, Path], tmp_path: Path) -> None:
    cache, _ = copy
    (tmp_path / "locked").mkdir(mode=0o555)
    proc = _without_override("build", "--out", str(tmp_path / "locked" / "site"), "--scenes", "Title", cache=cache)
    assert proc.returncode == 1
    line = _one_line(proc)
    assert "permission denied" in line and str(tmp_path / "locked") in line


def test_an_output_folder_under_a_file_is_one_line(tmp_path: Path, copy: tuple[Path, Path]) -> None:
    cache, _ = copy
    (tmp_path / "a-file").write_text("x")
    proc = run_cli("build", "--out", str(tmp_path / "a-file" / "site"), "--scenes", "Title", cache=cache)
    assert proc.returncode == 1
    assert "a part of this path is a file, not a folder" in _one_line(proc)


def _tone(path: Path, seconds: float) -> None:
    t = np.arange(int(seconds * 8000)) / 8000
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(8000)
        handle.writeframes((0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype(np.int16).tobytes())


def test_a_recording_longer_than_a_beat_can_be_is_refused(copy: tuple[Path, Path], tmp_path: Path) -> None:
    cache, site = copy
    script = run_cli("script", "--format", "json", cache=cache)
    beats = [b for b in json.loads(script.stdout) if b["scene"] == "Title"]
    folder = tmp_path / "rec"
    folder.mkdir()
    for i, beat in enumerate(beats):
        _tone(folder / f"{beat['id']}.wav", 121.0 if i == 1 else 2.0)
    before = _digests(site)
    proc = run_cli("build", "--out", str(site), "--scenes", "Title", "--voice", f"recordings:{folder}", cache=cache)
    assert proc.returncode == 2
    line = _one_line(proc)
    assert beats[1]["id"] in line and "at most 120 s" in line
    assert _digests(site) == before


def test_the_cache_stays_under_its_cap_without_losing_what_the_build_uses(copy: tuple[Path, Path]) -> None:
    cache, site = copy
    before = {e.name for e in (cache / "pictures").iterdir()}
    proc = run_cli("build", "--out", str(site), *SCENES, "--set", "title=Another lecture", "--quiet",
                   cache=cache, env={"LECTURE_CACHE_MAX": "1K"})  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = {e.name for e in (cache / "pictures").iterdir()}
    assert len(after) == 2 and len(before & after) == 1, "the old Title went, the new one and Recap stayed"
    manifest = json.loads((site / "manifest.json").read_text())
    assert all(store.check(cache / "clips" / s["hash"]).valid for s in manifest["scenes"])
    shown = run_cli("cache", cache=cache)
    assert shown.returncode == 0 and str(cache) in shown.stdout and "pictures" in shown.stdout
    pruned = run_cli("cache", "--prune", "--cache-max", "1K", cache=cache)
    assert pruned.returncode == 0 and list((cache / "pictures").iterdir()) == []
    cleared = run_cli("cache", "--clear", cache=cache)
    assert cleared.returncode == 0 and list(cache.iterdir()) == []


def test_a_scene_that_fails_to_render_is_one_line_naming_it_and_its_log(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    latex = bin_dir / "latex"
    latex.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'pdfTeX (broken for the test)' && exit 0\nexit 1\n")
    latex.chmod(0o755)
    cache = tmp_path / "cache"
    proc = run_cli("build", "--out", str(tmp_path / "site"), "--scenes", "Recap", "--voice", "none", "--quiet",
                   cache=cache, env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})  # fmt: skip
    assert proc.returncode == 1
    line = _one_line(proc)
    assert line.startswith("error: rendering Recap failed: ") and "LaTeX" in line
    log = cache / "logs" / "Recap.log"
    assert f"(the whole error: {log})" in line and "Traceback" in log.read_text()
    assert not (tmp_path / "site" / "manifest.json").exists()
