"""Each scene declares the data it reads (scenes.registry); the render cache relies on it.

Two checks: scenes are played with a recording proxy of their data (tests/scenes/conftest.py)
and what they touched must be declared; and a scene that reads anything else stops with an
error naming the scene and the field (scenes.data.DataView), so no undeclared read can slip
into a render.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest

from mathcore import LectureData
from scenes import SCENES, SceneSpec, scene_class
from scenes.data import DataView, UndeclaredRead

from .conftest import lecture_data

DATA_NAMES = {f.name for f in dataclasses.fields(LectureData)} | {
    name for name, member in vars(LectureData).items() if isinstance(member, property)
}


@pytest.mark.parametrize("config", ["default", "three_classes", "zero_prob"])
@pytest.mark.parametrize("spec", SCENES, ids=lambda s: s.name)
def test_scene_reads_only_declared_data(play, spec: SceneSpec, config: str) -> None:
    scene = play(spec.name, config)
    assert scene.data_read, "the recording proxy saw the scene read its data"
    undeclared = scene.data_read - set(spec.reads)
    assert not undeclared, f"{spec.name} reads {sorted(undeclared)} but does not declare it in scenes/registry.py"


@pytest.mark.parametrize("spec", SCENES, ids=lambda s: s.name)
def test_declared_reads_are_fields_of_the_lecture_data(spec: SceneSpec) -> None:
    assert set(spec.reads) <= DATA_NAMES, set(spec.reads) - DATA_NAMES


def test_reading_an_undeclared_field_raises_naming_scene_and_field() -> None:
    view = DataView(lecture_data("default"), "CandyDraws", ("classes", "n"))
    assert view.n == 5
    with pytest.raises(UndeclaredRead, match=r"CandyDraws reads LectureData\.entropy .*scenes/registry\.py") as err:
        _ = view.entropy
    assert isinstance(err.value, AttributeError)
    assert (err.value.scene, err.value.field) == ("CandyDraws", "entropy")


def test_a_scene_sees_its_data_through_the_view() -> None:
    from manim import tempconfig

    from .conftest import dry_run_config

    with tempconfig(dry_run_config()):
        scene = scene_class("Title")(data=lecture_data("default"))
    assert scene.data.title == lecture_data("default").title
    with pytest.raises(UndeclaredRead, match=r"^Title reads LectureData\.guesses "):
        _ = scene.data.guesses


def test_methods_run_on_the_fields_they_use() -> None:
    data = lecture_data("default")
    view = DataView(data, "Recap", ("guesses", "best"))
    assert view.guess("bad") is data.guess("bad")
    assert view.guess("best") is data.best
    assert view.all_guesses == data.all_guesses
    with pytest.raises(KeyError):
        view.guess("nobody")
    without_best = DataView(data, "Recap", ("guesses",))
    with pytest.raises(UndeclaredRead, match=r"Recap reads LectureData\.best \(through LectureData\.guess\)"):
        without_best.guess("bad")
    with pytest.raises(UndeclaredRead, match=r"LectureData\.best \(through LectureData\.all_guesses\)"):
        _ = without_best.all_guesses


def test_a_declared_value_property_reads_directly() -> None:
    view = DataView(lecture_data("default"), "Title", ("title",))
    assert view.title == lecture_data("default").title
    with pytest.raises(UndeclaredRead, match=r"LectureData\.params \(through LectureData\.log_base\)"):
        _ = view.log_base


def test_the_view_is_read_only_and_copies_to_itself() -> None:
    view = DataView(lecture_data("default"), "Title", ("title",))
    with pytest.raises(AttributeError, match="read-only"):
        view.title = "another"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del view.title
    assert copy.copy(view) is view and copy.deepcopy(view) is view
    assert not hasattr(view, "__missing_dunder__")
