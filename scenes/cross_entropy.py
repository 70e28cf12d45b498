"""Part 5: the log-likelihood, divided by minus N, is the cross-entropy.

The scene derives :math:`-\\frac{1}{N} \\log L(q) = -\\sum_i p_i \\log q_i = H(p, q)`
as a chain of transformations, concludes that maximum likelihood is minimum
cross-entropy, writes the derivation out for the lecture's data, plugs in the
first guess, and tabulates every guess's cross-entropy. The best guess
:math:`q = p` reaches the minimum, the entropy :math:`H(p)`, because
:math:`H(p, q) = H(p) + \\mathrm{KL}(p \\| q)` and the KL divergence is never
negative.

The layout helpers here (formulas that wrap between terms, a small table) are
shared with :mod:`scenes.binary_cross_entropy`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Create,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    Mobject,
    ReplacementTransform,
    SurroundingRectangle,
    TransformMatchingTex,
    VGroup,
    Write,
    config,
)

from mathcore import GuessData, LectureData, Number
from scenes.base import LectureScene
from scenes.fmt import plain_fraction, tex_decimal, tex_fixed, tex_log, tex_name, tex_number, text_fixed, unit
from scenes.mobjects import color_tex, fit_in_frame, label
from scenes.style import ACCENT, BEST, BODY_SIZE, FRAME_MARGIN, HEADING_SIZE, MUTED, TEXT, guess_color

Piece = tuple[str, str | None]
"""A piece of a formula: its TeX and its colour (``None``: the text colour)."""

FORMULA_SIZE = 40
DATA_SIZE = 34
TABLE_SIZE = 34
USABLE_WIDTH = config.frame_width - 2 * FRAME_MARGIN
LINE_BUFF = 0.22


# --- formatting (no arithmetic on the lecture's values) ---------------------------------------


def fixed(value: float, places: int = 4) -> str:
    """:func:`~scenes.fmt.tex_fixed`, with a negative zero shown as ``0.0000``."""
    return tex_fixed(0.0 if value == 0 else value, places)


def spoken_fixed(value: float, base_unit: str, places: int = 4) -> str:
    """A value for a caption: ``1.0549 nats``, or ``infinite``."""
    if value == float("inf"):
        return "infinite"
    return f"{text_fixed(0.0 if value == 0 else value, places)} {base_unit}"


def plain_number(value: Number) -> str:
    """A probability for a caption: ``4/5`` or ``0.5``."""
    if isinstance(value, Fraction):
        return plain_fraction(value)
    return tex_decimal(value)


def spoken_list(items: Sequence[str]) -> str:
    """``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def inline(tex: str) -> str:
    """A number's TeX with fractions written on one line (``4/5``), for tables and running lines."""
    return re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"\1/\2", tex)


def with_unit(value: float, base_unit: str, places: int = 4) -> str:
    """``1.0549\\ \\text{nats}``; an infinity without a unit."""
    if value == float("inf"):
        return fixed(value, places)
    return rf"{fixed(value, places)}\ \text{{{base_unit}}}"


def q_of(name: str) -> str:
    """``q_{\\text{red}}``."""
    return f"q_{{{tex_name(name)}}}"


# --- layout helpers --------------------------------------------------------------------------


def heading(text: str) -> Mobject:
    """The scene's heading at the top of the frame."""
    mob = fit_in_frame(label(text, size=HEADING_SIZE, color=TEXT))
    return mob.to_edge(UP, buff=FRAME_MARGIN + 0.1)


def wrapped_formula(
    head: Sequence[Piece],
    terms: Sequence[Sequence[Piece]],
    tail: Sequence[Piece] = (),
    font_size: float = DATA_SIZE,
    max_width: float = USABLE_WIDTH,
) -> VGroup:
    """A formula as one ``MathTex`` per line, broken between terms when one line is too wide.

    ``head`` starts the first line, ``terms`` follow (each after the first
    should start with its operator, e.g. ``+``), ``tail`` ends the last line.
    Continuation lines start under the first term. Each line is a ``MathTex``
    whose parts are the pieces, so :class:`TransformMatchingTex` can match them.
    """
    groups = [[*head, *terms[0]], *(list(t) for t in terms[1:])]
    groups[-1] = [*groups[-1], *tail]
    full = color_tex([p for g in groups for p in g], font_size=font_size)
    if full.width <= max_width:
        return VGroup(full)
    spans: list[tuple[float, float]] = []
    index = 0
    for group in groups:
        parts = [p for p in full.submobjects[index : index + len(group)] if has_ink(p)]
        index += len(group)
        spans.append((min(p.get_left()[0] for p in parts), max(p.get_right()[0] for p in parts)))
    head_parts = [p for p in full.submobjects[: len(head)] if has_ink(p)]
    indent = (max(p.get_right()[0] for p in head_parts) - full.get_left()[0]) if head_parts else 0.0
    if indent > max_width / 2:
        indent = 0.6
    lines: list[list[Piece]] = [list(groups[0])]
    line_left, line_indent = spans[0][0], 0.0
    for group, (left, right) in zip(groups[1:], spans[1:], strict=True):
        if right - line_left + line_indent > max_width:
            lines.append([])
            line_left, line_indent = left, indent
        lines[-1].extend(group)
    mobs = VGroup(*(color_tex(line, font_size=font_size) for line in lines))
    mobs.arrange(DOWN, aligned_edge=LEFT, buff=LINE_BUFF)
    for line in mobs[1:]:
        line.shift(RIGHT * indent)
    return fit_in_frame(mobs)


