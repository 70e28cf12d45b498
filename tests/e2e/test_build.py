"""End to end: one command renders the lecture into a folder for a course site."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from pipeline.publish.captions import parse_cues
from pipeline.tools import probe
from scenes import SCENE_NAMES, SCENES

from .conftest import ROOT, run_cli, same_picture, small_gray_frames

pytestmark = pytest.mark.slow
FRAME = 1 / 15


def _video(path: Path) -> dict:
    return next(s for s in probe(path)["streams"] if s["codec_type"] == "video")


def _atoms(path: Path) -> list[str]:
    """Top-level MP4 box types in file order."""
    names = []
    with path.open("rb") as handle:
        while header := handle.read(8):
            size = int.from_bytes(header[:4], "big")
            names.append(header[4:8].decode("latin-1"))
            if size == 1:
                size = int.from_bytes(handle.read(8), "big") - 8
            handle.seek(size - 8, os.SEEK_CUR)
    return names


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_folder_holds_what_the_manifest_lists(lecture: Path) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    assert manifest["title"] == "Cross-entropy from likelihood"
    assert manifest["quality"] == "preview"
    assert manifest["params"]["draws"] == ["red", "blue", "red", "blue", "blue"]
    assert [s["name"] for s in manifest["scenes"]] == list(SCENE_NAMES)
    for key in ("video", "captions", "chapters", "poster"):
        assert (lecture / manifest["lecture"][key]).is_file()
    for scene in manifest["scenes"]:
        for key in ("video", "captions", "poster"):
            assert (lecture / scene[key]).is_file(), scene[key]
        assert scene["status"] == "rendered"
        assert len(scene["hash"]) == 64
    for name in ("index.html", "embed.html", "lecture.srt"):
        assert (lecture / name).is_file()
    starts = [s["start_s"] for s in manifest["scenes"]]
    durations = [s["duration_s"] for s in manifest["scenes"]]
    assert starts == pytest.approx([sum(durations[:i]) for i in range(len(durations))])
    assert manifest["lecture"]["duration_s"] == pytest.approx(sum(durations))


def test_videos_are_fit_for_the_web(lecture: Path) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    videos = [lecture / manifest["lecture"]["video"]] + [lecture / s["video"] for s in manifest["scenes"]]
    for path in videos:
        stream = _video(path)
        assert stream["codec_name"] == "h264"
        assert stream["pix_fmt"] == "yuv420p"
        assert (stream["width"], stream["height"]) == (854, 480)
        assert stream["r_frame_rate"] == "15/1"
        assert stream.get("color_primaries") == "bt709"
        assert stream.get("color_transfer") == "bt709"
        assert stream.get("color_space") == "bt709"
        atoms = _atoms(path)
        assert atoms.index("moov") < atoms.index("mdat"), f"{path.name} is not faststart: {atoms}"


def test_durations_add_up(lecture: Path) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    total = 0.0
    for scene in manifest["scenes"]:
        actual = float(probe(lecture / scene["video"])["format"]["duration"])
        assert actual == pytest.approx(scene["duration_s"], abs=FRAME)
        total += actual
    lecture_duration = float(probe(lecture / "lecture.mp4")["format"]["duration"])
    assert lecture_duration == pytest.approx(total, abs=FRAME)
    assert lecture_duration == pytest.approx(manifest["lecture"]["duration_s"], abs=FRAME)


def test_captions_and_chapters_lie_within_the_video(lecture: Path) -> None:
    manifest = json.loads((lecture / "manifest.json").read_text())
    end = manifest["lecture"]["duration_s"] + FRAME
    lecture_cues = parse_cues((lecture / "lecture.vtt").read_text())
    assert len(lecture_cues) >= len(SCENES) * 2
    assert all(0 <= c.start < c.end <= end for c in lecture_cues)
    assert [c.text for c in parse_cues((lecture / "lecture.srt").read_text())] == [c.text for c in lecture_cues]
    chapters = parse_cues((lecture / "chapters.vtt").read_text())
    assert [c.text for c in chapters] == [s["title"] for s in manifest["scenes"]]
    assert [c.start for c in chapters] == pytest.approx([s["start_s"] for s in manifest["scenes"]], abs=0.001)
    for scene in manifest["scenes"]:
        scene_cues = parse_cues((lecture / scene["captions"]).read_text())
        assert scene_cues and all(0 <= c.start < c.end <= scene["duration_s"] + FRAME for c in scene_cues)


def test_second_run_renders_nothing(lecture: Path, cache_dir: Path) -> None:
    before = _digests(lecture)
    proc = run_cli("build", "--out", str(lecture), cache=cache_dir)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((lecture / "manifest.json").read_text())
    assert {s["status"] for s in manifest["scenes"]} == {"cached"}
    after = _digests(lecture)
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }


def test_a_scene_renders_the_same_frames_alone_and_after_others(lecture: Path, tmp_path: Path) -> None:
    # In the lecture's build, LikelihoodFormula was rendered by a worker that had rendered
    # another scene before; here it is the only scene of a fresh cache. Its TransformMatchingTex
    # walks sets of strings, so this also checks that renders do not depend on the hash seed:
    # a glyph matched to another one moves elsewhere, a difference of about 100 levels or more.
    # Not bit for bit: see SAME_PICTURE_LEVELS.
    name = "04-LikelihoodFormula.mp4"
    proc = run_cli("build", "--out", str(tmp_path / "site"), "--scenes", "LikelihoodFormula", "--quiet",
                   cache=tmp_path / "cache")  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    alone = tmp_path / "site" / "scenes" / name
    assert len(small_gray_frames(alone)) > 100
    assert same_picture(alone, lecture / "scenes" / name)


def test_changed_guess_rerenders_exactly_the_scenes_that_show_it(
    tmp_path: Path, cache_dir: Path, lecture: Path
) -> None:
    subset = ["Title", "CandyDraws", "CrossEntropy", "Recap"]
    change = ["--set", "guesses.good.probs.red=3/5", "--set", "guesses.good.probs.blue=2/5"]
    proc = run_cli("build", "--out", str(tmp_path), "--scenes", ",".join(subset), *change, "--quiet", cache=cache_dir)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    status = {s["name"]: s["status"] for s in manifest["scenes"]}
    expected = {
        name: ("rendered" if "guesses" in spec.reads else "cached")
        for spec in SCENES
        for name in [spec.name]
        if name in subset
    }
    assert status == expected
    assert status["CrossEntropy"] == "rendered" and status["Title"] == "cached"


def test_killed_build_leaves_previous_output_intact(lecture: Path, cache_dir: Path, tmp_path: Path) -> None:
    before = _digests(lecture)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "render.py"),
            "build",
            "--out",
            str(lecture),
            "--force",
            "--scenes",
            "Title",
        ],
        env={**os.environ, "LECTURE_CACHE_DIR": str(tmp_path / "fresh-cache")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "rendering" in line:
            break
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    proc.stdout.close()
    assert proc.returncode != 0
    assert _digests(lecture) == before, "a killed build changed the published files"
    assert not list(lecture.glob(".staging-*"))
    again = run_cli("build", "--out", str(lecture), "--quiet", cache=cache_dir)
    assert again.returncode == 0, again.stderr
    assert (lecture / "manifest.json").is_file()


def test_second_build_into_the_same_folder_is_refused(lecture: Path, cache_dir: Path) -> None:
    before = _digests(lecture)
    with (lecture / ".build.lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = run_cli("build", "--out", str(lecture), cache=cache_dir)
    assert proc.returncode == 2
    assert "another build is writing to" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert _digests(lecture) == before


def test_missing_tool_is_named_with_its_install_command(tmp_path: Path, cache_dir: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("latex", "dvisvgm"):
        (bin_dir / tool).symlink_to(f"/usr/bin/{tool}")
    proc = run_cli("build", "--out", str(tmp_path / "out"), cache=cache_dir, env={"PATH": str(bin_dir)})
    assert proc.returncode == 1
    assert proc.stderr.strip() == "error: ffmpeg is not installed; install it with: apt-get install ffmpeg"
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_a_storyboard_after_a_build_renders_nothing_and_shows_every_beats_last_frame(
    lecture: Path, cache_dir: Path, tmp_path: Path
) -> None:
    from PIL import Image

    out = tmp_path / "storyboard"
    proc = run_cli("storyboard", "--out", str(out), "--quiet", cache=cache_dir)
    assert proc.returncode == 0, proc.stderr[-2000:]
    manifest = json.loads((lecture / "manifest.json").read_text())
    beats = sum(len(s["beats"]) for s in manifest["scenes"])
    assert f"{beats} beats of all scenes, 0 rendered" in proc.stdout, "the build's pictures are reused"
    page = (out / "index.html").read_text()
    for scene in manifest["scenes"]:
        stem = Path(scene["video"]).stem
        frames = sorted(out.glob(f"{stem}-*.png"))
        assert len(frames) == len(scene["beats"])
        assert (out / f"{stem}.png").is_file() and f'src="{frames[0].name}"' in page
        last = np.asarray(Image.open(frames[-1]).convert("L"), dtype=np.int16)
        poster = np.asarray(Image.open(lecture / scene["poster"]).convert("L"), dtype=np.int16)
        assert last.shape == poster.shape
        assert np.abs(last - poster).mean() < 2, f"{stem}: the last beat's frame is the scene's last frame"
