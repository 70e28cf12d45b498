"""``render.py numbers``: every number of the lecture as JSON."""

from __future__ import annotations

import json

import click

from mathcore import LectureParams, compute
from mathcore.export import lecture_numbers

from .options import answers_in_one_line, lecture_options


@click.command()
@answers_in_one_line
@lecture_options
def numbers(params: LectureParams) -> None:
    """Print every number of the lecture as JSON.

    Exact values are fraction strings ("16/3125"); logarithms are in the
    configured base; infinities are the strings "inf" and "-inf".

    \b
    Example:
      python render.py numbers --set guesses.good.probs.red=3/5 --set guesses.good.probs.blue=2/5
    """
    click.echo(json.dumps(lecture_numbers(compute(params)), indent=2, ensure_ascii=False))
