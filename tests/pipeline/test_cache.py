"""Cache keys: a change re-renders exactly the scenes that read what changed."""

from __future__ import annotations

from mathcore import compute
from pipeline.cache import canonical, scene_key
from pipeline.config import load_params
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
    from pipeline.cache import ROOT, scene_modules

    for spec in SCENES:
        text = (ROOT / (spec.module.replace(".", "/") + ".py")).read_text()
        modules = scene_modules(spec.module)
        assert spec.module in modules
        for other in SCENES:
            short = other.module.split(".")[-1]
            if f"from .{short} import" in text or f"from {other.module} import" in text:
                assert other.module in modules, (spec.name, other.module)


def test_editing_a_scene_changes_only_its_key_and_its_importers(monkeypatch) -> None:
    from pipeline import cache

    data = compute(load_params())
    before = {s.name: scene_key(s, data, "preview") for s in SCENES}
    real = cache._file_hash
    edited = cache.ROOT / "scenes" / "cross_entropy.py"
    monkeypatch.setattr(cache, "_file_hash", lambda p: "edited" if p == edited else real(p))
    after = {s.name: scene_key(s, data, "preview") for s in SCENES}
    changed = {name for name in before if before[name] != after[name]}
    importers = {s.name for s in SCENES if "scenes.cross_entropy" in cache.scene_modules(s.module)}
    assert changed == importers
    assert "CrossEntropy" in changed and "Title" not in changed
