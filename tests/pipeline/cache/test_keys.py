"""Cache keys: a change re-renders exactly the scenes that read what changed."""

from __future__ import annotations

import pytest

from mathcore import compute
from mathcore.config import load_params
from pipeline.cache.keys import canonical, scene_key
from scenes import SCENES

GUESS_SCENES = {s.name for s in SCENES if "guesses" in s.reads}


def _keys(*overrides: str) -> dict[str, str]:
    data = compute(load_params(None, overrides))
    return {s.name: scene_key(s, data, "preview") for s in SCENES}


def _changed(a: dict[str, str], b: dict[str, str]) -> set[str]:
    return {name for name in a if a[name] != b[name]}


def test_same_inputs_same_keys() -> None:
    assert _keys() == _keys()


def test_title_change_touches_only_scenes_showing_the_title() -> None:
    changed = _changed(_keys(), _keys("title=Another title"))
    assert changed == {s.name for s in SCENES if "title" in s.reads}
    assert changed == {"Title"}


def test_guess_change_touches_only_scenes_showing_guesses() -> None:
    changed = _changed(_keys(), _keys("guesses.good.probs.red=3/5", "guesses.good.probs.blue=2/5"))
    assert changed == GUESS_SCENES
    assert "Title" not in changed and "CandyDraws" not in changed


def test_quality_is_part_of_the_key() -> None:
    data = compute(load_params())
    assert scene_key(SCENES[0], data, "preview") != scene_key(SCENES[0], data, "1080p")


def test_canonical_keeps_fractions_exact() -> None:
    data = compute(load_params())
    assert canonical(data.guess("bad").likelihood) == "16/3125"


def test_a_scene_key_covers_the_scene_modules_it_imports() -> None:
    from pipeline.cache.keys import RENDER_ENTRY, ROOT, code_modules

    for spec in SCENES:
        text = (ROOT / (spec.module.replace(".", "/") + ".py")).read_text()
        modules = code_modules(RENDER_ENTRY, spec.module)
        assert spec.module in modules
        for other in SCENES:
            short = other.module.split(".")[-1]
            imported = f"from .{short} import" in text or f"from {other.module} import" in text
            assert (other.module in modules) == (imported or other is spec), (spec.name, other.module)


def _edited(monkeypatch, path):  # type: ignore[no-untyped-def]
    """Keys as if the file ``path`` had been edited."""
    from pipeline.cache import keys as cache

    data = compute(load_params())
    real = cache._file_digest
    monkeypatch.setattr(cache, "_file_digest", lambda p: "edited" if p == path else real(p))
    return {s.name: scene_key(s, data, "preview") for s in SCENES}


def test_editing_a_scene_changes_only_its_key_and_its_importers(monkeypatch) -> None:
    from pipeline.cache import keys as cache

    before = _keys()
    after = _edited(monkeypatch, cache.ROOT / "scenes" / "cross_entropy.py")
    importers = {s.name for s in SCENES if "scenes.cross_entropy" in cache.code_modules(cache.RENDER_ENTRY, s.module)}
    assert _changed(before, after) == importers
    assert "CrossEntropy" in importers and "Title" not in importers


EVERY_RENDER_RUNS = ["pipeline/render/texbatch.py", "pipeline/render/texformat.py", "pipeline/render/encoder.py",
                     "pipeline/narration/narrator.py", "scenes/base.py", "mathcore/lecture.py"]  # fmt: skip


@pytest.mark.parametrize("module", EVERY_RENDER_RUNS)
def test_editing_code_every_render_runs_changes_every_key(monkeypatch, module: str) -> None:
    from pipeline.cache import keys as cache

    before = _keys()
    after = _edited(monkeypatch, cache.ROOT / module)
    assert _changed(before, after) == set(before)


def test_editing_code_that_only_publishes_changes_no_key(monkeypatch) -> None:
    from pipeline.cache import keys as cache

    before = _keys()
    assert _changed(before, _edited(monkeypatch, cache.ROOT / "pipeline" / "site.py")) == set()


def test_tool_versions_name_tex_and_the_font() -> None:
    from pipeline.cache.keys import tool_versions

    versions = tool_versions()
    assert "TeX Live" in versions["latex"]
    assert versions["dvisvgm"].startswith("dvisvgm")
    assert versions["font"].split(":")[0].endswith((".ttf", ".otf"))


_RECORD_MODULES = """
import json, sys
from pathlib import Path
from pipeline.render import worker
from pipeline.contracts import RenderJob
job = RenderJob.from_json(Path(sys.argv[1]).read_text())
worker.run(job)
worker.script(RenderJob(**{**json.loads(job.to_json()), "script_only": True}))
roots = ("mathcore", "scenes", "pipeline")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in roots)))
"""


@pytest.mark.slow
def test_a_key_covers_every_project_module_a_real_render_loads(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    from pipeline.cache import keys as cache
    from pipeline.contracts import RenderJob

    params = load_params()
    spec = next(s for s in SCENES if s.name == "Title")
    job = RenderJob("Title", params.to_mapping(), str(tmp_path / "cache"), "base", "preview", "slt")
    (tmp_path / "job.json").write_text(job.to_json())
    proc = subprocess.run(
        [sys.executable, "-c", _RECORD_MODULES, str(tmp_path / "job.json")],
        cwd=cache.ROOT, env={**os.environ, "PYTHONPATH": str(cache.ROOT)}, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert "pipeline.render.texbatch" in loaded and "scenes.title" in loaded
    assert loaded - set(cache.code_modules(cache.RENDER_ENTRY, spec.module)) == set()
