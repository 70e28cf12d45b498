"""``render.py batch``: many lectures (one per config) in one run, here or on a Dask cluster."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.batch import batch as run_batch
from ..build.batch import summary
from ..contracts import BuildOptions
from ..errors import RenderFailure
from .options import answers_in_one_line, build_options, out_option


@click.command()
@answers_in_one_line
@click.argument("configs", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="CONFIG...")
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="KEY=VALUE",
    help="Override one value in every config, e.g. --set log_base=2. Repeatable.",
)
@out_option("lectures", "Folder for the lectures: OUT/<config name>/ each, and OUT/index.html listing them.")
@build_options
def batch(configs: tuple[Path, ...], overrides: tuple[str, ...], out_dir: Path, options: BuildOptions) -> None:
    """Render many lectures: one per TOML file (a folder stands for its .toml files).

    Every config is checked before anything renders. A scene that two lectures
    share is rendered once. A lecture whose scene fails is not published; the
    others are, and the exit status is 1.

    \b
    Examples:
      python render.py batch sections/ --out course
      python render.py batch a.toml b.toml --quality 1080p --cluster tcp://10.0.0.5:8786 --cache /shared/cache
    """
    report = run_batch(list(configs), out_dir, options, overrides)
    click.echo(summary(report))
    if report.failed:
        names = ", ".join(r.variant.name for r in report.failed)
        raise RenderFailure(f"{len(report.failed)} of {len(report.results)} lectures not published: {names}")
