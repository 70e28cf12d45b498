"""Render speed, measured side by side: plain manim against render.py, on the default lecture.

    python bench/render_speed.py                 # preview and 1080p, 3 runs each
    python bench/render_speed.py --runs 5 --qualities preview

For each quality it measures, each figure the median of ``--runs`` runs:

1. the baseline: every scene rendered by the plain ``manim`` command, one after
   another, with manim's default settings (fresh media folder each run);
2. ``render.py build`` from an empty cache;
3. ``render.py build`` again with nothing changed;
4. ``render.py build`` after changing one guess;

and prints seconds per second of video for 1 and 2 and the ratios 2/1, 3/2 and
4/2. The pipeline runs with ``--voice none`` so that both render the same frames
(the voice sets the beats' lengths). At 1080p it also prints the SSIM of our
lecture against manim's default encoding of the same frames. The figures, the
machine and the date go to ``bench/RESULTS.md`` (the section between the
``<!-- measured -->`` markers is replaced).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import tools  # noqa: E402
from scenes import SCENES  # noqa: E402

MANIM_FLAGS = {"preview": "-ql", "720p": "-qm", "1080p": "-qh", "4k": "-qk"}
CHANGE = ["--set", "guesses.good.probs.red=3/5", "--set", "guesses.good.probs.blue=2/5"]
RESULTS = ROOT / "bench" / "RESULTS.md"


def duration(path: Path) -> float:
    seconds = tools.duration(path)
    if seconds is None:
        raise SystemExit(f"ffprobe cannot read {path}")
    return seconds


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.monotonic()
    proc = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
    )
    took = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{proc.stderr[-2000:]}")
    return took


def baseline(quality: str, work: Path) -> tuple[float, float, list[Path]]:
    """Plain manim, scene after scene; returns (seconds, seconds of video, clips)."""
    media = work / "manim-media"
    shutil.rmtree(media, ignore_errors=True)
    manim = str(Path(sys.executable).with_name("manim"))
    took = 0.0
    clips = []
    for spec in SCENES:
        path = spec.module.replace(".", "/") + ".py"
        took += timed([manim, MANIM_FLAGS[quality], "--media_dir", str(media), path, spec.name])
        clips.append(next(media.rglob(f"{spec.name}.mp4")))
    return took, sum(duration(c) for c in clips), clips


def ours(quality: str, work: Path, cache: Path, *extra: str) -> float:
    command = [sys.executable, "render.py", "build", "--quality", quality, "--voice", "none", "--quiet",
               "--out", str(work / "site"), *extra]  # fmt: skip
    return timed(command, env={"LECTURE_CACHE_DIR": str(cache)})


def ssim(ours_video: Path, clips: list[Path], work: Path) -> float:
    """SSIM of our lecture against manim's default encoding of the same frames (compared in RGB)."""
    listing = work / "baseline.txt"
    listing.write_text("".join(f"file '{c}'\n" for c in clips))
    joined = work / "baseline.mp4"
    tools.ffmpeg("-f", "concat", "-safe", "0", "-i", listing, "-c", "copy", joined)
    graph = (
        "[0:v]scale=in_color_matrix=bt709:in_range=tv,format=gbrp[a];"
        "[1:v]scale=in_color_matrix=bt601:in_range=tv,format=gbrp[b];[a][b]ssim"
    )
    proc = tools.run(
        ["ffmpeg", "-nostats", "-i", ours_video, "-i", joined, "-filter_complex", graph, "-f", "null", "-"]
    )
    return float(re.findall(r"All:([\d.]+)", proc.stderr)[-1])


def measure(quality: str, runs: int) -> dict[str, float]:
    figures: dict[str, list[float]] = {"baseline": [], "empty": [], "unchanged": [], "one_guess": []}
    video = 0.0
    ssim_value = None
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            work = Path(tmp)
            took, video, clips = baseline(quality, work)
            figures["baseline"].append(took)
            cache = work / "cache"
            figures["empty"].append(ours(quality, work, cache))
            figures["unchanged"].append(ours(quality, work, cache))
            figures["one_guess"].append(ours(quality, work, cache, *CHANGE))
            ours_video = work / "site" / "lecture.mp4"
            if quality in ("1080p", "4k") and run == 0:
                ours(quality, work, cache)  # the default lecture again, from the cache
                ssim_value = ssim(ours_video, clips, work)
            print(f"  {quality} run {run + 1}: " + ", ".join(f"{k} {v[-1]:.1f}s" for k, v in figures.items()),
                  flush=True)  # fmt: skip
    med = {k: statistics.median(v) for k, v in figures.items()}
    result = {
        "video_s": video,
        "runs": runs,
        **{f"{k}_s": v for k, v in med.items()},
        "baseline_s_per_s": med["baseline"] / video,
        "empty_s_per_s": med["empty"] / video,
        "ratio_empty_baseline": med["empty"] / med["baseline"],
        "ratio_unchanged_empty": med["unchanged"] / med["empty"],
        "ratio_one_guess_empty": med["one_guess"] / med["empty"],
    }
    if ssim_value is not None:
        result["ssim"] = ssim_value
    return result


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}"


def table(results: dict[str, dict[str, float]]) -> str:
    rows = [
        "| quality | video (s) | runs | 1. manim (s/s) | 2. render.py empty cache (s/s) | 2/1 | 3. nothing changed (s) "
        "| 3/2 | 4. one guess changed (s) | 4/2 | SSIM vs manim's encoding |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for quality, r in results.items():
        rows.append(
            f"| {quality} | {r['video_s']:.1f} | {r['runs']} | {r['baseline_s_per_s']:.3f} | {r['empty_s_per_s']:.3f} "
            f"| {r['ratio_empty_baseline']:.2f} | {r['unchanged_s']:.2f} | {r['ratio_unchanged_empty']:.3f} "
            f"| {r['one_guess_s']:.1f} | {r['ratio_one_guess_empty']:.2f} | {r.get('ssim', float('nan')):.4f} |"
        )
    return "\n".join(rows)


def _previous(text: str) -> dict[str, dict[str, float]]:
    """Figures of qualities measured earlier (kept when this run measures other qualities)."""
    match = re.search(r"<!-- measured -->.*?```json\n(.*?)\n```.*?<!-- /measured -->", text, flags=re.S)
    return json.loads(match.group(1)) if match else {}


def write_results(results: dict[str, dict[str, float]]) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Render speed\n\n<!-- measured -->\n<!-- /measured -->\n"
    results = {**_previous(text), **results}
    block = (
        f"<!-- measured -->\nMeasured on {date.today().isoformat()}, {machine()}, "
        f"by `python bench/render_speed.py` (medians):\n\n{table(results)}\n\n"
        f"```json\n{json.dumps(results, indent=1)}\n```\n<!-- /measured -->"
    )
    text = re.sub(r"<!-- measured -->.*<!-- /measured -->", lambda _: block, text, flags=re.S)
    RESULTS.write_text(text)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--qualities", default="preview,1080p")
    args = parser.parse_args()
    results = {}
    for quality in args.qualities.split(","):
        print(f"measuring {quality} ({args.runs} runs)...", flush=True)
        results[quality] = measure(quality, args.runs)
    print(table(results))
    write_results(results)
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