def morph(
    scene: LectureScene,
    source: Mobject,
    target: Mobject,
    key_map: dict[str, str],
    run_time: float = 1.5,
) -> None:
    """Play ``source`` turning into ``target``, part by part.

    Like :class:`TransformMatchingTex`: parts with the same TeX move onto each
    other, the rest fade; but parts named in ``key_map`` (source TeX to target
    TeX) morph into their counterpart, e.g. ``p_{\text{red}}`` into ``y``.
    (Manim's own ``key_map`` fails on parts of different structure.)
    """

    def parts(mob: Mobject) -> dict[str, list[Mobject]]:
        found: dict[str, list[Mobject]] = {}
        for part in TransformMatchingTex.get_mobject_parts(mob):
            found.setdefault(part.tex_string, []).append(part)
        return found

    src, tgt = parts(source), parts(target)
    inverse = {v: k for k, v in key_map.items()}
    used: set[str] = set()
    anims: list[Animation] = []
    arrived: list[Mobject] = []
    for key, pieces in tgt.items():
        origin = key if key in src else inverse.get(key)
        wrapper = VGroup(*pieces)
        if origin is None or origin not in src or origin in used:
            anims.append(FadeIn(wrapper))
        else:
            used.add(origin)
            anims.append(ReplacementTransform(VGroup(*(p.copy() for p in src[origin])), wrapper))
        arrived.append(wrapper)
    anims.extend(FadeOut(VGroup(*(p.copy() for p in pieces))) for key, pieces in src.items() if key not in used)
    scene.remove(source)
    scene.play(*anims, run_time=run_time)
    scene.remove(*arrived)
    scene.add(target)


def has_ink(mob: Mobject) -> bool:
    """True when ``mob`` or one of its parts draws something."""
    return any(m.has_points() for m in mob.get_family())


def align_at(mob: Mobject, part: Mobject, target: Mobject) -> Mobject:
    """Shift ``mob`` horizontally so that its ``part`` sits at ``target``'s x (kept in the frame)."""
    mob.shift(RIGHT * (target.get_x() - part.get_x()))
    right_edge = config.frame_width / 2 - FRAME_MARGIN
    if mob.get_right()[0] > right_edge:
        mob.shift(LEFT * (mob.get_right()[0] - right_edge))
    if mob.get_left()[0] < -right_edge:
        mob.shift(RIGHT * (-right_edge - mob.get_left()[0]))
    return mob


@dataclass
class Table:
    """Cells laid out in rows and columns; ``cells[r][c]`` is a mobject or ``None``.

    ``aligns`` has one letter per column: ``l``, ``c`` or ``r``.
    """

    cells: list[list[Mobject | None]]
    aligns: str
    col_gap: float = 0.45
    row_pitch: float = 0.62

    def __post_init__(self) -> None:
        columns = len(self.aligns)
        widths = [max((row[c].width for row in self.cells if row[c] is not None), default=0.0) for c in range(columns)]
        tallest = max(cell.height for row in self.cells for cell in row if cell is not None)
        self.row_pitch = max(self.row_pitch, tallest + 0.16)
        x = 0.0
        for c, width in enumerate(widths):
            for r, row in enumerate(self.cells):
                cell = row[c]
                if cell is None:
                    continue
                y = -r * self.row_pitch
                if self.aligns[c] == "l":
                    cell.move_to([x + cell.width / 2, y, 0])
                elif self.aligns[c] == "r":
                    cell.move_to([x + width - cell.width / 2, y, 0])
                else:
                    cell.move_to([x + width / 2, y, 0])
            x += width + self.col_gap
        self.group = VGroup(*(cell for row in self.cells for cell in row if cell is not None))

    def column(self, c: int, rows: Sequence[int] | None = None) -> VGroup:
        """The cells of column ``c`` (of the given rows)."""
        chosen = range(len(self.cells)) if rows is None else rows
        return VGroup(*(self.cells[r][c] for r in chosen if self.cells[r][c] is not None))

    def row(self, r: int, columns: Sequence[int] | None = None) -> VGroup:
        """The cells of row ``r`` (of the given columns)."""
        chosen = range(len(self.aligns)) if columns is None else columns
        return VGroup(*(self.cells[r][c] for c in chosen if self.cells[r][c] is not None))


