"""A storyboard: every beat's last frame, per scene, as PNGs, contact sheets and a page.

The pictures are the build's own (the same plan, workers, settings and
cache), so a storyboard after a build costs only the frame extraction, and a
build after a storyboard reuses every picture it rendered. A teacher who
changed the lecture looks at the layout here before rendering the sound and
publishing the video.
"""

from __future__ import annotations

import html
import io
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from mathcore import LectureParams

from .. import tools
from ..cache import scratch
from ..cache.keys import ROOT
from ..contracts import BuildOptions, Picture, Status
from ..errors import about
from ..publish import output
from .plan import ScenePlan
from .run import default_cache_dir, plan, render

SHEET_COLUMNS = 2
GAP = 4


@dataclass(frozen=True)
class Frame:
    """One beat's last frame: where it is in the storyboard, and the beat's caption."""

    file: str
    beat: int
    caption: str


def last_frames(video: Path, picture: Picture, work: Path) -> list[Path]:
    """The last frame of every beat of ``video``, as PNGs in ``work`` (one ffmpeg run)."""
    numbers = [max(round(b.end * picture.fps) - 1, 0) for b in picture.beats]
    select = "+".join(f"eq(n\\,{n})" for n in numbers)
    tools.ffmpeg("-i", video, "-vf", f"select='{select}'", "-fps_mode", "passthrough", work / "beat-%02d.png")
    return [work / f"beat-{i:02d}.png" for i in range(1, len(numbers) + 1)]


def contact_sheet(frames: list[Path]) -> bytes:
    """The frames tiled two by two, each with its beat number (PNG)."""
    images = [Image.open(f).convert("RGB") for f in frames]
    width, height = images[0].size
    rows = (len(images) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    sheet = Image.new("RGB", (SHEET_COLUMNS * (width + GAP), rows * (height + GAP)), "white")
    for i, image in enumerate(images):
        x, y = (i % SHEET_COLUMNS) * (width + GAP), (i // SHEET_COLUMNS) * (height + GAP)
        sheet.paste(image, (x, y))
        ImageDraw.Draw(sheet).text((x + 6, y + 4), str(i + 1), fill="yellow")
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _page(title: str, scenes: list[tuple[ScenePlan, list[Frame]]]) -> str:
    sections = []
    for p, frames in scenes:
        figures = "\n".join(
            f'      <figure><img src="{html.escape(f.file)}" alt="beat {f.beat} of {html.escape(p.spec.name)}" '
            f'width="427"><figcaption>{f.beat}. {html.escape(f.caption)}</figcaption></figure>'
            for f in frames
        )
        sections.append(f'    <section>\n      <h2>{p.index}. {html.escape(p.spec.title)} ({p.spec.name})</h2>\n'
                        f"{figures}\n    </section>")  # fmt: skip
    body = "\n".join(sections)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Storyboard: {html.escape(title)}</title>
  <style>
    body {{ background: #16181d; color: #eceff4; font: 16px/1.5 "DejaVu Sans", sans-serif; margin: 24px; }}
    section {{ display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 24px; }}
    h2 {{ width: 100%; font-size: 1.1rem; margin: 0; }}
    figure {{ margin: 0; width: 427px; }} figcaption {{ color: #c5cbd6; font-size: 0.85rem; }}
    img {{ display: block; width: 427px; height: auto; }}
  </style>
</head>
<body>
  <main>
    <h1>Storyboard: {html.escape(title)}</h1>
{body}
  </main>
</body>
</html>
"""


@dataclass(frozen=True)
class StoryboardReport:
    out_dir: Path
    beats: int
    rendered: int
    seconds: float


def storyboard(params: LectureParams, out_dir: Path, options: BuildOptions) -> StoryboardReport:
    """Render the scenes' pictures as a build does (from the cache where it can) and lay out their beats."""
    began = time.monotonic()
    cache_dir = options.cache_dir or default_cache_dir()
    output.check_writable(out_dir, ROOT, cache_dir)
    with output.OutputLock(out_dir) as lock:
        output.sweep_leftovers(out_dir)
        planned = plan(params, options)
        render(planned, sound=False)
        listed: list[tuple[ScenePlan, list[Frame]]] = []
        with about(out_dir), output.staging(out_dir, output.previous_build(out_dir)) as site:
            for p in planned.plans:
                picture = Picture.read(p.picture_dir / "beats.json")
                with about(cache_dir), scratch.work_folder(cache_dir, "storyboard-") as work:
                    frames = last_frames(p.picture_dir / "video.mp4", picture, work)
                    stem = f"{p.index:02d}-{p.spec.name}"
                    shown = []
                    for number, (frame, beat) in enumerate(zip(frames, picture.beats, strict=True), start=1):
                        site.write(f"{stem}-{number:02d}.png", frame.read_bytes())
                        shown.append(Frame(f"{stem}-{number:02d}.png", number, beat.text))
                    site.write(f"{stem}.png", contact_sheet(frames))
                listed.append((p, shown))
            site.write("index.html", _page(params.title, listed))
            site.publish({"title": params.title, "storyboard": True, "quality": options.quality}, lock)
    beats = sum(len(frames) for _, frames in listed)
    rendered = sum(1 for p in planned.plans if p.picture_status is Status.RENDERED)
    return StoryboardReport(out_dir, beats, rendered, time.monotonic() - began)
