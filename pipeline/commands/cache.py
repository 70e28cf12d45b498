"""``render.py cache``: where the render cache is, how big, what it holds, and its cap."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.run import default_cache_dir
from ..cache import limit
from .options import answers_in_one_line, cache_options


@click.command()
@answers_in_one_line
@cache_options
@click.option("--prune", "do_prune", is_flag=True, help="Remove the least recently used entries until the cache fits.")
@click.option("--clear", is_flag=True, help="Empty the cache.")
def cache(cache_dir: Path | None, cache_max: int | None, do_prune: bool, clear: bool) -> None:
    """Show the render cache: where it is, its size by kind of entry, and its cap.

    The cap is 2 GB, or LECTURE_CACHE_MAX / --cache-max (500M, 2G, ...). After
    every build that wrote to the cache, the least recently used entries go
    first until it fits; the entries of the build itself are kept.

    \b
    Examples:
      python render.py cache
      python render.py cache --prune --cache-max 500M
      python render.py cache --clear
    """
    folder = cache_dir or default_cache_dir()
    cap = cache_max if cache_max is not None else limit.default_cap()
    if clear:
        click.echo(f"removed {limit.human(limit.clear(folder))} from {folder}")
    elif do_prune:
        done = limit.prune(folder, cap)
        click.echo(f"removed {done.removed} entries ({limit.human(done.freed)}); {limit.human(done.size)} left")
    click.echo(limit.usage(folder, cap).report())
