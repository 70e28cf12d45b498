"""The title card shows the configured title."""

from __future__ import annotations

import pytest

from .conftest import lecture_data


@pytest.mark.parametrize("config", ["default", "longest"])
def test_title_shows_the_configured_title(play, config: str) -> None:
    scene = play("Title", config)
    assert lecture_data(config).title in scene.snapshots[0].texts
    assert scene.beats[0].text.startswith(lecture_data(config).title)
