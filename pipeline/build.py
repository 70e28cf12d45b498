"""Render the lecture for a course site: clips, the whole lecture, captions, chapters, page, manifest.

1. plan (:mod:`pipeline.plan`, :mod:`pipeline.cache`): every scene's keys; what is cached;
2. render the missing pictures in parallel worker processes, longest first
   (:mod:`pipeline.jobs`, :mod:`pipeline.worker`);
3. add the narration to each picture (:mod:`pipeline.narration`, :mod:`pipeline.soundtrack`);
4. stage every output file in a folder inside the output folder, then publish
   them with atomic renames, the manifest last (:mod:`pipeline.assemble`).

A lock file keeps two builds out of one output folder. A build that fails or
is killed leaves the previous output as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mathcore import LectureParams, compute
from scenes import SCENES, TYPICAL_RENDER_SECONDS, SceneSpec

from .assemble import publish, stage
from .cache import ROOT, scene_key
from .captions import TimedText, cues, snap
from .jobs import JobError, Pool, collect_script
from .media import require, write_text_atomic
from .narration import (
    DEFAULT_VOICE,
    NarrationTiming,
    Narrator,
    Voice,
    VoiceError,
    engine_version,
    parse_voice,
    write_wav,
)
from .plan import ScenePlan, clip_key, load_texts, picture_key, save_texts
from .progress import Progress
from .soundtrack import mix, mux, normalise
from .worker import timing_for

CACHE_ENV = "LECTURE_CACHE_DIR"


class BuildError(RuntimeError):
    """A build that cannot go on; the message is one line for the user."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    out_dir: Path
    voice: str
    scenes: tuple[ScenePlan, ...]
    duration: float
    seconds: float


def default_cache_dir() -> Path:
    """``$LECTURE_CACHE_DIR``, else ``.cache/`` beside render.py."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".cache")


def default_jobs() -> int:
    """Parallel renders: one per core, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir/.build.lock``; a second build into the same folder gets a clear error."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / ".build.lock").open("a+") as handle:
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


