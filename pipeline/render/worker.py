"""Render scenes in a worker process: ``python -m pipeline.worker --serve``.

The worker reads :class:`~pipeline.contracts.RenderJob` lines on stdin and
answers each with :class:`~pipeline.contracts.WorkerMessage` lines on stdout:
``beat`` after each beat (the progress display), then ``done`` or ``error``.

A render happens in the worker's scratch folder in the cache (manim's media
folders are not safe to share between processes), reuses compiled TeX from the
shared store (:mod:`pipeline.texstore`), compiles the formulas the scene still
needs in one batch before drawing it (:mod:`pipeline.texbatch`), and ends as a
sealed cache entry ``pictures/<picture key>/`` (:mod:`pipeline.store`), renamed
into place at once: a finished scene is kept whatever happens to the build.

- ``video.mp4``: the silent picture, H.264, BT.709, faststart;
- ``poster.png``: the scene's last frame;
- ``beats.json``: the beats' ids, captions, frame-exact times, and the
  minimum length the timing source gave each (part of the picture's key).

The beats are timed by the job's voice (:mod:`pipeline.narration`): each beat
lasts at least as long as its narration. A job with ``script_only`` plays the
scene without drawing and answers with its beats (ids and captions).

The worker dies with the process that started it (a parent-death signal), so
no render outlives a killed build.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..contracts import Beat, BeatText, Picture, RenderJob, WorkerMessage
from .quality import QUALITY_SETTINGS

SKIP_ALL = 10**9
"""An animation number no scene reaches: manim skips every animation before it."""

PARENT_ENV = "LECTURE_WORKER_PARENT"


def _compile_formulas_first(
    play: Callable[[], object], shared_tex: Path, settings: dict[str, Any], scratch: Path
) -> None:
    """Compile the formulas ``play`` will need in one batch (:mod:`pipeline.texbatch`).

    Also makes every later formula compile from the preloaded preamble
    (:mod:`pipeline.texformat`). ``settings`` is the render's manim config;
    the first pass runs with it, skipping every animation and writing no video.
    manim's formula caches are empty afterwards, so the scene renders as in a
    fresh process, whatever this worker rendered before.
    """
    from manim import tempconfig

    from .texbatch import precompile
    from .texformat import default_preamble, ensure_format, install_preloaded_preamble

    preamble = default_preamble()
    fmt = ensure_format(shared_tex, preamble)
    if fmt is not None:
        install_preloaded_preamble(fmt, preamble)
    first_pass = {**settings, "dry_run": True, "write_to_movie": False, "from_animation_number": SKIP_ALL}
    first_pass["verbosity"] = "CRITICAL"
    with tempconfig(first_pass):
        precompile(play, preamble, fmt, scratch)


def script(job: RenderJob) -> list[BeatText]:
    """Play the scene in manim's dry run and return its beats' ids and captions."""
    from manim import tempconfig

    from mathcore import LectureParams, compute
    from scenes import scene_class
    from scenes.timing import ReadingPace

    from ..cache import scratch
    from ..cache.texts import save_texts
    from . import texstore

    cache_dir = Path(job.cache_dir)
    shared_tex = cache_dir / "tex"
    data = compute(LectureParams.from_mapping(job.params))
    with scratch.work_folder(cache_dir, f"script-{job.scene}-") as work:
        media = work / "media"
        known = texstore.link_into(shared_tex, media / "Tex")
        cls = scene_class(job.scene)
        settings = {
            "dry_run": True,
            "media_dir": str(media),
            "verbosity": "ERROR",
            "progress_bar": "none",
            "disable_caching": True,
            "from_animation_number": SKIP_ALL,
        }
        play = lambda: cls(data=data, timing=ReadingPace()).render()  # noqa: E731
        _compile_formulas_first(play, shared_tex, settings, work / "stand-ins")
        with tempconfig(settings):
            scene = cls(data=data)
            scene.render()
        texstore.publish_from(cache_dir, media / "Tex", shared_tex, known)
    beats = [BeatText(b.id, b.text) for b in scene.beats]
    save_texts(cache_dir, job.base, beats)
    return beats


def _frame_time(t: float, fps: int) -> float:
    return round(t * fps) / fps


def run(job: RenderJob, on_beat: Callable[[int, float], None] | None = None) -> WorkerMessage:
    """Render the job's scene into a sealed cache entry; return the ``done`` message naming it."""
    from manim import tempconfig
    from PIL import Image

    from mathcore import LectureParams, compute
    from scenes import scene_class
    from scenes.timing import ReadingPace

    from .. import tools
    from ..cache import entries, scratch
    from ..cache.keys import picture_key
    from ..cache.texts import save_texts
    from ..narration.narrator import timing_for
    from ..narration.voices import parse_voice
    from . import texstore
    from .encoder import ENCODER_OPTIONS, install_bt709_frames

    cache_dir = Path(job.cache_dir)
    shared_tex = cache_dir / "tex"
    quality, fps = QUALITY_SETTINGS[job.quality]
    data = compute(LectureParams.from_mapping(job.params))
    install_bt709_frames()
    with scratch.work_folder(cache_dir, f"render-{job.scene}-") as work:
        media = work / "media"
        known = texstore.link_into(shared_tex, media / "Tex")
        settings = {
            "quality": quality,
            "media_dir": str(media),
            "output_file": job.scene,
            "disable_caching": True,
            "verbosity": "WARNING",
            "progress_bar": "none",
            "write_to_movie": True,
            "seed": 0,
            "video_encoder_options": ENCODER_OPTIONS,
        }
        cls = scene_class(job.scene)
        play = lambda: cls(data=data, timing=ReadingPace()).render()  # noqa: E731
        _compile_formulas_first(play, shared_tex, settings, work / "stand-ins")
        with tempconfig(settings):
            timing = timing_for(parse_voice(job.voice), cache_dir)
            scene = cls(data=data, timing=timing)
            scene.beat_listener = on_beat
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            frame = scene.renderer.get_frame()
        entry = work / "entry"
        entry.mkdir()
        tools.ffmpeg("-i", movie, "-map", "0:v", "-c", "copy", "-movflags", "+faststart", entry / "video.mp4")
        Image.fromarray(frame).convert("RGB").save(entry / "poster.png")
        beats = tuple(
            Beat(
                b.id,
                b.text,
                _frame_time(b.start, fps),
                _frame_time(b.end, fps),
                round(timing.seconds(b.id, b.text), 6),
                b.description,
            )
            for b in scene.beats
        )
        (entry / "beats.json").write_text(
            Picture(job.scene, fps, beats[-1].end if beats else 0.0, beats).to_json(), encoding="utf-8"
        )
        texstore.publish_from(cache_dir, media / "Tex", shared_tex, known)
        texts = [BeatText(b.id, b.text) for b in beats]
        picture = picture_key(job.base, [b.min for b in beats])
        save_texts(cache_dir, job.base, texts)
        entries.seal(entry, {"kind": "picture", "scene": job.scene, "base": job.base})
        entries.commit(entry, cache_dir / "pictures" / picture, replace=job.replace)
    return WorkerMessage("done", picture=picture, beats=tuple(texts))


