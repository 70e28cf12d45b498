r"""Part 5: the log-likelihood, divided by minus N, is the cross-entropy.

The scene derives :math:`-\frac{1}{N} \log L(q) = -\sum_i p_i \log q_i = H(p, q)`
as a chain of transformations, concludes that maximum likelihood is minimum
cross-entropy, writes the derivation out for the lecture's data, plugs in the
first guess, and tabulates every guess's cross-entropy. The best guess
:math:`q = p` reaches the minimum, the entropy :math:`H(p)`, because
:math:`H(p, q) = H(p) + \mathrm{KL}(p \| q)` and the KL divergence is never
negative.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    Mobject,
    SurroundingRectangle,
    Text,
    TransformMatchingTex,
    VGroup,
    Write,
    config,
)

from scenes.base import LectureScene
from scenes.parts.describe import said_fixed, said_list, said_log, said_number
from scenes.parts.formatting import (
    fixed,
    plain_fraction,
    spoken_fixed,
    spoken_list,
    tex_log,
    tex_name,
    tex_number,
    unit,
    with_unit,
)
from scenes.parts.formulas import LINE_BUFF, Piece, wrapped_formula
from scenes.parts.layout import fit, right_x
from scenes.parts.mobjects import color_tex, guess_name_cell, heading, label
from scenes.parts.style import ACCENT, BEST, BODY_SIZE, FORMULA, FRAME_MARGIN, MUTED, TEXT, guess_color, guess_color_of
from scenes.parts.table import Table


def q_of(name: str) -> str:
    """``q_{\\text{red}}``."""
    return f"q_{{{tex_name(name)}}}"


def align_at(mob: Mobject, part: Mobject, target: Mobject) -> Mobject:
    """Shift ``mob`` horizontally so that its ``part`` sits at ``target``'s x (kept in the frame)."""
    mob.shift(RIGHT * (target.get_x() - part.get_x()))
    right_edge = right_x()
    if mob.get_right()[0] > right_edge:
        mob.shift(LEFT * (mob.get_right()[0] - right_edge))
    if mob.get_left()[0] < -right_edge:
        mob.shift(RIGHT * (-right_edge - mob.get_left()[0]))
    return mob


def free_area_y(general: Mobject) -> float:
    """The middle of the frame below the general formula (a little above centre)."""
    top = general.get_bottom()[1] - 0.4
    bottom = -config.frame_height / 2 + FRAME_MARGIN
    return (top + bottom) / 2 + 0.4


@dataclass(frozen=True)
class GuessTable:
    """Every guess's cross-entropy (columns 0-1, shown first, centred), then ``= H(p) + KL`` (columns 2-5).

    ``offset`` is how far the first two columns are shifted right from their place in the
    full table; ``box`` frames the best guess's cross-entropy; ``minimum`` is ``min H = H(p)``.
    """

    table: Table
    first_columns: VGroup
    offset: float
    box: SurroundingRectangle
    minimum: MathTex


