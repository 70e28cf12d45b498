"""The typed objects that cross stages read back what they wrote."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.contracts import (
    Beat,
    BeatText,
    Cue,
    Manifest,
    Picture,
    RenderJob,
    SceneEntry,
    Status,
    WorkerMessage,
)


def test_a_render_job_keeps_the_order_of_classes_through_json() -> None:
    params = {"colors": {"red": "#E5534B", "blue": "#4C8DF6"}, "draws": ["red", "blue"]}
    job = RenderJob("Title", params, "/cache", "base", "1080p", "slt", replace=True)
    again = RenderJob.from_json(job.to_json())
    assert again == job
    assert list(again.params["colors"]) == ["red", "blue"], "the order of classes is data: JSON must not sort it"


def test_worker_messages_are_recognised_among_other_output() -> None:
    done = WorkerMessage("done", picture="abc", beats=(BeatText("Title-1", "Hello"),))
    assert WorkerMessage.parse(done.line()) == done
    assert WorkerMessage.parse("Manim Community v0.22.0") is None
    assert WorkerMessage.parse('{"kind": "done"}') is None, "only marked lines are protocol"


def test_a_picture_record_round_trips(tmp_path: Path) -> None:
    picture = Picture("Title", 15, 2.0, (Beat("Title-1", "Hi", 0.0, 1.0, 0.9), Beat("Title-2", "Bye", 1.0, 2.0, 0.8)))
    (tmp_path / "beats.json").write_text(picture.to_json())
    assert Picture.read(tmp_path / "beats.json") == picture


def test_cues_shift_and_round_trip() -> None:
    cue = Cue(1.0, 2.5, "two\nlines")
    assert cue.shifted(10) == Cue(11.0, 12.5, "two\nlines")
    assert Cue.from_json(json.loads(json.dumps(cue.to_json()))) == cue


def test_the_manifest_keeps_its_published_shape() -> None:
    beats = (Beat("Title-1", "Hi", 0.0, 1.0),)
    scene = SceneEntry("Title", "Introduction", "scenes/01-Title.mp4", "scenes/01-Title.vtt", "scenes/01-Title.png",
                       0.0, 1.0, "h" * 64, Status.CACHED, Status.RENDERED, beats)  # fmt: skip
    record = Manifest("T", "preview", "slt", {"title": "T"}, 1.0, (scene,)).to_json()
    assert record["lecture"]["video"] == "lecture.mp4" and record["lecture"]["duration_s"] == 1.0
    assert record["scenes"][0]["status"] == "cached" and record["scenes"][0]["picture"] == "rendered"
    assert record["scenes"][0]["beats"] == [{"id": "Title-1", "start_s": 0.0, "end_s": 1.0}]
