"""Many lectures in one run: ``render.py batch CONFIG... --out DIR``.

1. Every config is read and validated before anything renders; one bad file
   stops the batch with its name (exit status 2).
2. Every lecture is planned against the cache. A picture two lectures share
   (the same base key: Title and CandyDraws when only the guesses differ) is
   one render job; all jobs run together, longest first, here or on a Dask
   cluster, and a failed scene does not stop the others.
3. Each lecture whose scenes all rendered is built into ``DIR/<config stem>/``
   exactly as ``render.py build`` would (its pictures now come from the cache).
4. ``DIR/index.html`` lists the lectures; the cache is trimmed once, at the end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from mathcore import LectureParams
from mathcore.config import ConfigError, load_params

from ..cache import entries, limit, scratch
from ..cache.keys import ROOT
from ..contracts import BuildOptions, RenderJob, Status
from ..errors import EnvironmentFailure, RenderFailure, UsageError, about
from ..publish import output
from ..publish.site import BATCH_GENERATOR, VariantPage, batch_html
from .plan import ScenePlan, longest_first
from .progress import Progress
from .run import BuildReport, Planned, RenderSeconds, build, default_cache_dir, plan, renderer

NO_CAP = 1 << 62
"""The lectures' own builds do not trim the cache; the batch does, once, at the end."""


@dataclass(frozen=True)
class Variant:
    """One lecture of a batch: its config file, its folder's name (the file's stem) and its parameters."""

    config: Path
    name: str
    params: LectureParams


@dataclass(frozen=True)
class Render:
    """One picture the batch rendered: the scene, the lectures that use it, how long it took, where."""

    scene: str
    used_by: tuple[str, ...]
    seconds: float
    worker: str


@dataclass(frozen=True)
class VariantResult:
    """What became of one lecture: its build, or why it was not published."""

    variant: Variant
    report: BuildReport | None
    failure: str = ""


@dataclass(frozen=True)
class BatchReport:
    """What a batch did."""

    out_dir: Path
    results: tuple[VariantResult, ...]
    renders: tuple[Render, ...]
    uses: int
    seconds: float

    @property
    def failed(self) -> tuple[VariantResult, ...]:
        return tuple(r for r in self.results if r.report is None)


def config_files(paths: list[Path]) -> list[Path]:
    """The TOML files named, a folder standing for the ``*.toml`` files in it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise UsageError(f"{path}: the folder holds no .toml files")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not files:
        raise UsageError("name at least one lecture config (a .toml file or a folder of them)")
    return files


def load_variants(paths: list[Path], overrides: tuple[str, ...] = ()) -> list[Variant]:
    """Every config validated, before anything renders; the first bad one named with its file."""
    variants: list[Variant] = []
    seen: dict[str, Path] = {}
    for path in config_files(paths):
        try:
            params = load_params(path, overrides)
        except ConfigError as err:
            raise UsageError(f"{path}: {err}") from None
        name = path.stem
        if name in seen:
            raise UsageError(f"{path} and {seen[name]} would both be published as {name}/; rename one")
        seen[name] = path
        variants.append(Variant(path, name, params))
    return variants


def check_folders(out_dir: Path, variants: list[Variant], cache_dir: Path) -> None:
    """The batch may write ``out_dir/index.html`` and every lecture's folder; else one line (status 2)."""
    reason = output.place_refusal(out_dir, ROOT, cache_dir)
    if reason:
        raise UsageError(f"--out {out_dir}: {reason}")
    page = out_dir / "index.html"
    if page.exists() and BATCH_GENERATOR not in page.read_text(encoding="utf-8", errors="replace")[:2000]:
        raise UsageError(f"--out {out_dir}: its index.html was not written by a batch; choose another folder")
    for v in variants:
        output.check_writable(out_dir / v.name, ROOT, cache_dir)


def _jobs(variants: list[Variant], planned: list[Planned]) -> dict[str, tuple[ScenePlan, list[str]]]:
    """The pictures to render, one per base key: a plan that needs it, and the lectures that do."""
    todo: dict[str, tuple[ScenePlan, list[str]]] = {}
    for v, lecture in zip(variants, planned, strict=True):
        for p in lecture.plans:
            if p.picture_status is not Status.CACHED:
                todo.setdefault(p.base, (p, []))[1].append(v.name)
    return todo


