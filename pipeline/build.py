"""Render the lecture for a course site: clips, the whole lecture, captions, chapters, page, manifest.

1. plan (:mod:`pipeline.plan`, :mod:`pipeline.cache`): every scene's keys; which
   cache entries exist and are intact (:mod:`pipeline.store`);
2. render the missing pictures in parallel worker processes, longest first
   (:mod:`pipeline.jobs`, :mod:`pipeline.worker`); each finished one is a cache
   entry at once;
3. add the narration to each picture (:mod:`pipeline.narration`, :mod:`pipeline.soundtrack`);
4. assemble the site beside the output folder and swap it in at once
   (:mod:`pipeline.assemble`, :mod:`pipeline.output`);
5. trim the cache to its cap (:mod:`pipeline.prune`).

A lock file keeps two builds out of one output folder. A build that fails or
is killed leaves the previous output as it was, and keeps every scene that
finished rendering for the next run.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathcore import LectureParams, compute
from scenes import SCENES, TYPICAL_RENDER_SECONDS, SceneSpec

from . import output, prune, store
from .assemble import TRACK, stage
from .audio import write_wav
from .cache import ROOT, scene_key
from .captions import TimedText, cues, snap
from .contracts import RenderJob
from .errors import RenderFailure, UsageError, about, quoted
from .jobs import Finished, Pool, play_for_beats
from .media import require
from .narration import DEFAULT_VOICE, NarrationTiming, Narrator, Voice, engine_version, parse_voice
from .plan import ScenePlan, clip_key, load_texts, picture_key
from .progress import Progress
from .soundtrack import mix, mux, normalise
from .worker import timing_for

CACHE_ENV = "LECTURE_CACHE_DIR"
DAMAGED = "cache entry damaged"


class BuildError(UsageError):
    """A build that cannot go on because of what it was asked; one line for the user."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build: what ``render.py build`` takes besides the lecture and the folder."""

    quality: str = "preview"
    scenes: tuple[str, ...] | None = None
    jobs: int | None = None
    force: bool = False
    quiet: bool = False
    voice: str = DEFAULT_VOICE
    cache_dir: Path | None = None
    cache_max: int | None = None


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    out_dir: Path
    voice: str
    scenes: tuple[ScenePlan, ...]
    duration: float
    seconds: float
    cache: prune.Pruned | None = None


def default_cache_dir() -> Path:
    """``$LECTURE_CACHE_DIR``, else ``.cache/`` beside render.py."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".cache")


def default_jobs() -> int:
    """Parallel renders: one per core, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


def select_scenes(names: Sequence[str] | None) -> list[SceneSpec]:
    """The scenes asked for, in lecture order (all by default)."""
    if names is None:
        return list(SCENES)
    known = {s.name for s in SCENES}
    if not names:
        raise BuildError(f"--scenes: no scene named; the scenes are {', '.join(known)}")
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BuildError(f"--scenes {quoted(unknown[0])}: no such scene; the scenes are {', '.join(known)}")
    return [s for s in SCENES if s.name in names]


def _seconds_file(cache_dir: Path) -> Path:
    """Seconds each scene took to render (``quality:Name``) and lasted (``video:Name``), last time."""
    return cache_dir / "render-seconds.json"


