"""The SCORM 1.2 package, from a small fake site (no rendering): its manifest, its files, the swap, the option."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

import render
from pipeline.contracts import BuildOptions
from pipeline.publish import output, scorm

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
HOSTILE = '<script>&"'

PAGE = """<!DOCTYPE html>
<html><head><title>T</title></head><body>
<video id="lecture" poster="./lecture.png" src="lecture.mp4#t=0">
  <track kind="captions" src="lecture.vtt"><track kind="chapters" src="chapters.vtt">
</video>
<a href="lecture.txt?download=1">transcript</a>
<a href="https://example.org/lecture.srt">elsewhere</a>
<video id="clip-0" poster="scenes/01-Title.png" src="scenes/01-Title.mp4"><track src="scenes/01-Title.vtt"></video>
<p>lecture.srt and manifest.json are only named in text here</p>
<script>var descriptions = 'lecture.descriptions.vtt';</script>
</body></html>
"""
NEEDED = {
    "index.html", "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt", "lecture.txt",
    "lecture.descriptions.vtt", "scenes/01-Title.mp4", "scenes/01-Title.png", "scenes/01-Title.vtt",
}  # fmt: skip
NOT_NEEDED = {"embed.html", "lecture.srt", "scenes/02-Recap.mp4"}


def _stage(out: Path, page: str = PAGE) -> output.Staging:
    """A staging holding the fake site: every file the page needs, and some it does not."""
    site = output.Staging(out, output.previous_build(out) if out.is_dir() else None)
    site.write("index.html", page)
    for name in sorted((NEEDED | NOT_NEEDED) - {"index.html"}):
        site.write(name, f"content of {name}\n".encode() * 50)
    return site


def _publish(site: output.Staging, out: Path) -> None:
    with output.OutputLock(out) as lock:
        site.publish({"title": "fake"}, lock)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """The package of the fake site, published into ``tmp_path/site``."""
    out = tmp_path / "site"
    site = _stage(out)
    assert scorm.package(site, HOSTILE) == scorm.PACKAGE
    _publish(site, out)
    return out / scorm.PACKAGE


def _manifest(archive: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(archive.read("imsmanifest.xml"))


def _listed(root: ET.Element) -> list[str]:
    return [f.attrib["href"] for f in root.iter(f"{IMSCP}file")]


def test_the_manifest_is_scorm_12_with_the_page_as_its_one_sco(package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
        root = _manifest(archive)
    assert root.tag == f"{IMSCP}manifest"
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schema") == "ADL SCORM"
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    organizations = root.find(f"{IMSCP}organizations")
    assert organizations is not None
    [organization] = organizations.findall(f"{IMSCP}organization")
    assert organizations.attrib["default"] == organization.attrib["identifier"]
    [item] = organization.findall(f"{IMSCP}item")
    [resource] = root.findall(f"{IMSCP}resources/{IMSCP}resource")
    assert item.attrib["identifierref"] == resource.attrib["identifier"]
    assert resource.attrib[f"{ADLCP}scormtype"] == "sco"
    assert resource.attrib["href"] == "index.html"
    assert resource.attrib["type"] == "webcontent"
    assert _listed(root)[0] == "index.html"


def test_the_zip_holds_exactly_the_manifest_and_the_files_the_page_needs(package: Path) -> None:
    site = package.parent
    with zipfile.ZipFile(package) as archive:
        listed = _listed(_manifest(archive))
        assert len(listed) == len(set(listed))
        assert set(listed) == NEEDED
        assert sorted(archive.namelist()) == sorted(["imsmanifest.xml", *listed])
        for name in listed:
            assert archive.read(name) == (site / name).read_bytes(), name
        assert archive.testzip() is None
    for name in (output.MANIFEST, scorm.PACKAGE, *NOT_NEEDED):
        assert name not in listed


def test_a_file_the_page_links_is_packaged_even_one_that_is_usually_left_out(tmp_path: Path) -> None:
    page = PAGE.replace("</body>", '<a href="embed.html">embed</a></body>')
    assert "embed.html" in scorm.page_files(page, NEEDED | NOT_NEEDED)
    assert "embed.html" not in scorm.page_files(PAGE, NEEDED | NOT_NEEDED)
    assert set(scorm.page_files(PAGE, NEEDED | NOT_NEEDED | {output.MANIFEST})) == NEEDED


def test_a_hostile_title_is_escaped(package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        raw = archive.read("imsmanifest.xml")
        root = _manifest(archive)
    assert b"<script>" not in raw
    assert b"&lt;script&gt;&amp;" in raw
    titles = [t.text for t in root.iter(f"{IMSCP}title")]
    assert titles == [HOSTILE, HOSTILE]


def test_the_same_site_gives_the_same_package(tmp_path: Path) -> None:
    packages = []
    for name in ("a", "b"):
        target = io.BytesIO()
        site = _stage(tmp_path / name)
        scorm.write_zip(target, "Same", site.folder, scorm.page_files(PAGE, site.files))
        site.discard()
        packages.append(target.getvalue())
    assert packages[0] == packages[1]


def test_the_package_is_written_in_the_staging_and_swapped_in_with_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = _stage(out)
    scorm.package(first, "First")
    _publish(first, out)
    old = (out / scorm.PACKAGE).read_bytes()
    second = _stage(out, PAGE.replace("lecture.txt", "embed.html"))
    scorm.package(second, "Second")
    # Until the swap, the folder holds the old package whole: a build killed now leaves it.
    assert (out / scorm.PACKAGE).read_bytes() == old
    assert (second.folder / scorm.PACKAGE).exists()
    _publish(second, out)
    with zipfile.ZipFile(out / scorm.PACKAGE) as archive:
        assert "embed.html" in archive.namelist() and "lecture.txt" not in archive.namelist()
    files = json.loads((out / output.MANIFEST).read_text())["files"]
    assert files[scorm.PACKAGE]["bytes"] == (out / scorm.PACKAGE).stat().st_size


def test_a_build_without_a_package_removes_the_previous_one_and_keeps_the_teachers_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site = _stage(out)
    scorm.package(site, "With")
    _publish(site, out)
    (out / "notes.txt").write_text("mine")
    _publish(_stage(out), out)
    assert not (out / scorm.PACKAGE).exists()
    assert (out / "notes.txt").read_text() == "mine"
    assert scorm.PACKAGE not in json.loads((out / output.MANIFEST).read_text())["files"]


def test_package_option_reaches_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[BuildOptions] = []
    monkeypatch.setattr("pipeline.commands.build.run_build", lambda params, out, options: seen.append(options))
    monkeypatch.setattr("pipeline.commands.build.summary", lambda report: "done")
    for args, expected in ((["--package", "scorm"], "scorm"), ([], None)):
        result = CliRunner().invoke(render.cli, ["build", "--out", str(tmp_path), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert seen.pop().package == expected


def test_an_unknown_package_is_one_error_line_and_status_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(render.cli, ["build", "--out", str(tmp_path), "--package", "zip"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert errors == ["Error: Invalid value for '--package': 'zip' is not 'scorm'."]
    assert not (tmp_path / scorm.PACKAGE).exists()
