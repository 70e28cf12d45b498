"""The title card shows the configured title."""

from __future__ import annotations

import pytest

from .conftest import lecture_data


@pytest.mark.parametrize("config", ["default", "longest"])
def test_title_shows_the_configured_title(play, config: str) -> None:
    scene = play("Title", config)
    assert lecture_data(config).title in scene.snapshots[0].texts
    assert scene.beats[0].text.startswith(lecture_data(config).title)


def test_title_card_ends_on_the_whole_agenda_plain(play) -> None:
    # the card's last frame is the lecture's poster: no step of the agenda singled out
    from manim import Text

    from scenes.parts.style import TEXT

    scene = play("Title", "default")
    steps = [
        m for top in scene.mobjects for m in top.get_family() if isinstance(m, Text) and m.original_text[:1].isdigit()
    ]
    assert [s.original_text[:2] for s in steps] == ["1.", "2.", "3.", "4.", "5."]
    for step in steps:
        assert {c.get_fill_color().to_hex().lower() for c in step.submobjects} == {TEXT.lower()}, step.original_text
