"""Render the lecture for a course site: clips, the whole lecture, captions, chapters, page, manifest.

Steps, each in its own module:

1. plan: the cache key of every scene (:mod:`pipeline.cache`); scenes whose
   clip is in the cache are not rendered again;
2. render the others in parallel worker processes (:mod:`pipeline.worker`),
   longest first;
3. assemble everything in a staging folder inside the output folder: clips,
   captions and posters per scene, the joined lecture, its captions and
   chapters, the page, the manifest (:mod:`pipeline.site`, :mod:`pipeline.captions`);
4. publish: move each staged file over the old one (atomic renames), the
   manifest last.

A lock file keeps two builds out of one output folder. A build that fails or
is killed leaves the previous output as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mathcore import LectureParams, compute
from scenes import SCENES, SceneSpec

from .cache import ROOT, scene_key
from .captions import Cue, TimedText, cues, to_srt, to_vtt
from .media import concat_videos, require, write_text_atomic
from .progress import Progress
from .site import ClipPage, embed_html, index_html

CACHE_ENV = "LECTURE_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$LECTURE_CACHE_DIR``, else ``.cache/`` beside render.py."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".cache")


class BuildError(RuntimeError):
    """A build that cannot go on; the message is one line for the user."""


@dataclass
class SceneResult:
    """One scene of a build: where its clip is and how it got there."""

    index: int
    spec: SceneSpec
    key: str
    entry: Path
    status: str = "queued"
    took: float = 0.0
    beats: dict[str, Any] | None = None

    @property
    def stem(self) -> str:
        return f"{self.index:02d}-{self.spec.name}"

    @property
    def duration(self) -> float:
        assert self.beats is not None
        return float(self.beats["duration"])


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    out_dir: Path
    scenes: tuple[SceneResult, ...]
    duration: float
    seconds: float


def default_jobs() -> int:
    """Parallel renders: one per core (each worker's encoder uses 2 threads), at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir/.build.lock``; a second build into the same folder gets a clear error."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".build.lock"
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BuildError(
                f"another build is writing to {out_dir} ({holder}); wait for it or use another --out"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def _select(names: Sequence[str] | None) -> list[SceneSpec]:
    if not names:
        return list(SCENES)
    known = {s.name: s for s in SCENES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BuildError(f"--scenes {unknown[0]!r}: no such scene; the scenes are {', '.join(known)}")
    return [s for s in SCENES if s.name in names]


def _durations_file(cache_dir: Path) -> Path:
    """Seconds each scene took to render (``quality:Name``) and lasted (``video:Name``), last time."""
    return cache_dir / "render-seconds.json"


def _load_durations(cache_dir: Path) -> dict[str, float]:
    try:
        return json.loads(_durations_file(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _render_one(
    result: SceneResult,
    params: LectureParams,
    quality: str,
    cache_dir: Path,
    progress: Progress,
    processes: list[subprocess.Popen[str]],
    lock: threading.Lock,
) -> None:
    job = {
        "scene": result.spec.name,
        "params": params.to_mapping(),
        "quality": quality,
        "tex_cache": str(cache_dir / "tex"),
        "target": str(result.entry),
    }
    result.entry.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=result.entry.parent) as handle:
        json.dump(job, handle)
        job_file = Path(handle.name)
    started = time.monotonic()
    progress.update(result.spec.name, status="rendering", started=started)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.worker", str(job_file)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        with lock:
            processes.append(proc)
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "beat":
                progress.update(result.spec.name, beat=int(parts[1]) + 1, seconds_rendered=float(parts[2]))
        stderr = proc.stderr.read() if proc.stderr else ""
        if proc.wait() != 0:
            last = [ln for ln in stderr.strip().splitlines() if ln.strip()][-1:] or ["no error output"]
            progress.update(result.spec.name, status="failed", error=last[0][:200])
            raise BuildError(f"rendering {result.spec.name} failed: {last[0][:300]}")
    finally:
        job_file.unlink(missing_ok=True)
    result.took = time.monotonic() - started
    result.status = "rendered"


def _render_missing(
    todo: list[SceneResult],
    params: LectureParams,
    quality: str,
    cache_dir: Path,
    jobs: int,
    progress: Progress,
) -> None:
    if not todo:
        return
    seconds = _load_durations(cache_dir)
    todo = sorted(todo, key=lambda r: -seconds.get(f"{quality}:{r.spec.name}", 0.0))
    processes: list[subprocess.Popen[str]] = []
    lock = threading.Lock()
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(_render_one, r, params, quality, cache_dir, progress, processes, lock)
                for r in todo
            ]
            errors = [f.exception() for f in futures]
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.terminate()
    failed = [e for e in errors if e is not None]
    if failed:
        raise failed[0] if isinstance(failed[0], BuildError) else BuildError(str(failed[0]))
    for r in todo:
        seconds[f"{quality}:{r.spec.name}"] = r.took
        beats = json.loads((r.entry / "beats.json").read_text(encoding="utf-8"))
        seconds[f"video:{r.spec.name}"] = float(beats["duration"])
    write_text_atomic(_durations_file(cache_dir), json.dumps(seconds, indent=1, sort_keys=True))


def _place(source: Path, target: Path) -> None:
    """Put ``source``'s content at ``target`` (a hard link where possible, else a copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _assemble(
    stage: Path, title: str, quality: str, params: LectureParams, results: list[SceneResult]
) -> dict:
    clips: list[ClipPage] = []
    lecture_cues: list[Cue] = []
    start = 0.0
    for r in results:
        assert r.beats is not None
        fps = float(r.beats["fps"])
        timed = [TimedText(b["start"], b["end"], b["text"]) for b in r.beats["beats"]]
        scene_cues = cues(timed, fps)
        lecture_cues += cues(timed, fps, offset=start)
        _place(r.entry / "clip.mp4", stage / "scenes" / f"{r.stem}.mp4")
        _place(r.entry / "poster.png", stage / "scenes" / f"{r.stem}.png")
        (stage / "scenes" / f"{r.stem}.vtt").write_text(to_vtt(scene_cues), encoding="utf-8")
        clips.append(
            ClipPage(
                r.spec.name,
                r.spec.title,
                f"scenes/{r.stem}.mp4",
                f"scenes/{r.stem}.vtt",
                f"scenes/{r.stem}.png",
                start,
                r.duration,
                tuple(scene_cues),
            )
        )
        start += r.duration
    concat_videos([r.entry / "clip.mp4" for r in results], stage / "lecture.mp4")
    _place(results[0].entry / "poster.png", stage / "lecture.png")
    (stage / "lecture.vtt").write_text(to_vtt(lecture_cues), encoding="utf-8")
    (stage / "lecture.srt").write_text(to_srt(lecture_cues), encoding="utf-8")
    chapters = [Cue(c.start, c.start + c.duration, c.title) for c in clips]
    (stage / "chapters.vtt").write_text(to_vtt(chapters), encoding="utf-8")
    (stage / "index.html").write_text(
        index_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt", lecture_cues, clips),
        encoding="utf-8",
    )
    (stage / "embed.html").write_text(
        embed_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt"), encoding="utf-8"
    )
    return {
        "title": title,
        "quality": quality,
        "params": params.to_mapping(),
        "lecture": {
            "video": "lecture.mp4",
            "captions": "lecture.vtt",
            "captions_srt": "lecture.srt",
            "chapters": "chapters.vtt",
            "poster": "lecture.png",
            "page": "index.html",
            "embed": "embed.html",
            "duration_s": round(start, 6),
        },
        "scenes": [
            {
                "name": c.name,
                "title": c.title,
                "video": c.video,
                "captions": c.captions,
                "poster": c.poster,
                "start_s": round(c.start, 6),
                "duration_s": round(c.duration, 6),
                "hash": r.key,
                "status": r.status,
            }
            for c, r in zip(clips, results, strict=True)
        ],
    }


def _publish(stage: Path, out_dir: Path, manifest: dict) -> None:
    """Move staged files into place, one atomic rename each, the manifest last; drop stale clips."""
    staged = sorted(p for p in stage.rglob("*") if p.is_file())
    for path in staged:
        target = out_dir / path.relative_to(stage)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    write_text_atomic(out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    keep = {out_dir / p.relative_to(stage) for p in staged}
    scenes_dir = out_dir / "scenes"
    for old in scenes_dir.glob("*") if scenes_dir.exists() else []:
        if old.is_file() and old not in keep:
            old.unlink()


def build(
    params: LectureParams,
    out_dir: Path,
    quality: str = "preview",
    scenes: Sequence[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    quiet: bool = False,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Render the lecture into ``out_dir``; only scenes whose inputs changed are rendered.

    Raises
    ------
    BuildError
        Another build holds the folder, an unknown scene was asked for, or a render failed.
    ToolMissing
        ffmpeg, latex or dvisvgm is not installed.
    """
    began = time.monotonic()
    cache_dir = cache_dir or default_cache_dir()
    require("ffmpeg", "ffprobe", "latex", "dvisvgm")
    specs = _select(scenes)
    data = compute(params)
    with output_lock(out_dir):
        for stale in out_dir.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        results = []
        for spec in specs:
            key = scene_key(spec, data, quality)
            results.append(SceneResult(SCENES.index(spec) + 1, spec, key, cache_dir / "clips" / key))
        progress = Progress([r.spec.name for r in results], quiet=quiet)
        seconds = _load_durations(cache_dir)
        todo = []
        for r in results:
            if force and r.entry.exists():
                shutil.rmtree(r.entry)
            if (r.entry / "beats.json").exists():
                r.status = "cached"
            else:
                todo.append(r)
                progress.update(r.spec.name, expected=seconds.get(f"video:{r.spec.name}"))
        progress.start()
        try:
            for r in results:
                if r.status == "cached":
                    r.beats = json.loads((r.entry / "beats.json").read_text(encoding="utf-8"))
                    progress.update(r.spec.name, status="cached", duration=r.duration)
            _render_missing(todo, params, quality, cache_dir, jobs or default_jobs(), progress)
            for r in todo:
                r.beats = json.loads((r.entry / "beats.json").read_text(encoding="utf-8"))
                progress.update(r.spec.name, status="rendered", duration=r.duration, took=r.took)
        finally:
            progress.stop()
        stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
        try:
            manifest = _assemble(stage, params.title, quality, params, results)
            _publish(stage, out_dir, manifest)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    total = sum(r.duration for r in results)
    return BuildReport(out_dir, tuple(results), total, time.monotonic() - began)


def summary(report: BuildReport) -> str:
    """The table printed at the end of a build."""
    lines = [f"{'scene':<20} {'status':<9} {'video':>8} {'took':>7}"]
    for r in report.scenes:
        took = f"{r.took:6.1f}s" if r.status == "rendered" else "      -"
        lines.append(f"{r.spec.name:<20} {r.status:<9} {r.duration:7.1f}s {took}")
    rendered = sum(1 for r in report.scenes if r.status == "rendered")
    lines.append(
        f"{len(report.scenes)} scenes ({rendered} rendered, {len(report.scenes) - rendered} cached), "
        f"{report.duration:.1f} s of video, in {report.seconds:.1f} s"
    )
    lines.append(f"open {report.out_dir / 'index.html'}  (the folder is ready to copy to a course site)")
    return "\n".join(lines)
