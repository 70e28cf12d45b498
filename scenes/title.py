"""Title card: the lecture's title and the road it will take."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, FadeIn, LaggedStart, Line, VGroup, Write

from scenes.base import LectureScene
from scenes.parts.layout import fit
from scenes.parts.mobjects import label
from scenes.parts.style import ACCENT, BODY_SIZE, FRAME_MARGIN, MUTED, TEXT, TITLE_SIZE

ROAD = (
    "Candies drawn from a bag: the data",
    "The likelihood of a guess",
    "Why we take the logarithm",
    "Log-likelihood is cross-entropy",
    "Binary cross-entropy",
)


class Title(LectureScene):
    """The title from the config, then the five steps of the lecture."""

    def construct(self) -> None:
        data = self.data
        # The title, underlined
        title = fit(label(data.title, size=TITLE_SIZE, color=TEXT))
        rule = Line(LEFT * 3, -LEFT * 3, color=ACCENT, stroke_width=3)
        with self.beat(f"{data.title}.", shows=f"The lecture's title, {data.title}, underlined."):
            title.move_to(UP * 0.4)
            rule.next_to(title, DOWN, buff=0.3)
            self.play(Write(title), run_time=1.5)
            self.play(FadeIn(rule, shift=LEFT * 0.3))

        # The road: the five parts of the lecture
        steps = VGroup(
            *(label(f"{i}.  {step}", size=BODY_SIZE, color=TEXT) for i, step in enumerate(ROAD, start=1))
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        with self.beat(
            "We start from candies drawn from a bag, ask how likely each guess makes them, "
            "and arrive at the loss that trains classifiers: cross-entropy.",
            shows="Under the title, the lecture's agenda: "
            + "; ".join(f"{i}. {step}" for i, step in enumerate(ROAD, start=1))
            + ".",
        ):
            self.play(VGroup(title, rule).animate.scale(0.75).to_edge(UP, buff=FRAME_MARGIN + 0.2))
            fit(steps)
            free_top = rule.get_bottom()[1] - 0.4
            steps.move_to([0, (free_top - 3.6) / 2, 0])
            self.play(LaggedStart(*(FadeIn(s, shift=UP * 0.2) for s in steps), lag_ratio=0.3), run_time=2.5)
            self.play(steps[-1].animate.set_color(ACCENT), steps[:-1].animate.set_color(MUTED))
            self.wait(1.0)
            # The card ends on the whole agenda, plain: it is the lecture's poster
            self.play(steps.animate.set_color(TEXT))
