"""Render the lecture for a course site: clips, the whole lecture, captions, chapters, page, manifest.

1. plan (:mod:`.plan`): every scene's keys; which cache entries exist and are intact;
2. render the missing pictures in parallel worker processes, longest first
   (:mod:`.pool`, :mod:`pipeline.render.worker`); each finished one is a cache entry at once;
3. add the narration to each picture (:mod:`.clips`);
4. assemble the site beside the output folder (with ``--package scorm``, its SCORM package
   too: :mod:`pipeline.publish.scorm`) and swap it in at once (:mod:`pipeline.publish`);
5. trim the cache to its cap (:mod:`pipeline.cache.limit`).

A lock file keeps two builds out of one output folder. A build that fails or
is killed leaves the previous output as it was, and keeps every scene that
finished rendering for the next run.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mathcore import LectureParams, compute
from scenes import SCENES
from scenes.timing import TimingSource

from .. import tools
from ..cache import entries, limit, scratch
from ..cache.keys import ROOT, scene_key
from ..cache.texts import load_texts
from ..contracts import BuildOptions, Manifest, RenderJob, SceneResult, Status
from ..errors import RenderFailure, about
from ..narration.narrator import NarrationTiming, Narrator, timing_for
from ..narration.voices import Espeak, Flite, Recordings, Voice, parse_voice
from ..publish import output, scorm
from ..publish.assemble import assemble
from .clips import make_clip
from .cluster import ClusterPool
from .plan import ScenePlan, check_recordings, ensure_texts, longest_first, plan_pictures, select_scenes
from .pool import Pool, label_of
from .progress import Progress

CACHE_ENV = "LECTURE_CACHE_DIR"


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    out_dir: Path
    voice: str
    scenes: tuple[ScenePlan, ...]
    duration: float
    seconds: float
    cache: limit.Pruned | None = None


def default_cache_dir() -> Path:
    """``$LECTURE_CACHE_DIR``, else ``.cache/`` beside render.py."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".cache")


def default_jobs() -> int:
    """Parallel renders: one per core, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


class RenderSeconds:
    """How long each scene took to render (``quality:Name``) and lasted (``video:Name``) last time.

    Kept in ``render-seconds.json`` in the cache: it orders the work longest first
    and gives the progress display its expected lengths.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.path = cache_dir / "render-seconds.json"
        try:
            self.values: dict[str, float] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.values = {}

    def save(self) -> None:
        scratch.write_file(self.cache_dir, self.path, json.dumps(self.values, indent=1, sort_keys=True).encode())


def renderer(
    options: BuildOptions, progress: Progress, keep_going: bool = False, label: Callable[[RenderJob], str] = label_of
) -> Pool | ClusterPool:
    """Where the pictures render: worker processes here, or tasks on the Dask cluster ``options.cluster``."""
    if options.cluster:
        return ClusterPool(options.cluster, progress, keep_going, label)
    return Pool(options.jobs or default_jobs(), progress, keep_going, label)


def _render_pictures(
    todo: list[ScenePlan], params: LectureParams, options: BuildOptions, seconds: RenderSeconds, progress: Progress
) -> None:
    """Render the pictures not in the cache; each is a cache entry as soon as it is done."""
    if not todo:
        return
    todo = longest_first(todo, seconds.values, options.quality)
    jobs = [
        RenderJob(p.spec.name, params.to_mapping(), str(p.cache_dir), p.base, options.quality, options.voice,
                  replace=options.force or bool(p.note))
        for p in todo
    ]  # fmt: skip
    pool = renderer(options, progress)
    try:
        pool.run(jobs)
    finally:
        # Finished scenes are in the cache already; remember how long they took, whatever happened.
        for finished in pool.done.values():
            seconds.values[f"{options.quality}:{finished.scene}"] = finished.seconds
        if pool.done:
            seconds.save()
    for p in todo:
        finished = pool.done[p.base]
        p.picture = finished.picture
        p.picture_record = entries.check(p.picture_dir)
        if not p.picture_record.valid:
            raise RenderFailure(f"rendering {p.spec.name}: its cache entry is {p.picture_record.reason} at once")
        p.picture_status = Status.RENDERED
        p.took = finished.seconds
        p.texts = load_texts(p.cache_dir, p.base)


@dataclass
class Planned:
    """A lecture planned against the cache: its scenes, their voice and timing."""

    params: LectureParams
    options: BuildOptions
    cache_dir: Path
    voice: Voice
    timing: TimingSource
    plans: list[ScenePlan]

    @property
    def narrator(self) -> Narrator | None:
        return self.timing.narrator if isinstance(self.timing, NarrationTiming) else None


