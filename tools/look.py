"""Render scenes at preview quality and save a contact sheet of each beat's last frame.

    python tools/look.py LogCompression --config tests/configs/three_classes.toml --out /tmp/look

Writes ``<out>/<Scene>-<config>.png`` (all beat-end frames, tiled, each with its
beat number) for looking at, and prints the beats' times.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathcore import compute
from mathcore.config import load_params
from pipeline.scene_render import render_scene
from scenes import SCENE_NAMES


def frame_at(video: Path, t: float, out: Path) -> None:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-ss",
            f"{max(t, 0):.3f}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            str(out),
        ],
        check=True,
    )


@click.command()
@click.argument("names", nargs=-1)
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("--set", "overrides", multiple=True)
@click.option("--out", type=click.Path(path_type=Path), default=Path("/tmp/look"))
def main(names: tuple[str, ...], config_path: Path | None, overrides: tuple[str, ...], out: Path) -> None:
    data = compute(load_params(config_path, overrides))
    tag = config_path.stem if config_path else "default"
    out.mkdir(parents=True, exist_ok=True)
    for name in names or SCENE_NAMES:
        result = render_scene(name, data, out / "media" / tag)
        frames = []
        for i, beat in enumerate(result.beats):
            png = out / f"{name}-{tag}-{i:02d}.png"
            frame_at(result.video, beat.end - 0.1, png)
            frames.append(png)
            print(f"{name} beat {i}: {beat.start:6.2f}-{beat.end:6.2f}  {beat.text}")
        if frames:
            images = [Image.open(f) for f in frames]
            w, h = images[0].size
            cols = 2
            rows = (len(images) + cols - 1) // cols
            sheet = Image.new("RGB", (w * cols + 4, h * rows + 4 * rows), "white")
            for i, img in enumerate(images):
                x, y = (i % cols) * (w + 4), (i // cols) * (h + 4)
                sheet.paste(img, (x, y))
                ImageDraw.Draw(sheet).text((x + 6, y + 4), str(i), fill="yellow")
            sheet_path = out / f"{name}-{tag}.png"
            sheet.save(sheet_path)
            print(f"contact sheet: {sheet_path}")


if __name__ == "__main__":
    main()