def _load_seconds(cache_dir: Path) -> dict[str, float]:
    try:
        return json.loads(_seconds_file(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def ensure_texts(plans: list[ScenePlan], params: LectureParams, cache_dir: Path) -> None:
    """Know every scene's beats: from the cache, else by playing the scene without video."""
    for p in plans:
        if p.texts is None:
            job = RenderJob(p.spec.name, params.to_mapping(), str(cache_dir), p.base, script_only=True)
            p.texts = list(play_for_beats(job).beats)


def _check_recordings(plans: list[ScenePlan], narrator: Narrator) -> None:
    missing = [b.id for p in plans for b in p.texts or [] if narrator.recording(b.id) is None]
    if missing:
        raise BuildError(
            f"--voice {narrator.voice.label}: {len(missing)} beats have no recording "
            f"(<beat id>.wav, .mp3, .flac or .m4a): {', '.join(missing)}"
        )


def _plan_pictures(plans: list[ScenePlan], timing: object, force: bool) -> None:
    """Which pictures are in the cache and intact; a damaged one is rendered again."""
    for p in plans:
        if p.texts is None or force:
            continue
        minimums = [timing.seconds(b.id, b.text) for b in p.texts]  # type: ignore[attr-defined]
        p.picture = picture_key(p.base, minimums)
        verdict = store.check(p.picture_dir)
        if verdict.valid:
            p.picture_status = "cached"
            p.picture_record = verdict
            store.mark_used(p.picture_dir)
        elif verdict.state is store.State.DAMAGED:
            p.note = DAMAGED


def longest_first(todo: list[ScenePlan], seconds: dict[str, float], quality: str) -> list[ScenePlan]:
    """The scenes to render, longest first: by this machine's last times, else by typical ones."""
    measured = [seconds.get(f"{quality}:{p.spec.name}") for p in todo]
    if all(m is not None for m in measured):
        return [p for _, p in sorted(zip(measured, todo, strict=True), key=lambda mp: -mp[0])]  # type: ignore[operator]
    return sorted(todo, key=lambda p: -TYPICAL_RENDER_SECONDS.get(p.spec.name, 0.0))


def _render_pictures(
    todo: list[ScenePlan], params: LectureParams, options: BuildOptions, cache_dir: Path, progress: Progress
) -> None:
    if not todo:
        return
    seconds = _load_seconds(cache_dir)
    todo = longest_first(todo, seconds, options.quality)
    jobs = [
        RenderJob(p.spec.name, params.to_mapping(), str(cache_dir), p.base, options.quality, options.voice,
                  replace=options.force or bool(p.note))
        for p in todo
    ]  # fmt: skip
    pool = Pool(options.jobs or default_jobs(), progress)
    done: dict[str, Finished] = pool.done
    try:
        pool.run(jobs)
    finally:
        # Finished scenes are in the cache already; remember how long they took, whatever happened.
        for p in todo:
            if p.spec.name in done:
                seconds[f"{options.quality}:{p.spec.name}"] = done[p.spec.name].seconds
        if done:
            store.write_file(
                cache_dir, _seconds_file(cache_dir), json.dumps(seconds, indent=1, sort_keys=True).encode()
            )
    for p in todo:
        finished = done[p.spec.name]
        p.picture = finished.picture
        p.picture_record = store.check(p.picture_dir)
        if not p.picture_record.valid:
            raise RenderFailure(f"rendering {p.spec.name}: its cache entry is {p.picture_record.reason} at once")
        p.picture_status = "rendered"
        p.took = finished.seconds
        p.texts = load_texts(cache_dir, p.base)


def _make_clip(p: ScenePlan, narrator: Narrator | None, force: bool) -> None:
    """Add the narration to a picture (or none): ``clip.mp4``, ``track.flac`` and ``cues.json``."""
    assert p.beats is not None
    beats = p.beats["beats"]
    fps = float(p.beats["fps"])
    if narrator is not None:
        audio = [narrator.beat(b["id"], b["text"]) for b in beats]
        p.clip = clip_key(p.picture or "", narrator.identity(), [a.digest for a in audio])
    else:
        audio = []
        p.clip = clip_key(p.picture or "", {"kind": "none"}, [])
    verdict = store.check(p.clip_dir)
    if verdict.valid and not force:
        p.cues = json.loads((p.clip_dir / "cues.json").read_text(encoding="utf-8"))
        p.clip_record = verdict
        p.status = "cached" if p.picture_status == "cached" else "rendered"
        store.mark_used(p.clip_dir)
        return
    if verdict.state is store.State.DAMAGED:
        p.note = DAMAGED
    with store.work_folder(p.cache_dir, f"clip-{p.spec.name}-") as work:
        entry = work / "entry"
        entry.mkdir()
        video = p.picture_dir / "video.mp4"
        if narrator is not None:
            raw = work / "raw.wav"
            write_wav(raw, mix([(b["start"], a) for b, a in zip(beats, audio, strict=True)], p.duration))
            normalise(raw, entry / TRACK)
            mux(video, entry / TRACK, entry / "clip.mp4")
            p.cues = [
                [snap(b["start"] + piece.start, fps), snap(b["start"] + piece.end, fps), piece.text]
                for b, a in zip(beats, audio, strict=True)
                for piece in a.pieces
            ]
        else:
            mux(video, None, entry / "clip.mp4")
            timed = [TimedText(b["start"], b["end"], b["text"]) for b in beats]
            p.cues = [[c.start, c.end, c.text] for c in cues(timed, fps)]
        (entry / "cues.json").write_text(json.dumps(p.cues, ensure_ascii=False), encoding="utf-8")
        store.seal(entry, {"kind": "clip", "scene": p.spec.name, "picture": p.picture})
        store.commit(entry, p.clip_dir, replace=True)
    p.clip_record = store.check(p.clip_dir)
    p.status = "rendered"


def _voice(options: BuildOptions) -> Voice:
    voice = parse_voice(options.voice)
    if voice.kind in ("flite", "espeak"):
        engine_version(voice.kind)
    return voice


def _status_line(p: ScenePlan) -> str:
    """What happened to a scene, for the progress display and the summary."""
    if p.status == "cached":
        return "cached"
    if p.picture_status == "cached":
        return f"sound re-made ({p.note})" if p.note else "sound only (picture reused)"
    return f"re-rendered ({p.note})" if p.note else "rendered"


def build(params: LectureParams, out_dir: Path, options: BuildOptions | None = None) -> BuildReport:
    """Render the lecture into ``out_dir``; only what changed is rendered again.

    Raises
    ------
    UsageError
        The folder may not be written, another build holds it, an unknown
        scene or voice, or missing recordings; one line for the user.
    EnvironmentFailure
        A missing program, a full disk, a permission, a killed worker.
    RenderFailure
        A scene failed to render.
    """
    options = options or BuildOptions()
    began = time.monotonic()
    began_wall = time.time()
    cache_dir = options.cache_dir or default_cache_dir()
    output.check_writable(out_dir, ROOT, cache_dir)
    require("ffmpeg", "ffprobe", "latex", "dvisvgm")
    voice = _voice(options)
    specs = select_scenes(options.scenes)
    data = compute(params)
    with output.OutputLock(out_dir) as lock:
        output.check_writable(out_dir, ROOT, cache_dir)
        output.sweep_leftovers(out_dir)
        store.sweep(cache_dir)
        timing = timing_for(options.voice, cache_dir)
        narrator = timing.narrator if isinstance(timing, NarrationTiming) else None
        plans = [ScenePlan(SCENES.index(s) + 1, s, scene_key(s, data, options.quality), cache_dir) for s in specs]
        for p in plans:
            p.texts = None if options.force else load_texts(cache_dir, p.base)
        if voice.kind == "recordings":
            ensure_texts(plans, params, cache_dir)
            assert narrator is not None
            _check_recordings(plans, narrator)
        with about(cache_dir):
            _plan_pictures(plans, timing, options.force)
            _render_and_sound(plans, params, options, cache_dir, narrator)
        with about(out_dir), output.staging(out_dir, output.previous_build(out_dir)) as site:
            manifest = stage(site, params, options.quality, voice.label, plans)
            site.publish(manifest, lock)
    wrote = any(p.status != "cached" for p in plans)
    pruned = None
    if wrote:
        cap = options.cache_max if options.cache_max is not None else prune.default_cap()
        pruned = prune.prune(cache_dir, cap, protect_since=began_wall - 1)
    total = sum(p.duration for p in plans)
    return BuildReport(out_dir, voice.label, tuple(plans), total, time.monotonic() - began, pruned)


def _render_and_sound(
    plans: list[ScenePlan], params: LectureParams, options: BuildOptions, cache_dir: Path, narrator: Narrator | None
) -> None:
    progress = Progress([p.spec.name for p in plans], quiet=options.quiet)
    seconds = _load_seconds(cache_dir)
    for p in plans:
        if p.picture_status != "cached":
            progress.update(p.spec.name, expected=seconds.get(f"video:{p.spec.name}"))
    progress.start()
    try:
        todo = [p for p in plans if p.picture_status != "cached"]
        _render_pictures(todo, params, options, cache_dir, progress)
        for p in plans:
            p.beats = json.loads((p.picture_dir / "beats.json").read_text(encoding="utf-8"))
            _make_clip(p, narrator, options.force)
            progress.update(p.spec.name, status=_status_line(p), duration=p.duration, took=p.took)
    finally:
        progress.stop()
    if any(p.picture_status == "rendered" for p in plans):
        for p in plans:
            seconds[f"video:{p.spec.name}"] = p.duration
        store.write_file(cache_dir, _seconds_file(cache_dir), json.dumps(seconds, indent=1, sort_keys=True).encode())


def summary(report: BuildReport) -> str:
    """The table printed at the end of a build."""
    lines = [f"{'scene':<20} {'status':<34} {'video':>8} {'took':>7}"]
    for p in report.scenes:
        took = f"{p.took:6.1f}s" if p.picture_status == "rendered" else "      -"
        lines.append(f"{p.spec.name:<20} {_status_line(p):<34} {p.duration:7.1f}s {took}")
    rendered = sum(1 for p in report.scenes if p.picture_status == "rendered")
    reused = sum(1 for p in report.scenes if p.status == "rendered" and p.picture_status == "cached")
    cached = sum(1 for p in report.scenes if p.status == "cached")
    lines.append(
        f"{len(report.scenes)} scenes: {rendered} rendered, {reused} with new sound on a reused picture, "
        f"{cached} cached; {report.duration:.1f} s of video, voice {report.voice}, in {report.seconds:.1f} s"
    )
    if report.cache is not None:
        freed = f"; removed {report.cache.removed} old entries ({prune.human(report.cache.freed)})"
        lines.append(f"cache: {prune.human(report.cache.size)}{freed if report.cache.removed else ''}")
    lines.append(f"open {report.out_dir / 'index.html'}  (the folder is ready to copy to a course site)")
    return "\n".join(lines)