def _voice(options: BuildOptions) -> Voice:
    """The voice asked for; a synthesizer that is not installed is named with its install command."""
    voice = parse_voice(options.voice)
    if isinstance(voice, Flite | Espeak):
        voice.check()
    return voice


def plan(params: LectureParams, options: BuildOptions) -> Planned:
    """Every scene's keys, what the cache holds intact, and (for recordings) that every beat has one."""
    cache_dir = options.cache_dir or default_cache_dir()
    tools.require("ffmpeg", "ffprobe", "latex", "dvisvgm")
    voice = _voice(options)
    specs = select_scenes(options.scenes)
    data = compute(params)
    scratch.sweep(cache_dir)
    timing = timing_for(voice, cache_dir)
    plans = [ScenePlan(SCENES.index(s) + 1, s, scene_key(s, data, options.quality), cache_dir) for s in specs]
    for p in plans:
        p.texts = None if options.force else load_texts(cache_dir, p.base)
    if isinstance(voice, Recordings):
        ensure_texts(plans, params)
        check_recordings(plans, voice)
    with about(cache_dir):
        plan_pictures(plans, timing, options.force)
    return Planned(params, options, cache_dir, voice, timing, plans)


def render(planned: Planned, sound: bool = True) -> list[SceneResult]:
    """Render the missing pictures (and, with ``sound``, make the clips), showing progress."""
    plans, options = planned.plans, planned.options
    seconds = RenderSeconds(planned.cache_dir)
    progress = Progress([p.spec.name for p in plans], quiet=options.quiet)
    for p in plans:
        if p.picture_status is not Status.CACHED:
            progress.update(p.spec.name, expected=seconds.values.get(f"video:{p.spec.name}"))
    progress.start()
    try:
        todo = [p for p in plans if p.picture_status is not Status.CACHED]
        with about(planned.cache_dir):
            _render_pictures(todo, planned.params, options, seconds, progress)
            for p in plans if sound else ():
                p.result = make_clip(p, planned.narrator, options.force)
                progress.update(p.spec.name, status=p.status_line(), duration=p.done.duration, took=p.took)
    finally:
        progress.stop()
    if sound and todo:
        seconds.values.update({f"video:{p.spec.name}": p.done.duration for p in plans})
        seconds.save()
    return [p.done for p in plans] if sound else []


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
    began, began_wall = time.monotonic(), time.time()
    cache_dir = options.cache_dir or default_cache_dir()
    output.check_writable(out_dir, ROOT, cache_dir)
    with output.OutputLock(out_dir) as lock:
        output.check_writable(out_dir, ROOT, cache_dir)
        output.sweep_leftovers(out_dir)
        planned = plan(params, options)
        results = render(planned)
        with about(out_dir), output.staging(out_dir, output.previous_build(out_dir)) as site:
            scenes = assemble(site, params.title, results, cache_dir)
            if options.package:  # inside the staging: swapped in with the site, or not at all
                scorm.package(site, params.title, options.package)
            total = sum(r.duration for r in results)
            manifest = Manifest(params.title, options.quality, planned.voice.label, params.to_mapping(), total, scenes)
            site.publish(manifest, lock)
    pruned = None
    if any(r.status is not Status.CACHED for r in results):
        cap = options.cache_max if options.cache_max is not None else limit.default_cap()
        pruned = limit.prune(cache_dir, cap, protect_since=began_wall - 1)
    return BuildReport(out_dir, planned.voice.label, tuple(planned.plans), total, time.monotonic() - began, pruned)


def summary(report: BuildReport) -> str:
    """The table printed at the end of a build."""
    lines = [f"{'scene':<20} {'status':<34} {'video':>8} {'took':>7}"]
    for p in report.scenes:
        took = f"{p.took:6.1f}s" if p.picture_status is Status.RENDERED else "      -"
        lines.append(f"{p.spec.name:<20} {p.status_line():<34} {p.done.duration:7.1f}s {took}")
    results = [p.done for p in report.scenes]
    rendered = sum(1 for r in results if r.picture_status is Status.RENDERED)
    reused = sum(1 for r in results if r.status is Status.RENDERED and r.picture_status is Status.CACHED)
    cached = sum(1 for r in results if r.status is Status.CACHED)
    lines.append(
        f"{len(results)} scenes: {rendered} rendered, {reused} with new sound on a reused picture, "
        f"{cached} cached; {report.duration:.1f} s of video, voice {report.voice}, in {report.seconds:.1f} s"
    )
    if report.cache is not None:
        freed = f"; removed {report.cache.removed} old entries ({limit.human(report.cache.freed)})"
        lines.append(f"cache: {limit.human(report.cache.size)}{freed if report.cache.removed else ''}")
    lines.append(f"open {report.out_dir / 'index.html'}  (the folder is ready to copy to a course site)")
    return "\n".join(lines)
