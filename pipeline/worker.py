"""Render one scene in its own process: ``python -m pipeline.worker JOB.json``.

The job names the scene, the parameters, the quality, the shared TeX cache and
the cache entry to create. The worker renders into a private media folder
(manim's folders are not safe to share between processes), reuses compiled
TeX from the shared cache, compiles the formulas the scene still needs in one
batch before drawing it (:mod:`pipeline.texbatch`), and publishes its results
atomically:

- ``video.mp4``: the silent picture, H.264, BT.709, faststart;
- ``poster.png``: the scene's last frame;
- ``beats.json``: the beats' ids, captions, frame-exact times, and the
  minimum length the timing source gave each (part of the picture's key).

The beats are timed by the job's voice (:mod:`pipeline.narration`): each beat
lasts at least as long as its narration. It prints ``beat <index> <seconds>``
after each beat, for the progress display.

``python -m pipeline.worker --serve`` renders the jobs named on its stdin, one
after another, printing ``done`` after each (the build's worker pool uses this).

``python -m pipeline.worker --script JOB.json`` plays the scene without
writing video and prints its beats as JSON (ids and captions only).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

SKIP_ALL = 10**9
"""An animation number no scene reaches: manim skips every animation before it."""

QUALITY_SETTINGS = {
    "preview": ("low_quality", 15),
    "720p": ("medium_quality", 30),
    "1080p": ("high_quality", 60),
    "4k": ("fourk_quality", 60),
}


def _link_tex(shared: Path, private: Path) -> set[str]:
    """Make the shared compiled TeX visible in the private folder; return the names linked."""
    private.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()
    for svg in shared.glob("*.svg"):
        try:
            os.link(svg, private / svg.name)
        except OSError:
            shutil.copyfile(svg, private / svg.name)
        names.add(svg.name)
    return names


def _publish_tex(private: Path, shared: Path, known: set[str]) -> None:
    """Copy newly compiled TeX into the shared cache, each file atomically."""
    shared.mkdir(parents=True, exist_ok=True)
    for svg in private.glob("*.svg"):
        if svg.name in known or (shared / svg.name).exists():
            continue
        fd, tmp = tempfile.mkstemp(dir=shared, prefix=".svg-")
        os.close(fd)
        shutil.copyfile(svg, tmp)
        os.replace(tmp, shared / svg.name)


def timing_for(voice_label: str, audio_cache: Path):  # type: ignore[no-untyped-def]
    """The timing source of a voice: its narration's length, or the reading pace for ``none``."""
    from scenes.timing import ReadingPace

    from .narration import NarrationTiming, Narrator, parse_voice

    voice = parse_voice(voice_label)
    if not voice.speaks:
        return ReadingPace()
    return NarrationTiming(Narrator(voice, audio_cache))


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


def script(job: dict[str, Any]) -> list[dict[str, str]]:
    """Play the scene in manim's dry run and return its beats' ids and captions."""
    from manim import tempconfig

    from mathcore import LectureParams, compute
    from scenes import scene_class
    from scenes.timing import ReadingPace

    data = compute(LectureParams.from_mapping(job["params"]))
    with tempfile.TemporaryDirectory(prefix="script-") as tmp:
        media = Path(tmp) / "media"
        known = _link_tex(Path(job["tex_cache"]), media / "Tex")
        cls = scene_class(job["scene"])
        settings = {
            "dry_run": True,
            "media_dir": str(media),
            "verbosity": "ERROR",
            "progress_bar": "none",
            "disable_caching": True,
            "from_animation_number": SKIP_ALL,
        }
        play = lambda: cls(data=data, timing=ReadingPace()).render()  # noqa: E731
        _compile_formulas_first(play, Path(job["tex_cache"]), settings, Path(tmp) / "stand-ins")
        with tempconfig(settings):
            scene = cls(data=data)
            scene.render()
        _publish_tex(media / "Tex", Path(job["tex_cache"]), known)
    return [{"id": b.id, "scene": b.scene, "text": b.text} for b in scene.beats]


def run(job: dict[str, Any]) -> None:
    """Render the job's scene and publish the cache entry ``job["target"]``."""
    from manim import tempconfig

    from mathcore import LectureParams, compute
    from scenes import scene_class
    from scenes.timing import ReadingPace

    from .encoder import ENCODER_OPTIONS, install_bt709_frames
    from .media import run_ffmpeg

    name = job["scene"]
    target = Path(job["target"])
    shared_tex = Path(job["tex_cache"])
    quality, fps = QUALITY_SETTINGS[job["quality"]]
    data = compute(LectureParams.from_mapping(job["params"]))
    install_bt709_frames()

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".work-{name}-", dir=target.parent))
    try:
        media = work / "media"
        known = _link_tex(shared_tex, media / "Tex")
        settings = {
            "quality": quality,
            "media_dir": str(media),
            "output_file": name,
            "disable_caching": True,
            "verbosity": "WARNING",
            "progress_bar": "none",
            "write_to_movie": True,
            "seed": 0,
            "video_encoder_options": ENCODER_OPTIONS,
        }
        cls = scene_class(name)
        play = lambda: cls(data=data, timing=ReadingPace()).render()  # noqa: E731
        _compile_formulas_first(play, shared_tex, settings, work / "stand-ins")
        with tempconfig(settings):

            def on_beat(index: int, end: float) -> None:
                print(f"beat {index} {end:.3f}", flush=True)

            timing = timing_for(job.get("voice", "none"), Path(job.get("audio_cache", shared_tex.parent / "audio")))
            scene = cls(data=data, timing=timing)
            scene.beat_listener = on_beat
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            frame = scene.renderer.get_frame()
        entry = work / "entry"
        entry.mkdir()
        run_ffmpeg(
            [
                "-i",
                str(movie),
                "-map",
                "0:v",
                "-c",
                "copy",
                "-movflags",
                "+faststart",
                str(entry / "video.mp4"),
            ]
        )
        from PIL import Image

        Image.fromarray(frame).convert("RGB").save(entry / "poster.png")
        beats = [
            {
                "id": b.id,
                "text": b.text,
                "start": round(b.start * fps) / fps,
                "end": round(b.end * fps) / fps,
                "min": round(timing.seconds(b.id, b.text), 6),
            }
            for b in scene.beats
        ]
        duration = beats[-1]["end"] if beats else 0.0
        (entry / "beats.json").write_text(
            json.dumps({"scene": name, "fps": fps, "duration": duration, "beats": beats}, indent=1),
            encoding="utf-8",
        )
        _publish_tex(media / "Tex", shared_tex, known)
        try:
            os.rename(entry, target)
        except OSError:
            if not (target / "beats.json").exists():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def serve() -> None:
    """Render the jobs whose files are named on stdin, one per line, until stdin closes.

    Prints ``done`` after each job. A failed job ends the process with its
    traceback on stderr. One process renders several scenes, so manim and the
    scenes are imported once per worker rather than once per scene.
    """
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        run(json.loads(Path(path).read_text(encoding="utf-8")))
        print("done", flush=True)


def main() -> None:
    if sys.argv[1] == "--script":
        job = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
        print(json.dumps(script(job)))
        return
    if sys.argv[1] == "--serve":
        serve()
        return
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    run(job)


if __name__ == "__main__":
    main()