def _render_all(
    variants: list[Variant], planned: list[Planned], options: BuildOptions, cache_dir: Path
) -> tuple[list[Render], dict[str, str]]:
    """Render every missing picture once; what rendered, and why each failed one failed (by base key)."""
    todo = _jobs(variants, planned)
    if not todo:
        return [], {}
    seconds = RenderSeconds(cache_dir)
    order = longest_first([p for p, _ in todo.values()], seconds.values, options.quality)
    params = {v.name: v.params for v in variants}
    label = {p.base: f"{todo[p.base][1][0]}/{p.spec.name}" for p in order}
    jobs = [
        RenderJob(p.spec.name, params[todo[p.base][1][0]].to_mapping(), str(cache_dir), p.base, options.quality,
                  options.voice, replace=options.force or bool(p.note))
        for p in order
    ]  # fmt: skip
    progress = Progress(list(label.values()), quiet=options.quiet)
    pool = renderer(options, progress, keep_going=True, label=lambda job: label[job.base])
    progress.start()
    try:
        with about(cache_dir):
            pool.run(jobs)
    finally:
        progress.stop()
        for finished in pool.done.values():
            seconds.values[f"{options.quality}:{finished.scene}"] = finished.seconds
        if pool.done:
            seconds.save()
    renders = [
        Render(f.scene, tuple(todo[base][1]), f.seconds, f.worker) for base, f in pool.done.items() if base in todo
    ]
    for base, finished in pool.done.items():
        if not entries.check(cache_dir / "pictures" / finished.picture).valid:
            pool.failed[base] = RenderFailure(f"rendering {finished.scene}: its cache entry is damaged at once")
    return renders, {base: str(err) for base, err in pool.failed.items()}


def _publish(variant: Variant, out_dir: Path, options: BuildOptions) -> VariantResult:
    """Build one lecture whose pictures are in the cache; a failure is its result, not the batch's end."""
    try:
        report = build(variant.params, out_dir / variant.name, replace(options, quiet=True, cache_max=NO_CAP))
    except (UsageError, EnvironmentFailure, RenderFailure) as err:
        return VariantResult(variant, None, str(err))
    except OSError as err:
        from ..errors import os_failure

        return VariantResult(variant, None, str(os_failure(err)))
    return VariantResult(variant, report)


def _page(out_dir: Path, results: list[VariantResult], cache_dir: Path) -> None:
    variants = [
        VariantPage(r.variant.params.title, r.variant.name, r.report.duration,
                    f"{r.variant.name}/index.html", f"{r.variant.name}/lecture.png")
        if r.report is not None
        else VariantPage(r.variant.params.title, r.variant.name, failure=r.failure)
        for r in results
    ]  # fmt: skip
    html = batch_html(f"{len(results)} lectures", variants)
    with about(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        entries.write_atomic(out_dir / "index.html", html.encode("utf-8"))


def batch(paths: list[Path], out_dir: Path, options: BuildOptions, overrides: tuple[str, ...] = ()) -> BatchReport:
    """Render every lecture of ``paths`` into ``out_dir/<stem>/`` and list them in ``out_dir/index.html``.

    Raises :class:`UsageError` before anything renders when a config or a folder
    cannot be used. A lecture whose scene fails is not published; the others are.
    """
    began, began_wall = time.monotonic(), time.time()
    cache_dir = options.cache_dir or default_cache_dir()
    variants = load_variants(paths, overrides)
    check_folders(out_dir, variants, cache_dir)
    options = replace(options, cache_dir=cache_dir)
    planned = [plan(v.params, options) for v in variants]
    renders, failed = _render_all(variants, planned, options, cache_dir)
    results = []
    for v, lecture in zip(variants, planned, strict=True):
        broken = [f"{p.spec.name}: {failed[p.base]}" for p in lecture.plans if p.base in failed]
        results.append(VariantResult(v, None, broken[0]) if broken else _publish(v, out_dir, options))
    _page(out_dir, results, cache_dir)
    scratch.sweep(cache_dir)
    cap = options.cache_max if options.cache_max is not None else limit.default_cap()
    limit.prune(cache_dir, cap, protect_since=began_wall - 1)
    uses = sum(len(r.used_by) for r in renders)
    return BatchReport(out_dir, tuple(results), tuple(renders), uses, time.monotonic() - began)


def summary(report: BatchReport) -> str:
    """The table printed at the end of a batch."""
    lines = [f"{'lecture':<24} {'result':<10} {'video':>8}  title"]
    for r in report.results:
        if r.report is not None:
            lines.append(f"{r.variant.name:<24} {'published':<10} {r.report.duration:7.1f}s  {r.variant.params.title}")
        else:
            lines.append(f"{r.variant.name:<24} {'FAILED':<10} {'':>8}  {r.failure[:300]}")
    done = len(report.results) - len(report.failed)
    shared = f" ({report.uses - len(report.renders)} shared)" if report.uses > len(report.renders) else ""
    lines.append(
        f"{len(report.results)} lectures: {done} published, {len(report.failed)} failed; "
        f"{len(report.renders)} scene renders for {report.uses} scene uses{shared}, in {report.seconds:.1f} s"
    )
    lines.append(f"open {report.out_dir / 'index.html'}")
    return "\n".join(lines)
