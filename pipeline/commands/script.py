"""``render.py script``: the narration script, for a teacher who records the lecture."""

from __future__ import annotations

from pathlib import Path

import click

from mathcore import LectureParams

from ..build.script import format_script, lecture_script
from .options import answers_in_one_line, cache_options, lecture_options


@click.command()
@answers_in_one_line
@lecture_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["txt", "csv", "json"]),
    default="txt",
    show_default=True,
    help="txt: one block per beat; csv: id,scene,text; json: a list of objects.",
)
@cache_options
def script(params: LectureParams, fmt: str, cache_dir: Path | None, cache_max: int | None) -> None:
    """Print the narration script: every beat's id, scene and text.

    Record each beat as <beat id>.wav (or .mp3, .flac, .m4a) in one folder and
    render with --voice recordings:FOLDER. A beat's id stays the same while its
    text does.

    \b
    Example:
      python render.py script --format csv > script.csv
    """
    click.echo(format_script(lecture_script(params, cache_dir), fmt), nl=False)
