"""``render.py storyboard``: every beat's last frame, to check a lecture's layout before the video."""

from __future__ import annotations

from pathlib import Path

import click

from mathcore import LectureParams

from ..build.storyboard import storyboard as make_storyboard
from ..contracts import BuildOptions
from .options import answers_in_one_line, build_options, lecture_options, out_option


@click.command()
@answers_in_one_line
@lecture_options
@out_option("storyboard", "Folder for the storyboard: index.html, a contact sheet per scene, every beat's frame.")
@build_options
def storyboard(params: LectureParams, out_dir: Path, options: BuildOptions) -> None:
    """Lay out the last frame of every beat, to check the layout before rendering the video.

    Renders the scenes' pictures exactly as a build does, from the same cache
    (so a build afterwards reuses them, and a storyboard after a build renders
    nothing), and writes OUT/index.html, OUT/NN-<Scene>.png (a contact sheet of
    the scene's beats) and OUT/NN-<Scene>-BB.png (each beat's last frame).

    \b
    Examples:
      python render.py storyboard
      python render.py storyboard --config tests/configs/three_classes.toml --scenes LogCompression --out /tmp/sb
    """
    report = make_storyboard(params, out_dir, options)
    click.echo(
        f"{report.beats} beats of {len(options.scenes or []) or 'all'} scenes, {report.rendered} rendered, "
        f"in {report.seconds:.1f} s"
    )
    click.echo(f"open {report.out_dir / 'index.html'}")