def guess_name_cell(data: LectureData, g: GuessData, size: float = BODY_SIZE) -> Mobject:
    """A guess's name in its colour; the best guess as ``best  q = p``."""
    if g is data.best:
        return VGroup(
            label(g.name, size=size, color=BEST), MathTex("(q = p)", font_size=TABLE_SIZE, color=BEST)
        ).arrange(RIGHT, buff=0.15)
    return label(g.name, size=size, color=guess_color(data.guesses.index(g)))


def guess_color_of(data: LectureData, g: GuessData) -> str:
    """The colour of a guess: its own, or :data:`~scenes.style.BEST` for ``q = p``."""
    return BEST if g is data.best else guess_color(data.guesses.index(g))


# --- the scene ---------------------------------------------------------------------------------


class CrossEntropy(LectureScene):
    """Log-likelihood is cross-entropy: maximising L(q) is minimising H(p, q), whose minimum is H(p)."""

    def construct(self) -> None:
        self.log = tex_log(self.data.log_base)
        self.unit = unit(self.data.log_base)
        self.heading = heading("Log-likelihood is cross-entropy")
        general = self.derive_general()
        self.max_is_min(general)
        instance = self.instance()
        self.plug_in(instance)
        table = self.guess_table()
        self.decomposition(table)

    # beats 1 and 2 -------------------------------------------------------------------------------

    def derive_general(self) -> MathTex:
        """Beats 1-2: log L = sum n_i log q_i = N sum p_i log q_i, then -1/N log L = H(p, q)."""
        log = self.log
        lik = f"{log} L(q)"
        start = MathTex(lik, "=", log, r"\prod_i", "q_i^{n_i}", font_size=FORMULA_SIZE, color=TEXT)
        counts = MathTex(lik, "=", r"\sum_i", "n_i", f"{log} q_i", font_size=FORMULA_SIZE, color=TEXT)
        freqs = MathTex(lik, "=", "N", r"\sum_i", "p_i", f"{log} q_i", font_size=FORMULA_SIZE, color=TEXT)
        for mob in (start, counts, freqs):
            mob.move_to(UP * 0.6)
        note = MathTex("n_i = N p_i", font_size=DATA_SIZE, color=MUTED).next_to(freqs, DOWN, buff=0.6)
        with self.beat(
            "Take the log of the likelihood: the product of powers becomes a sum of counts times "
            "log-probabilities, and since each count is N times its class's frequency, N comes out in front."
        ):
            self.play(FadeIn(self.heading), Write(start))
            self.play(TransformMatchingTex(start, counts), run_time=1.5)
            self.play(FadeIn(note, shift=UP * 0.2))
            self.play(TransformMatchingTex(counts, freqs), run_time=1.5)

        divided = MathTex(
            r"-\frac{1}{N}", lik, "=", "-", r"\sum_i", "p_i", f"{log} q_i", font_size=FORMULA_SIZE, color=TEXT
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
            font_size=FORMULA_SIZE,
            color=TEXT,
        ).move_to(UP * 0.6)
        named[-1].set_color(ACCENT)
        meaning = label("the cross-entropy of q relative to p", size=BODY_SIZE, color=ACCENT)
        meaning.next_to(named, DOWN, buff=0.6)
        with self.beat(
            "Divide by minus N. What remains, minus the sum of p_i times log q_i, "
            "is the cross-entropy of q relative to p, written H of p and q."
        ):
            self.play(FadeOut(note), TransformMatchingTex(freqs, divided), run_time=1.5)
            self.play(TransformMatchingTex(divided, named))
            self.play(FadeIn(meaning, shift=UP * 0.2))
        self.meaning = meaning
        return named

    # beat 3 ----------------------------------------------------------------------------------------

    def max_is_min(self, general: MathTex) -> None:
        """Beat 3: argmax of the likelihood = argmin of the cross-entropy."""
        statement = MathTex(
            r"\arg\max_q",
            "L(q)",
            "=",
            r"\arg\max_q",
            f"{self.log} L(q)",
            "=",
            r"\arg\min_q",
            "H(p, q)",
            font_size=FORMULA_SIZE,
            color=TEXT,
        )
        statement[-1].set_color(ACCENT)
        words = label("maximum likelihood  =  minimum cross-entropy", size=BODY_SIZE + 4, color=ACCENT)
        VGroup(statement, words).arrange(DOWN, buff=0.5).move_to(DOWN * 0.4)
        fit_in_frame(statement)
        with self.beat(
            "Dividing by a negative number turns a maximum into a minimum: the guess that maximises "
            "the likelihood is exactly the guess that minimises the cross-entropy."
        ):
            self.play(
                FadeOut(self.meaning),
                general.animate.scale(0.8).next_to(self.heading, DOWN, buff=0.35),
            )
            self.play(Write(statement), run_time=1.5)
            self.play(FadeIn(words, shift=UP * 0.2))
        self.statement = VGroup(statement, words)
        self.general = general

    # beat 4 ----------------------------------------------------------------------------------------

    def spoken_total(self, value: float) -> str:
        """``1.0549 nats``, or why it is infinite."""
        if value == float("inf"):
            return "which is infinite: the guess gave probability 0 to a colour we drew"
        return spoken_fixed(value, self.unit)

    def free_area_y(self) -> float:
        """The middle of the frame below the general formula (a little above centre)."""
        top = self.general.get_bottom()[1] - 0.4
        bottom = -config.frame_height / 2 + FRAME_MARGIN
        return (top + bottom) / 2 + 0.4

    def class_piece(self, i: int) -> Piece:
        return (f"{self.log} {q_of(self.data.classes[i])}", self.data.colors[i])

    def instance(self) -> VGroup:
        """Beat 4: the same two lines with the data's counts, N and frequencies, in class colours."""
        data = self.data
        k = len(data.classes)
        count_terms = [
            [*([("+", None)] if i else []), (str(data.counts[i]), data.colors[i]), self.class_piece(i)]
            for i in range(k)
        ]
        counts = wrapped_formula([(f"{self.log} L(q)", None), ("=", None)], count_terms)
        freq_terms = [
            [
                *([("+", None)] if i else []),
                (tex_number(data.empirical[i]), data.colors[i]),
                self.class_piece(i),
            ]
            for i in range(k)
        ]
        freqs = wrapped_formula(
            [(rf"-\frac{{1}}{{{data.n}}}", None), (f"{self.log} L(q)", None), ("=", None), (r"-\Big[", None)],
            freq_terms,
            [(r"\Big]", None), ("=", None), ("H(p, q)", ACCENT)],
        )
        for mob in (counts, freqs):
            mob.move_to([0, self.free_area_y(), 0])
        counts_text = spoken_list([str(c) for c in data.counts])
        freqs_text = spoken_list([plain_fraction(p) for p in data.empirical])
        with self.beat(
            f"In our data N is {data.n}: the counts {counts_text} become the frequencies {freqs_text}, "
            "and each class's log-probability is weighted by its frequency."
        ):
            self.play(FadeOut(self.statement))
            self.play(Write(counts), run_time=1.5)
            self.play(TransformMatchingTex(counts, freqs), run_time=1.5)
        return freqs

    # beat 5 ----------------------------------------------------------------------------------------

    def plug_in(self, freqs: VGroup) -> None:
        """Beat 5: the first guess plugged in, term by term (-p_i log q_i), summed to its cross-entropy."""
        data = self.data
        g = data.guesses[0]
        color = guess_color(0)
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
            font_size=DATA_SIZE,
        )
        fit_in_frame(guess_line)
        plugged_terms = [
            [
                *([("+", None)] if i else []),
                (tex_number(data.empirical[i]), data.colors[i]),
                (f"{self.log} {tex_number(g.dist.probs[i])}", data.colors[i]),
            ]
            for i in range(k)
        ]
        plugged = wrapped_formula(
            [(f"H(p, {q_of(g.name)})", color), ("=", None), (r"-\Big[", None)],
            plugged_terms,
            [(r"\Big]", None)],
        )
        value_terms = [[*([("+", None)] if i else []), (fixed(g.ce_terms[i]), data.colors[i])] for i in range(k)]
        total = with_unit(g.cross_entropy, self.unit)
        values = wrapped_formula([("=", None)], value_terms, [("=", None), (total, color)])
        plugged.set_x(0).next_to(guess_line, DOWN, buff=0.45)
        values.next_to(plugged, DOWN, buff=LINE_BUFF + 0.1)
        align_at(values, values[0][0], plugged[0][1])
        block = VGroup(guess_line, plugged, values)
        block.shift(UP * (self.free_area_y() - block.get_y()))
        with self.beat(
            f"Plug in the {g.name} guess: each class adds its own term, minus p_i times log q_i, "
            f"and the terms add up to its cross-entropy, {self.spoken_total(g.cross_entropy)}."
        ):
            self.play(FadeIn(guess_line, shift=DOWN * 0.2), freqs.animate.next_to(guess_line, DOWN, buff=0.45))
            self.play(TransformMatchingTex(freqs, plugged), run_time=1.5)
            self.play(Write(values), run_time=1.5)
        self.worked = VGroup(guess_line, plugged, values)

    # beats 6 and 7 ---------------------------------------------------------------------------------

    def guess_table(self) -> Table:
        """Beat 6: every guess's cross-entropy; the best guess q = p reaches the minimum H(p)."""
        data = self.data
        header: list[Mobject | None] = [
            label("guess", size=BODY_SIZE, color=MUTED),
            MathTex("H(p, q)", font_size=TABLE_SIZE, color=MUTED),
            None,
            MathTex("H(p)", font_size=TABLE_SIZE, color=MUTED),
            None,
            MathTex(r"\mathrm{KL}(p\,\|\,q)", font_size=TABLE_SIZE, color=MUTED),
        ]
        rows: list[list[Mobject | None]] = [header]
        for g in data.all_guesses:
            color = guess_color_of(data, g)
            rows.append(
                [
                    guess_name_cell(data, g),
                    MathTex(fixed(g.cross_entropy), font_size=TABLE_SIZE, color=color),
                    MathTex("=", font_size=TABLE_SIZE, color=TEXT),
                    MathTex(fixed(data.entropy), font_size=TABLE_SIZE, color=BEST),
                    MathTex("+", font_size=TABLE_SIZE, color=TEXT),
                    MathTex(fixed(g.kl), font_size=TABLE_SIZE, color=TEXT),
                ]
            )
        table = Table(rows, "lcccc" + "c")
        table.group.next_to(self.general, DOWN, buff=0.55).set_x(0)
        shown = [0, 1]
        first_columns = VGroup(*(table.row(r, shown) for r in range(len(rows))))
        self.table_offset = -first_columns.get_x()
        first_columns.shift(RIGHT * self.table_offset)
        best_row = len(rows) - 1
        box = SurroundingRectangle(table.cells[best_row][1], color=BEST, buff=0.1)
        minimum = MathTex(
            r"\min_q H(p, q)",
            "=",
            "H(p)",
            "=",
            with_unit(data.entropy, self.unit),
            font_size=DATA_SIZE,
            color=BEST,
        )
        minimum.next_to(table.group, DOWN, buff=0.5).set_x(0)
        fit_in_frame(minimum)
        with self.beat(
            "Every guess has a cross-entropy, and lower is better: the order is the order of the likelihoods. "
            f"The best guess, q equal to p, reaches the minimum: the entropy of p, "
            f"{spoken_fixed(data.entropy, self.unit)}."
        ):
            self.play(FadeOut(self.worked))
            self.play(FadeIn(table.row(0, shown)))
            self.play(
                LaggedStart(
                    *(FadeIn(table.row(r, shown), shift=UP * 0.15) for r in range(1, len(rows))),
                    lag_ratio=0.3,
                ),
                run_time=2,
            )
            self.play(Create(box), Write(minimum))
        self.box = box
        self.minimum = minimum
        self.first_columns = first_columns
        return table

    def decomposition(self, table: Table) -> None:
        """Beat 7: H(p, q) = H(p) + KL(p || q) with KL >= 0, so no guess goes below H(p)."""
        reason = MathTex(
            r"\mathrm{KL}(p\,\|\,q) \ge 0",
            r"\;\Rightarrow\;",
            r"H(p, q) \ge H(p)",
            font_size=DATA_SIZE,
            color=TEXT,
        )
        reason[2].set_color(BEST)
        reason.next_to(self.minimum, DOWN, buff=0.4)
        fit_in_frame(reason)
        added = [2, 3, 4, 5]
        with self.beat(
            "Why is q equal to p the minimum? The cross-entropy splits into the entropy of p, which no guess "
            "can change, plus the KL divergence of q from p, which is never negative and is zero only when q "
            "equals p."
        ):
            self.play(VGroup(self.first_columns, self.box).animate.shift(LEFT * self.table_offset))
            self.play(FadeIn(table.row(0, added)))
            self.play(
                LaggedStart(
                    *(FadeIn(table.row(r, added), shift=LEFT * 0.2) for r in range(1, len(table.cells))),
                    lag_ratio=0.25,
                ),
                run_time=2,
            )
            self.play(Write(reason))
