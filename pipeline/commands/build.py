"""``render.py build`` (the default command): the course site."""

from __future__ import annotations

from pathlib import Path

import click

from mathcore import LectureParams

from ..build.run import build as run_build
from ..build.run import summary
from ..contracts import BuildOptions
from .options import answers_in_one_line, build_options, lecture_options, out_option, package_option


@click.command()
@answers_in_one_line
@lecture_options
@out_option("output", "Folder for the course site: page, lecture, captions, clips, manifest.")
@build_options
@package_option
def build(params: LectureParams, out_dir: Path, options: BuildOptions) -> None:
    """Render the lecture for a course site (the default command).

    Writes OUT/index.html, embed.html, lecture.mp4, lecture.vtt, lecture.srt,
    chapters.vtt, manifest.json and scenes/NN-<Name>.mp4/.vtt/.png; with
    --package scorm also lecture-scorm12.zip, a SCORM 1.2 package for an LMS.
    Scenes whose inputs did not change come from the cache.

    \b
    Examples:
      python render.py
      python render.py build --quality 1080p --set log_base=2 --out site-bits
      python render.py build --package scorm
    """
    click.echo(summary(run_build(params, out_dir, options)))
