"""``render.py check``: validate a lecture's config and say what it would render."""

from __future__ import annotations

import click

from mathcore import LectureParams
from scenes import SCENE_NAMES

from .options import answers_in_one_line, lecture_options


@click.command()
@answers_in_one_line
@lecture_options
def check(params: LectureParams) -> None:
    """Validate a lecture's config and say what it would render.

    Exits with status 0 when the config is valid, 2 with a one-line error otherwise.

    \b
    Example:
      python render.py check --config my_lecture.toml
    """
    guesses = ", ".join(g.name for g in params.guesses)
    click.echo(f"valid: {params.title!r}")
    click.echo(f"  {len(params.draws)} draws of {len(params.classes)} classes ({', '.join(params.classes)})")
    click.echo(f"  {len(params.guesses)} guesses ({guesses}) and the best guess q = p; log base {params.log_base}")
    click.echo(f"  would render {len(SCENE_NAMES)} scenes: {', '.join(SCENE_NAMES)}")