def _failure(err: BaseException, job: RenderJob) -> WorkerMessage:
    """The ``error`` message for an exception: the machine's fault (an OSError) or the scene's."""
    from ..errors import EnvironmentFailure, os_failure

    if isinstance(err, OSError):
        return WorkerMessage("error", message=str(os_failure(err, job.cache_dir)), environment=True)
    if isinstance(err, EnvironmentFailure):
        return WorkerMessage("error", message=str(err), environment=True)
    last = traceback.format_exception_only(type(err), err)[-1].strip()
    return WorkerMessage("error", message=last)


def _send(message: WorkerMessage) -> None:
    print(message.line(), flush=True)


def serve() -> None:
    """Do the jobs that arrive on stdin, one JSON line each, until stdin closes.

    Each job ends with a ``done`` or ``error`` line. A failed job ends the
    process (its traceback on stderr). One process renders several scenes, so
    manim and the scenes are imported once per worker rather than once per scene.
    """
    for line in sys.stdin:
        if not line.strip():
            continue
        job = RenderJob.from_json(line)
        try:
            if job.script_only:
                _send(WorkerMessage("done", beats=tuple(script(job))))
            else:
                _send(run(job, on_beat=lambda i, end: _send(WorkerMessage("beat", index=i, seconds=round(end, 3)))))
        except Exception as err:
            traceback.print_exc()
            _send(_failure(err, job))
            sys.exit(1)


def die_with_parent() -> None:
    """Ask Linux to kill this process when the build that started it dies (``PR_SET_PDEATHSIG``)."""
    parent = os.environ.get(PARENT_ENV)
    if not parent or not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != int(parent):  # the parent died before the request took effect
        os._exit(1)


def main() -> None:
    die_with_parent()
    serve()


if __name__ == "__main__":
    main()
