"""The site as a SCORM 1.2 package (``lecture-scorm12.zip``) for an LMS: Moodle, Canvas, Blackboard.

The package is the page (``index.html``) as its one SCO, and every file the page
references, found by reading the page itself (``src``, ``href``, ``poster``, any
attribute, and quoted names in its scripts) against the files the build published:
so it follows the page as it changes, and holds nothing the page does not use
(``manifest.json``, ``embed.html`` unless the page links it, the package itself).
The zip holds exactly ``imsmanifest.xml`` and the files it lists.

The page reports to the LMS itself (``templates/scorm.js``, inlined into it):
it finds the SCORM 1.2 ``API`` object, marks the lecture ``incomplete`` when it
opens and ``completed`` when the video has been played to its end (or 95%).

:func:`package` writes the zip inside the build's :class:`~.output.Staging`, so
it is swapped in with the site, or not at all; a build without ``--package``
does not write it, and since the previous manifest lists it, the swap removes
an old one.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

from .output import MANIFEST, Staging

KINDS = ("scorm",)
"""The values of ``--package``."""

PACKAGE = "lecture-scorm12.zip"
PAGE = "index.html"
IMS_MANIFEST = "imsmanifest.xml"
IMSCP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"

_NEVER = frozenset({MANIFEST, PACKAGE, IMS_MANIFEST})
_COMPRESSED = (".mp4", ".png", ".jpg", ".jpeg", ".webm", ".m4a", ".mp3", ".zip")
_QUOTED = re.compile(r"""(["'])([^"'\\\s<>]{1,300})\1""")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed time: the same site gives the same bytes


class _References(HTMLParser):
    """Every attribute value of a page, and every quoted string in its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.update(v for _, v in attrs if v)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.values.update(m.group(2) for m in _QUOTED.finditer(data))


def _as_file(reference: str) -> str:
    """A relative URL as a path in the site (no query, no fragment, no leading ``./``)."""
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc:
        return ""
    path = unquote(parts.path)
    while path.startswith("./"):
        path = path[2:]
    return path


def page_files(page_html: str, site_files: Iterable[str]) -> list[str]:
    """The page and the files of ``site_files`` it references, the page first, then sorted."""
    parser = _References()
    parser.feed(page_html)
    parser.close()
    available = set(site_files) - _NEVER
    wanted = {_as_file(v) for v in parser.values} & available
    wanted.discard(PAGE)
    return [PAGE, *sorted(wanted)]


def manifest_xml(title: str, files: list[str]) -> bytes:
    """``imsmanifest.xml``: one organization, one item, one SCO (``index.html``) holding ``files``."""
    identifier = "candy-lecture-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:16]
    root = ET.Element(
        "manifest",
        {"identifier": identifier, "version": "1.0", "xmlns": IMSCP_NS, "xmlns:adlcp": ADLCP_NS},
    )
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "ADL SCORM"
    ET.SubElement(metadata, "schemaversion").text = "1.2"
    organizations = ET.SubElement(root, "organizations", {"default": "lecture-organization"})
    organization = ET.SubElement(organizations, "organization", {"identifier": "lecture-organization"})
    ET.SubElement(organization, "title").text = title
    item = ET.SubElement(
        organization,
        "item",
        {"identifier": "lecture-item", "identifierref": "lecture-sco", "isvisible": "true"},
    )
    ET.SubElement(item, "title").text = title
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(
        resources,
        "resource",
        {"identifier": "lecture-sco", "type": "webcontent", "adlcp:scormtype": "sco", "href": PAGE},
    )
    for name in files:
        ET.SubElement(resource, "file", {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_COMPRESSED) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_zip(target: BinaryIO, title: str, folder: Path, files: list[str]) -> None:
    """Write the package of ``files`` (paths in ``folder``) into ``target``: the manifest first."""
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_entry(IMS_MANIFEST), manifest_xml(title, files))
        for name in files:
            source = folder / name
            large = source.stat().st_size >= zipfile.ZIP64_LIMIT
            with source.open("rb") as src, archive.open(_entry(name), "w", force_zip64=large) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


def package(site: Staging, title: str, kind: str = "scorm") -> str:
    """Write the ``kind`` package of the staged site into the staging; return its name in the site."""
    if kind not in KINDS:
        raise ValueError(f"unknown package {kind!r}; known: {', '.join(KINDS)}")
    page = (site.folder / PAGE).read_text(encoding="utf-8")
    files = page_files(page, site.files)
    site.create(PACKAGE, lambda handle: write_zip(handle, title, site.folder, files))
    return PACKAGE