class CrossEntropy(LectureScene):
    """Log-likelihood is cross-entropy: maximising L(q) is minimising H(p, q), whose minimum is H(p)."""

    def construct(self) -> None:
        title = heading("Log-likelihood is cross-entropy")
        # log L = N sum p_i log q_i; divided by -N it is the cross-entropy H(p, q)
        general, meaning = self.derive_general(title)
        # Maximum likelihood is minimum cross-entropy
        statement = self.max_is_min(title, general, meaning)
        # The same two lines with the lecture's counts and frequencies
        instance = self.instance(general, statement)
        # The first guess plugged in, term by term
        worked = self.plug_in(general, instance)
        # Every guess's cross-entropy; the best guess q = p reaches the minimum H(p)
        guesses = self.guess_table(general, worked)
        # H(p, q) = H(p) + KL(p || q) with KL >= 0: why no guess goes below H(p)
        self.decomposition(guesses)

    # beats 1 and 2 -------------------------------------------------------------------------------

    def derive_general(self, title: Text) -> tuple[MathTex, Text]:
        """Beats 1-2: log L = sum n_i log q_i = N sum p_i log q_i, then -1/N log L = H(p, q)."""
        log = tex_log(self.data.log_base)
        lik = f"{log} L(q)"
        start = MathTex(lik, "=", log, r"\prod_i", "q_i^{n_i}", font_size=FORMULA.worked, color=TEXT)
        counts = MathTex(lik, "=", r"\sum_i", "n_i", f"{log} q_i", font_size=FORMULA.worked, color=TEXT)
        freqs = MathTex(lik, "=", "N", r"\sum_i", "p_i", f"{log} q_i", font_size=FORMULA.worked, color=TEXT)
        for mob in (start, counts, freqs):
            mob.move_to(UP * 0.6)
        note = MathTex("n_i = N p_i", font_size=FORMULA.data, color=MUTED).next_to(freqs, DOWN, buff=0.6)
        with self.beat(
            "Take the log of the likelihood: the product of powers becomes a sum of counts times "
            "log-probabilities, and since each count is N times its class's frequency, N comes out in front.",
            shows=f"Under the heading Log-likelihood is cross-entropy: {said_log(self.data.log_base)} L of q equals "
            f"N times the sum over i of p sub i times {said_log(self.data.log_base)} q sub i; below it, "
            "n sub i equals N times p sub i.",
        ):
            self.play(FadeIn(title), Write(start))
            self.play(TransformMatchingTex(start, counts), run_time=1.5)
            self.play(FadeIn(note, shift=UP * 0.2))
            self.play(TransformMatchingTex(counts, freqs), run_time=1.5)

        divided = MathTex(
            r"-\frac{1}{N}", lik, "=", "-", r"\sum_i", "p_i", f"{log} q_i", font_size=FORMULA.worked, color=TEXT
        ).move_to(UP * 0.6)
        named = MathTex(
            r"-\frac{1}{N}",
            lik,
            "=",
            "-",
            r"\sum_i",
            "p_i",
            f"{log} q_i",
            "=",
            "H(p, q)",
            font_size=FORMULA.worked,
            color=TEXT,
        ).move_to(UP * 0.6)
        named[-1].set_color(ACCENT)
        meaning = label("the cross-entropy of q relative to p", size=BODY_SIZE, color=ACCENT)
        meaning.next_to(named, DOWN, buff=0.6)
        with self.beat(
            "Divide by minus N. What remains, minus the sum of p_i times log q_i, "
            "is the cross-entropy of q relative to p, written H of p and q.",
            shows=f"Minus 1 over N times {said_log(self.data.log_base)} L of q equals minus the sum over i of "
            f"p sub i times {said_log(self.data.log_base)} q sub i, which is H of p and q, "
            "labelled the cross-entropy of q relative to p.",
        ):
            self.play(FadeOut(note), TransformMatchingTex(freqs, divided), run_time=1.5)
            self.play(TransformMatchingTex(divided, named))
            self.play(FadeIn(meaning, shift=UP * 0.2))
        return named, meaning

    # beat 3 ----------------------------------------------------------------------------------------

    def max_is_min(self, title: Text, general: MathTex, meaning: Text) -> VGroup:
        """Beat 3: argmax of the likelihood = argmin of the cross-entropy; ``general`` moves under the title."""
        statement = MathTex(
            r"\arg\max_q",
            "L(q)",
            "=",
            r"\arg\max_q",
            f"{tex_log(self.data.log_base)} L(q)",
            "=",
            r"\arg\min_q",
            "H(p, q)",
            font_size=FORMULA.worked,
            color=TEXT,
        )
        statement[-1].set_color(ACCENT)
        words = label("maximum likelihood  =  minimum cross-entropy", size=BODY_SIZE + 4, color=ACCENT)
        VGroup(statement, words).arrange(DOWN, buff=0.5).move_to(DOWN * 0.4)
        fit(statement)
        with self.beat(
            "Dividing by a negative number turns a maximum into a minimum: the guess that maximises "
            "the likelihood is exactly the guess that minimises the cross-entropy.",
            shows=f"The cross-entropy formula moves under the heading. Below it: arg max over q of L of q equals "
            f"arg max over q of {said_log(self.data.log_base)} L of q equals arg min over q of H of p and q, "
            "in words: maximum likelihood equals minimum cross-entropy.",
        ):
            self.play(
                FadeOut(meaning),
                general.animate.scale(0.8).next_to(title, DOWN, buff=0.35),
            )
            self.play(Write(statement), run_time=1.5)
            self.play(FadeIn(words, shift=UP * 0.2))
        return VGroup(statement, words)

    # beat 4 ----------------------------------------------------------------------------------------

    def class_piece(self, i: int) -> Piece:
        """``log q_red`` in red."""
        return (f"{tex_log(self.data.log_base)} {q_of(self.data.classes[i])}", self.data.colors[i])

    def instance(self, general: MathTex, statement: VGroup) -> VGroup:
        """Beat 4: the same two lines with the data's counts, N and frequencies, in class colours."""
        data = self.data
        log = tex_log(data.log_base)
        k = len(data.classes)
        count_terms = [
            [*([("+", None)] if i else []), (str(data.counts[i]), data.colors[i]), self.class_piece(i)]
            for i in range(k)
        ]
        counts = wrapped_formula([(f"{log} L(q)", None), ("=", None)], count_terms)
        freq_terms = [
            [
                *([("+", None)] if i else []),
                (tex_number(data.empirical[i]), data.colors[i]),
                self.class_piece(i),
            ]
            for i in range(k)
        ]
        freqs = wrapped_formula(
            [(rf"-\frac{{1}}{{{data.n}}}", None), (f"{log} L(q)", None), ("=", None), (r"-\Big[", None)],
            freq_terms,
            [(r"\Big]", None), ("=", None), ("H(p, q)", ACCENT)],
        )
        for mob in (counts, freqs):
            mob.move_to([0, free_area_y(general), 0])
        counts_text = spoken_list([str(c) for c in data.counts])
        freqs_text = spoken_list([plain_fraction(p) for p in data.empirical])
        weighted = said_list(
            [
                f"{said_number(p)} times {said_log(data.log_base)} q of {name}"
                for p, name in zip(data.empirical, data.classes, strict=True)
            ]
        )
        with self.beat(
            f"In our data N is {data.n}: the counts {counts_text} become the frequencies {freqs_text}, "
            "and each class's log-probability is weighted by its frequency.",
            shows=f"With the data: minus 1 over {data.n} times {said_log(data.log_base)} L of q equals minus the "
            f"sum of {weighted}, which is H of p and q.",
        ):
            self.play(FadeOut(statement))
            self.play(Write(counts), run_time=1.5)
            self.play(TransformMatchingTex(counts, freqs), run_time=1.5)
        return freqs

    # beat 5 ----------------------------------------------------------------------------------------

    def plug_in(self, general: MathTex, freqs: VGroup) -> VGroup:
        """Beat 5: the first guess plugged in, term by term (-p_i log q_i), summed to its cross-entropy."""
        data = self.data
        g = data.guesses[0]
        color = guess_color(0)
        log, base_unit = tex_log(data.log_base), unit(data.log_base)
        k = len(data.classes)
        guess_line = color_tex(
            [
                (f"{q_of(g.name)} = \\big(", color),
                *(
                    piece
                    for i in range(k)
                    for piece in ([(",\\,", color)] if i else []) + [(tex_number(g.dist.probs[i]), data.colors[i])]
                ),
                (r"\big)", color),
            ],
            font_size=FORMULA.data,
        )
        fit(guess_line)
        plugged_terms = [
            [
                *([("+", None)] if i else []),
                (tex_number(data.empirical[i]), data.colors[i]),
                (f"{log} {tex_number(g.dist.probs[i])}", data.colors[i]),
            ]
            for i in range(k)
        ]
        plugged = wrapped_formula(
            [(f"H(p, {q_of(g.name)})", color), ("=", None), (r"-\Big[", None)],
            plugged_terms,
            [(r"\Big]", None)],
        )
        value_terms = [[*([("+", None)] if i else []), (fixed(g.ce_terms[i]), data.colors[i])] for i in range(k)]
        total = with_unit(g.cross_entropy, base_unit)
        values = wrapped_formula([("=", None)], value_terms, [("=", None), (total, color)])
        plugged.set_x(0).next_to(guess_line, DOWN, buff=0.45)
        values.next_to(plugged, DOWN, buff=LINE_BUFF + 0.1)
        align_at(values, values[0][0], plugged[0][1])
        block = VGroup(guess_line, plugged, values)
        block.shift(UP * (free_area_y(general) - block.get_y()))
        if g.cross_entropy == float("inf"):
            total_text = "which is infinite: the guess gave probability 0 to a colour we drew"
        else:
            total_text = spoken_fixed(g.cross_entropy, base_unit)
        lg = said_log(data.log_base)
        probs = said_list([f"{said_number(q)} for {name}" for q, name in zip(g.dist.probs, data.classes, strict=True)])
        terms = said_list(
            [f"{said_number(p)} times {lg} {said_number(q)}" for p, q in zip(data.empirical, g.dist.probs, strict=True)]
        )
        total_said = said_fixed(g.cross_entropy) + ("" if g.cross_entropy == float("inf") else f" {base_unit}")
        with self.beat(
            f"Plug in the {g.name} guess: each class adds its own term, minus p_i times log q_i, "
            f"and the terms add up to its cross-entropy, {total_text}.",
            shows=f"The {g.name} guess, q of {g.name} with {probs}, plugged in: H of p and q of {g.name} equals "
            f"minus the sum of {terms}; the terms are {said_list([said_fixed(v) for v in g.ce_terms])}, "
            f"adding up to {total_said}.",
        ):
            self.play(FadeIn(guess_line, shift=DOWN * 0.2), freqs.animate.next_to(guess_line, DOWN, buff=0.45))
            self.play(TransformMatchingTex(freqs, plugged), run_time=1.5)
            self.play(Write(values), run_time=1.5)
        return VGroup(guess_line, plugged, values)

    # beats 6 and 7 ---------------------------------------------------------------------------------

    def guess_table(self, general: MathTex, worked: VGroup) -> GuessTable:
        """Beat 6: every guess's cross-entropy; the best guess q = p reaches the minimum H(p)."""
        data = self.data
        header: list[Mobject | None] = [
            label("guess", size=BODY_SIZE, color=MUTED),
            MathTex("H(p, q)", font_size=FORMULA.table, color=MUTED),
            None,
            MathTex("H(p)", font_size=FORMULA.table, color=MUTED),
            None,
            MathTex(r"\mathrm{KL}(p\,\|\,q)", font_size=FORMULA.table, color=MUTED),
        ]
        rows: list[list[Mobject | None]] = [header]
        for g in data.all_guesses:
            color = guess_color_of(data, g)
            rows.append(
                [
                    guess_name_cell(data, g),
                    MathTex(fixed(g.cross_entropy), font_size=FORMULA.table, color=color),
                    MathTex("=", font_size=FORMULA.table, color=TEXT),
                    MathTex(fixed(data.entropy), font_size=FORMULA.table, color=BEST),
                    MathTex("+", font_size=FORMULA.table, color=TEXT),
                    MathTex(fixed(g.kl), font_size=FORMULA.table, color=TEXT),
                ]
            )
        table = Table(rows, "lcccc" + "c")
        table.group.next_to(general, DOWN, buff=0.55).set_x(0)
        shown = [0, 1]
        first_columns = VGroup(*(table.row(r, shown) for r in range(len(rows))))
        offset = -first_columns.get_x()
        first_columns.shift(RIGHT * offset)
        box = SurroundingRectangle(table.cells[len(rows) - 1][1], color=BEST, buff=0.1)
        minimum = MathTex(
            r"\min_q H(p, q)",
            "=",
            "H(p)",
            "=",
            with_unit(data.entropy, unit(data.log_base)),
            font_size=FORMULA.data,
            color=BEST,
        )
        minimum.next_to(table.group, DOWN, buff=0.5).set_x(0)
        fit(minimum)
        with self.beat(
            "Every guess has a cross-entropy, and lower is better: the order is the order of the likelihoods. "
            f"The best guess, q equal to p, reaches the minimum: the entropy of p, "
            f"{spoken_fixed(data.entropy, unit(data.log_base))}.",
            shows="A table of every guess's cross-entropy H of p and q: "
            + "; ".join(
                f"{g.name}{' (q = p)' if g.name == data.best.name else ''}, {said_fixed(g.cross_entropy)}"
                for g in data.all_guesses
            )
            + f". The best is boxed; below, the minimum over q of H of p and q equals H of p, "
            f"{said_fixed(data.entropy)} {unit(data.log_base)}.",
        ):
            self.play(FadeOut(worked))
            self.play(FadeIn(table.row(0, shown)))
            self.play(
                LaggedStart(
                    *(FadeIn(table.row(r, shown), shift=UP * 0.15) for r in range(1, len(rows))),
                    lag_ratio=0.3,
                ),
                run_time=2,
            )
            self.play(Create(box), Write(minimum))
        return GuessTable(table, first_columns, offset, box, minimum)

    def decomposition(self, guesses: GuessTable) -> None:
        """Beat 7: H(p, q) = H(p) + KL(p || q) with KL >= 0, so no guess goes below H(p)."""
        table = guesses.table
        reason = MathTex(
            r"\mathrm{KL}(p\,\|\,q) \ge 0",
            r"\;\Rightarrow\;",
            r"H(p, q) \ge H(p)",
            font_size=FORMULA.data,
            color=TEXT,
        )
        reason[2].set_color(BEST)
        reason.next_to(guesses.minimum, DOWN, buff=0.4)
        fit(reason)
        added = [2, 3, 4, 5]
        with self.beat(
            "Why is q equal to p the minimum? The cross-entropy splits into the entropy of p, which no guess "
            "can change, plus the KL divergence of q from p, which is never negative and is zero only when q "
            "equals p.",
            shows="The table now splits each guess's cross-entropy into H of p plus the KL divergence of p from q: "
            + "; ".join(
                f"{g.name}, {said_fixed(g.cross_entropy)} equals {said_fixed(self.data.entropy)} "
                f"plus {said_fixed(g.kl)}"
                for g in self.data.all_guesses
            )
            + ". Below: KL of p and q is at least 0, so H of p and q is at least H of p.",
        ):
            self.play(VGroup(guesses.first_columns, guesses.box).animate.shift(LEFT * guesses.offset))
            self.play(FadeIn(table.row(0, added)))
            self.play(
                LaggedStart(
                    *(FadeIn(table.row(r, added), shift=LEFT * 0.2) for r in range(1, len(table.cells))),
                    lag_ratio=0.25,
                ),
                run_time=2,
            )
            self.play(Write(reason))
