"""Options and fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ROOT / "tests" / "configs"


def pytest_addoption(parser: pytest.Parser) -> None:
    # manim's frames_comparison reads these two options (as manim's own conftest declares them).
    parser.addoption("--set_test", action="store_true", default=False, help="write golden frames instead of comparing")
    parser.addoption("--show_diff", action="store_true", default=False, help="show a diff of failed golden frames")


# Manim's frames_comparison skips itself when libcairo is older than 1.18 (Debian 12 has 1.16),
# because manim's own control data were drawn with a newer cairo. Ours are drawn with this
# machine's cairo, so they compare like with like: lower the threshold to the running version.
# If the golden tests are skipped anyway, the session fails (see pytest_sessionfinish).
def _enable_frame_tests() -> None:
    import cairo
    from manim.utils.testing import frames_comparison

    frames_comparison.MIN_CAIRO_VERSION = min(frames_comparison.MIN_CAIRO_VERSION, cairo.cairo_version())


_enable_frame_tests()

_skipped_golden: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "test_golden_frames" in report.nodeid:
        _skipped_golden.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped_golden:
        print(f"\nERROR: {len(_skipped_golden)} golden-frame tests were skipped; they must run.")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _scene_of(item: pytest.Item) -> str | None:
    """The scene a test plays, so that all tests of one scene share a worker (and its played scenes)."""
    from scenes import SCENES

    callspec = getattr(item, "callspec", None)
    for value in callspec.params.values() if callspec else ():
        for spec in SCENES:
            if value == spec.name or value is spec:
                return spec.name
    module = item.module.__name__.rsplit(".", 1)[-1].removeprefix("test_") if item.module else ""
    name = item.name.removeprefix("test_").split("[")[0]
    for spec in SCENES:
        if spec.module.endswith("." + module) or (module == "golden_frames" and spec.module.endswith("." + name)):
            return spec.name
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # With pytest-xdist (--dist loadgroup): the end-to-end tests share one worker and its builds;
    # each scene's tests share a worker, so each (scene, configuration) is played once.
    for item in items:
        path = str(item.path)
        if path.endswith("test_faults.py"):
            item.add_marker(pytest.mark.xdist_group("e2e-faults"))
        elif path.endswith("test_cluster.py"):
            item.add_marker(pytest.mark.xdist_group("e2e-cluster"))
        elif f"{Path('tests', 'e2e')}" in path:
            item.add_marker(pytest.mark.xdist_group("e2e"))
        elif f"{Path('tests', 'scenes')}" in path:
            scene = _scene_of(item)
            item.add_marker(pytest.mark.xdist_group(f"scene-{scene}" if scene else "scenes"))
