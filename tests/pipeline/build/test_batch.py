"""A batch's configs and folders are checked before anything renders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.build.batch import check_folders, config_files, load_variants
from pipeline.cache.keys import ROOT
from pipeline.errors import UsageError

DEFAULT = (ROOT / "lecture.toml").read_text(encoding="utf-8")


def _write(folder: Path, name: str, text: str = DEFAULT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_stands_for_its_toml_files_in_order(tmp_path: Path) -> None:
    b = _write(tmp_path / "sections", "b.toml")
    a = _write(tmp_path / "sections", "a.toml")
    _write(tmp_path / "sections", "notes.txt", "not a lecture")
    extra = _write(tmp_path, "extra.toml")
    assert config_files([tmp_path / "sections", extra]) == [a, b, extra]


@pytest.mark.parametrize("make", ["missing", "empty folder"])
def test_nothing_to_render_is_a_usage_error(tmp_path: Path, make: str) -> None:
    path = tmp_path / "sections"
    if make == "empty folder":
        path.mkdir()
    with pytest.raises(UsageError, match=re.escape(str(path))):
        config_files([path])


def test_the_first_bad_config_is_named_with_its_file_and_key(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml")
    bad = _write(tmp_path, "b.toml", DEFAULT.replace('"4/5"', '"9/5"'))
    with pytest.raises(UsageError) as err:
        load_variants([tmp_path])
    message = str(err.value)
    assert message.startswith(f"{bad}: ") and "guesses" in message and "9/5" in message
    assert "\n" not in message


def test_two_configs_with_one_name_are_refused(tmp_path: Path) -> None:
    one = _write(tmp_path / "x", "same.toml")
    two = _write(tmp_path / "y", "same.toml")
    with pytest.raises(UsageError, match="both be published as same/"):
        load_variants([one, two])


def test_overrides_apply_to_every_lecture(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml")
    _write(tmp_path, "b.toml")
    variants = load_variants([tmp_path], ("log_base=2",))
    assert [v.name for v in variants] == ["a", "b"]
    assert all(v.params.log_base == "2" for v in variants)
    assert load_variants([tmp_path])[0].params.log_base == "e"


def test_a_page_a_batch_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    variants = load_variants([_write(tmp_path / "configs", "a.toml")])
    out = tmp_path / "course"
    out.mkdir()
    (out / "index.html").write_text("<html>the course's own page</html>", encoding="utf-8")
    with pytest.raises(UsageError, match=r"index\.html was not written by a batch"):
        check_folders(out, variants, tmp_path / "cache")


def test_the_project_is_never_a_batch_folder(tmp_path: Path) -> None:
    variants = load_variants([_write(tmp_path / "configs", "a.toml")])
    with pytest.raises(UsageError, match="project's folder"):
        check_folders(ROOT, variants, tmp_path / "cache")
    with pytest.raises(UsageError, match="project's source"):
        check_folders(ROOT / "scenes", variants, tmp_path / "cache")
