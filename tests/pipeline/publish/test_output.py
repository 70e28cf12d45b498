"""The output folder: which folders a build may write, what it may remove, and the swap."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.publish import output

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("where", [".", "scenes", "tests", "tests/configs", "mathcore", "pipeline", "tools", ".git",
                                   "/", str(ROOT.parent)])  # fmt: skip
def test_the_project_its_source_and_the_folders_above_it_are_refused(where: str, tmp_path: Path) -> None:
    out = ROOT / where if not where.startswith("/") else Path(where)
    assert output.refusal(out, ROOT, tmp_path / "cache") is not None


@pytest.mark.parametrize("where", ["output", "site-bits", "output/deep/er"])
def test_new_folders_inside_the_project_are_fine(where: str, tmp_path: Path) -> None:
    assert output.refusal(ROOT / where, ROOT, tmp_path / "cache") is None


def test_the_cache_is_refused_and_so_is_a_folder_inside_it_or_around_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for out in (cache, cache / "site", tmp_path):
        assert output.refusal(out, ROOT, cache) is not None, out


def test_a_folder_of_someone_elses_files_is_refused_an_empty_or_new_one_is_not(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "empty").mkdir()
    assert output.refusal(tmp_path / "empty", ROOT, cache) is None
    assert output.refusal(tmp_path / "new" / "deeper", ROOT, cache) is None
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine")
    reason = output.refusal(tmp_path / "notes", ROOT, cache)
    assert reason is not None and "todo.txt" in reason
    (tmp_path / "file").write_text("x")
    assert output.refusal(tmp_path / "file", ROOT, cache) == "is a file, not a folder"
    with pytest.raises(UsageError, match=r"--out .*notes: holds files that no lecture build wrote"):
        output.check_writable(tmp_path / "notes", ROOT, cache)


def _manifest(folder: Path, files: dict[str, str]) -> None:
    manifest = {"generator": output.GENERATOR, "files": {k: {"sha256": v, "bytes": 0} for k, v in files.items()}}
    (folder / output.MANIFEST).write_text(json.dumps(manifest))


def test_a_previous_build_is_recognised_by_its_manifest_and_earlier_manifests_too(tmp_path: Path) -> None:
    _manifest(tmp_path, {"index.html": "abc", "scenes/01-Title.mp4": "def", "../escape": "x"})
    previous = output.previous_build(tmp_path)
    assert previous is not None
    assert set(previous.files) == {"index.html", "scenes/01-Title.mp4", output.MANIFEST}
    legacy = {"lecture": {"video": "lecture.mp4", "duration_s": 3.0}, "scenes": [{"video": "scenes/01-Title.mp4"}]}
    (tmp_path / output.MANIFEST).write_text(json.dumps(legacy))
    assert set(output.previous_build(tmp_path).files) == {"lecture.mp4", "scenes/01-Title.mp4", output.MANIFEST}  # type: ignore[union-attr]
    (tmp_path / output.MANIFEST).write_text('{"name": "some other tool"}')
    assert output.previous_build(tmp_path) is None


def _publish(out: Path, files: dict[str, bytes], cache: Path) -> output.Staging:
    with output.OutputLock(out) as lock, output.staging(out, output.previous_build(out)) as site:
        for rel, data in files.items():
            source = cache / rel.replace("/", "_")
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(data)
            site.copy(rel, source, hashlib.sha256(data).hexdigest())
        site.publish({"title": "t"}, lock)
        return site


def test_publishing_replaces_our_files_keeps_the_teachers_and_shares_nothing_with_the_cache(tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    _publish(out, {"scenes/01-A.mp4": b"a", "scenes/02-B.mp4": b"b", "index.html": b"1"}, cache)
    (out / "scenes" / "my-notes.txt").write_text("the teacher's")
    (out / "extra").mkdir()
    _publish(out, {"scenes/01-A.mp4": b"a2", "index.html": b"2"}, cache)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".build-state.json", ".build.lock", "index.html", "manifest.json", "scenes/01-A.mp4", "scenes/my-notes.txt",
    ]  # fmt: skip
    assert (out / "scenes" / "my-notes.txt").read_text() == "the teacher's"
    assert (out / "extra").is_dir()
    assert (out / "scenes" / "01-A.mp4").stat().st_ino != (cache / "scenes_01-A.mp4").stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"], "no staging folder is left"


def test_an_unchanged_file_is_linked_from_the_old_site_a_changed_one_copied(tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    _publish(out, {"a.mp4": b"same", "b.mp4": b"old"}, cache)
    inode = (out / "a.mp4").stat().st_ino
    site = _publish(out, {"a.mp4": b"same", "b.mp4": b"new"}, cache)
    assert (site.linked, site.copied) == (1, 1)
    assert (out / "a.mp4").stat().st_ino == inode
    (out / "a.mp4").write_bytes(b"edit")  # the teacher edits a published file in place
    site = _publish(out, {"a.mp4": b"same", "b.mp4": b"new"}, cache)
    assert (out / "a.mp4").read_bytes() == b"same" and (site.linked, site.copied) == (1, 1)


def test_a_teachers_file_where_the_build_writes_is_refused(tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    _publish(out, {"a.mp4": b"a"}, cache)
    (out / "b.mp4").write_bytes(b"the teacher's")
    with pytest.raises(UsageError, match=r"b\.mp4 was not written by a lecture build"):
        _publish(out, {"a.mp4": b"a", "b.mp4": b"ours"}, cache)
    assert (out / "b.mp4").read_bytes() == b"the teacher's"


def test_a_link_to_the_site_folder_stays_a_link_and_the_folder_gets_the_site(tmp_path: Path) -> None:
    real, link, cache = tmp_path / "www" / "lecture", tmp_path / "site", tmp_path / "cache"
    _publish(real, {"a.mp4": b"a"}, cache)
    real.chmod(0o2775)
    link.symlink_to(real)
    _publish(link, {"a.mp4": b"a2"}, cache)
    assert link.is_symlink() and (real / "a.mp4").read_bytes() == b"a2"
    assert real.stat().st_mode & 0o7777 == 0o2775, "the folder keeps its permissions"
