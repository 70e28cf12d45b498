"""Options and fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ROOT / "tests" / "configs"


def pytest_addoption(parser: pytest.Parser) -> None:
    # manim's frames_comparison reads these two options (as manim's own conftest declares them).
    parser.addoption(
        "--set_test", action="store_true", default=False, help="write golden frames instead of comparing"
    )
    parser.addoption(
        "--show_diff", action="store_true", default=False, help="show a diff of failed golden frames"
    )


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
