"""A batch of lectures, measured, and its wall time on more workers by a model checked against the measures.

    python bench/batch_speed.py                      # 4 lectures, the whole lecture, preview
    python bench/batch_speed.py --scenes Title,Recap # a quick look

It renders a batch of 4 lectures (the default lecture and three with other
guesses, so Title and CandyDraws are shared) from an empty cache twice: with 1
and with 2 render processes (``--jobs``), voice none. From the first run's
measured render time of every scene it computes, by list scheduling (longest
first, each scene to the worker that is free first), the batch's wall time on
1, 2, 4, 8, 16 and 64 workers: the longest render among the scenes plus the
part that does not spread (planning, adding sound, joining, publishing; the
run's wall time minus its render time). The model is printed beside the
measured 1- and 2-worker walls, as ratios to the measured 1-worker wall. The
table goes to ``bench/RESULTS.md`` between the ``<!-- batch -->`` markers.
"""

from __future__ import annotations

import argparse
import heapq
import platform
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.build.batch import BatchReport, batch  # noqa: E402
from pipeline.contracts import BuildOptions  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
GUESSES = {
    "default": None,
    "closer": ("3/5", "2/5"),
    "flipped": ("1/5", "4/5"),
    "even-worse": ("9/10", "1/10"),
}
WORKERS = (1, 2, 4, 8, 16, 64)


def configs(folder: Path) -> list[Path]:
    text = (ROOT / "lecture.toml").read_text(encoding="utf-8")
    bad = 'probs = { red = "4/5", blue = "1/5" }'
    paths = []
    for name, probs in GUESSES.items():
        body = text if probs is None else text.replace(bad, f'probs = {{ red = "{probs[0]}", blue = "{probs[1]}" }}')
        path = folder / f"{name}.toml"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def run(paths: list[Path], tmp: Path, jobs: int, scenes: tuple[str, ...] | None) -> tuple[float, BatchReport]:
    cache, out = tmp / f"cache-{jobs}", tmp / f"out-{jobs}"
    options = BuildOptions(voice="none", jobs=jobs, quiet=True, cache_dir=cache, scenes=scenes)
    started = time.monotonic()
    report = batch(paths, out, options)
    wall = time.monotonic() - started
    if report.failed:
        raise SystemExit(f"the batch failed: {report.failed[0].failure}")
    return wall, report


def makespan(seconds: list[float], workers: int) -> float:
    """List scheduling, longest first: each render goes to the worker that is free first."""
    free = [0.0] * workers
    for s in sorted(seconds, reverse=True):
        heapq.heappush(free, heapq.heappop(free) + s)
    return max(free)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenes", default=None, help="only these scenes, e.g. Title,Recap")
    args = parser.parse_args()
    scenes = tuple(args.scenes.split(",")) if args.scenes else None
    tmp = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    try:
        paths = configs(tmp)
        wall1, report1 = run(paths, tmp, 1, scenes)
        wall2, _ = run(paths, tmp, 2, scenes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    renders = [r.seconds for r in report1.renders]
    serial = wall1 - sum(renders)
    by_length = sorted(report1.renders, key=lambda r: -r.seconds)
    longest = by_length[0]
    lines = [
        f"Batch of {len(paths)} lectures ({', '.join(GUESSES)}), preview, voice none, "
        f"{'scenes ' + args.scenes if scenes else 'the whole lecture'}; {platform.machine()}, "
        f"{platform.python_version()}, {date.today().isoformat()}.",
        "",
        f"- {len(renders)} scene renders for {report1.uses} scene uses; render time {sum(renders):.1f} s, "
        f"longest {longest.scene} {longest.seconds:.1f} s; the part that does not spread "
        f"(plan, sound, join, publish) {serial:.1f} s.",
        f"- Per render (s): {', '.join(f'{r.scene} {r.seconds:.1f}' for r in by_length)}.",
        "",
        "| workers | model wall (s) | model / measured 1 | measured wall (s) | measured / measured 1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    measured = {1: wall1, 2: wall2}
    for n in WORKERS:
        model = serial + makespan(renders, n)
        got = measured.get(n)
        shown = f"{got:.1f} | {got / wall1:.2f}" if got is not None else "- | -"
        lines.append(f"| {n} | {model:.1f} | {model / wall1:.2f} | {shown} |")
    table = "\n".join(lines)
    print(table)
    text = RESULTS.read_text(encoding="utf-8")
    block = f"<!-- batch -->\n{table}\n<!-- /batch -->"
    if "<!-- batch -->" in text:
        text = re.sub(r"<!-- batch -->.*?<!-- /batch -->", lambda _: block, text, flags=re.DOTALL)
    else:
        text = text.rstrip() + "\n\n## A batch of lectures, and more workers\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