def select_scenes(names: Sequence[str] | None) -> list[SceneSpec]:
    """The scenes asked for, in lecture order (all by default)."""
    if not names:
        return list(SCENES)
    known = {s.name for s in SCENES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BuildError(f"--scenes {unknown[0]!r}: no such scene; the scenes are {', '.join(known)}")
    return [s for s in SCENES if s.name in names]


def _seconds_file(cache_dir: Path) -> Path:
    """Seconds each scene took to render (``quality:Name``) and lasted (``video:Name``), last time."""
    return cache_dir / "render-seconds.json"


def _load_seconds(cache_dir: Path) -> dict[str, float]:
    try:
        return json.loads(_seconds_file(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _script_job(plan: ScenePlan, params: LectureParams, cache_dir: Path) -> dict:
    return {"scene": plan.spec.name, "params": params.to_mapping(), "tex_cache": str(cache_dir / "tex")}


def ensure_texts(plans: list[ScenePlan], params: LectureParams, cache_dir: Path) -> None:
    """Know every scene's beats: from the cache, else by playing the scene without video."""
    for p in plans:
        if p.texts is None:
            beats = collect_script(_script_job(p, params, cache_dir), cache_dir / "jobs")
            save_texts(cache_dir, p.base, beats)
            p.texts = load_texts(cache_dir, p.base)


def _check_recordings(plans: list[ScenePlan], narrator: Narrator) -> None:
    missing = [b["id"] for p in plans for b in p.texts or [] if narrator.recording(b["id"]) is None]
    if missing:
        raise BuildError(
            f"--voice {narrator.voice.label}: {len(missing)} beats have no recording "
            f"(<beat id>.wav, .mp3, .flac or .m4a): {', '.join(missing)}"
        )


def _plan_pictures(plans: list[ScenePlan], timing: object, force: bool) -> None:
    for p in plans:
        if p.texts is None or force:
            continue
        minimums = [timing.seconds(b["id"], b["text"]) for b in p.texts]  # type: ignore[attr-defined]
        p.picture = picture_key(p.base, minimums)
        if (p.picture_dir / "beats.json").exists():
            p.picture_status = "cached"


def longest_first(todo: list[ScenePlan], seconds: dict[str, float], quality: str) -> list[ScenePlan]:
    """The scenes to render, longest first: by this machine's last times, else by typical ones."""
    measured = [seconds.get(f"{quality}:{p.spec.name}") for p in todo]
    if all(m is not None for m in measured):
        return [p for _, p in sorted(zip(measured, todo, strict=True), key=lambda mp: -mp[0])]  # type: ignore[operator]
    return sorted(todo, key=lambda p: -TYPICAL_RENDER_SECONDS.get(p.spec.name, 0.0))


def _render_pictures(
    todo: list[ScenePlan],
    params: LectureParams,
    quality: str,
    voice: str,
    cache_dir: Path,
    jobs: int,
    progress: Progress,
) -> None:
    if not todo:
        return
    seconds = _load_seconds(cache_dir)
    todo = longest_first(todo, seconds, quality)
    pending = {p.spec.name: cache_dir / "pictures" / f".pending-{p.base[:16]}-{os.getpid()}" for p in todo}
    work = []
    for p in todo:
        shutil.rmtree(pending[p.spec.name], ignore_errors=True)
        job = {
            "scene": p.spec.name,
            "params": params.to_mapping(),
            "quality": quality,
            "voice": voice,
            "tex_cache": str(cache_dir / "tex"),
            "audio_cache": str(cache_dir / "audio"),
            "target": str(pending[p.spec.name]),
        }
        work.append((p.spec.name, job, cache_dir / "jobs"))
    try:
        took = Pool(jobs, progress).run(work)
    except JobError as err:
        raise BuildError(str(err)) from None
    finally:
        for path in pending.values():
            if path.exists() and not (path / "beats.json").exists():
                shutil.rmtree(path, ignore_errors=True)
    for p in todo:
        folder = pending[p.spec.name]
        beats = json.loads((folder / "beats.json").read_text(encoding="utf-8"))
        p.picture = picture_key(p.base, [b["min"] for b in beats["beats"]])
        if p.picture_dir.exists():
            shutil.rmtree(folder)
        else:
            os.rename(folder, p.picture_dir)
        save_texts(cache_dir, p.base, beats["beats"])
        p.picture_status = "rendered"
        p.took = took[p.spec.name]
        seconds[f"{quality}:{p.spec.name}"] = p.took
        seconds[f"video:{p.spec.name}"] = float(beats["duration"])
    write_text_atomic(_seconds_file(cache_dir), json.dumps(seconds, indent=1, sort_keys=True))


def _make_clip(p: ScenePlan, narrator: Narrator | None, force: bool) -> None:
    """Add the narration to a picture (or none): ``clip.mp4``, ``track.wav`` and ``cues.json``."""
    assert p.beats is not None
    beats = p.beats["beats"]
    fps = float(p.beats["fps"])
    if narrator is not None:
        audio = [narrator.beat(b["id"], b["text"]) for b in beats]
        p.clip = clip_key(p.picture or "", narrator.identity(), [a.digest for a in audio])
    else:
        audio = []
        p.clip = clip_key(p.picture or "", {"kind": "none"}, [])
    done = (p.clip_dir / "clip.mp4").exists() and (p.clip_dir / "cues.json").exists()
    if done and not force:
        p.cues = json.loads((p.clip_dir / "cues.json").read_text(encoding="utf-8"))
        p.status = "cached" if p.picture_status == "cached" else "rendered"
        return
    p.clip_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".tmp-{p.spec.name}-", dir=p.clip_dir.parent))
    try:
        video = p.picture_dir / "video.mp4"
        if narrator is not None:
            raw = work / "raw.wav"
            write_wav(raw, mix([(b["start"], a) for b, a in zip(beats, audio, strict=True)], p.duration))
            normalise(raw, work / "track.wav")
            raw.unlink()
            mux(video, work / "track.wav", work / "clip.mp4")
            p.cues = [
                [snap(b["start"] + piece.start, fps), snap(b["start"] + piece.end, fps), piece.text]
                for b, a in zip(beats, audio, strict=True)
                for piece in a.pieces
            ]
        else:
            mux(video, None, work / "clip.mp4")
            timed = [TimedText(b["start"], b["end"], b["text"]) for b in beats]
            p.cues = [[c.start, c.end, c.text] for c in cues(timed, fps)]
        (work / "cues.json").write_text(json.dumps(p.cues, ensure_ascii=False), encoding="utf-8")
        if p.clip_dir.exists():
            shutil.rmtree(p.clip_dir)
        os.rename(work, p.clip_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    p.status = "rendered"


def build(
    params: LectureParams,
    out_dir: Path,
    quality: str = "preview",
    scenes: Sequence[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    quiet: bool = False,
    cache_dir: Path | None = None,
    voice: str = DEFAULT_VOICE,
) -> BuildReport:
    """Render the lecture into ``out_dir``; only what changed is rendered again.

    Raises
    ------
    BuildError
        Another build holds the folder, an unknown scene or voice, missing
        recordings, or a failed render; one line for the user.
    ToolMissing
        ffmpeg, latex, dvisvgm or the voice's synthesiser is not installed.
    """
    began = time.monotonic()
    cache_dir = cache_dir or default_cache_dir()
    require("ffmpeg", "ffprobe", "latex", "dvisvgm")
    try:
        voice_obj: Voice = parse_voice(voice)
        if voice_obj.kind in ("flite", "espeak"):
            engine_version(voice_obj.kind)
    except VoiceError as err:
        raise BuildError(str(err)) from None
    specs = select_scenes(scenes)
    data = compute(params)
    timing = timing_for(voice, cache_dir / "audio")
    narrator = timing.narrator if isinstance(timing, NarrationTiming) else None
    with output_lock(out_dir):
        for stale in out_dir.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        plans = [ScenePlan(SCENES.index(s) + 1, s, scene_key(s, data, quality), cache_dir) for s in specs]
        for p in plans:
            p.texts = None if force else load_texts(cache_dir, p.base)
        try:
            if voice_obj.kind == "recordings":
                ensure_texts(plans, params, cache_dir)
                assert narrator is not None
                _check_recordings(plans, narrator)
            _plan_pictures(plans, timing, force)
        except (JobError, VoiceError) as err:
            raise BuildError(str(err)) from None
        progress = Progress([p.spec.name for p in plans], quiet=quiet)
        seconds = _load_seconds(cache_dir)
        for p in plans:
            if p.picture_status != "cached":
                progress.update(p.spec.name, expected=seconds.get(f"video:{p.spec.name}"))
        progress.start()
        try:
            todo = [p for p in plans if p.picture_status != "cached"]
            _render_pictures(todo, params, quality, voice, cache_dir, jobs or default_jobs(), progress)
            for p in plans:
                p.beats = json.loads((p.picture_dir / "beats.json").read_text(encoding="utf-8"))
                try:
                    _make_clip(p, narrator, force)
                except VoiceError as err:
                    raise BuildError(str(err)) from None
                status = p.status if p.picture_status != "cached" or p.status == "cached" else "sound only"
                progress.update(p.spec.name, status=status, duration=p.duration, took=p.took)
        finally:
            progress.stop()
        folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
        try:
            manifest = stage(folder, params, quality, voice_obj.label, plans)
            publish(folder, out_dir, manifest)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    total = sum(p.duration for p in plans)
    return BuildReport(out_dir, voice_obj.label, tuple(plans), total, time.monotonic() - began)


def summary(report: BuildReport) -> str:
    """The table printed at the end of a build."""
    lines = [f"{'scene':<20} {'status':<22} {'video':>8} {'took':>7}"]
    for p in report.scenes:
        if p.status == "cached":
            status = "cached"
        elif p.picture_status == "cached":
            status = "sound only (picture reused)"
        else:
            status = "rendered"
        took = f"{p.took:6.1f}s" if p.picture_status == "rendered" else "      -"
        lines.append(f"{p.spec.name:<20} {status:<22} {p.duration:7.1f}s {took}")
    rendered = sum(1 for p in report.scenes if p.picture_status == "rendered")
    reused = sum(1 for p in report.scenes if p.status == "rendered" and p.picture_status == "cached")
    cached = sum(1 for p in report.scenes if p.status == "cached")
    lines.append(
        f"{len(report.scenes)} scenes: {rendered} rendered, {reused} with new sound on a reused picture, "
        f"{cached} cached; {report.duration:.1f} s of video, voice {report.voice}, in {report.seconds:.1f} s"
    )
    lines.append(f"open {report.out_dir / 'index.html'}  (the folder is ready to copy to a course site)")
    return "\n".join(lines)
