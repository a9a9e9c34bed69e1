"""Table tests for pure functions: markup restored after translation, the degeneration guard,
and Gale–Church length alignment."""

from __future__ import annotations

import pytest

from pipeline.text.inline import prepare, restore
from pipeline.text.lengths import gale_church
from pipeline.translate.guard import degenerate_reason


@pytest.mark.parametrize(
    ("source", "translated", "expected"),
    [
        # Emphasis and links come back around the translated words, targets untouched.
        ("Hola **mundo**", "Hello <b>world</b>", "Hello **world**"),
        ("Lee *esto* hoy", "Read <i>this</i> today", "Read *this* today"),
        (
            "Ver [la web](https://ejemplo.org/a)",
            'See <a href="0">the site</a>',
            "See [the site](https://ejemplo.org/a)",
        ),
        ("Usa `grep`", "Use <code>grep</code>", "Use `grep`"),
        # Spaces an engine leaves inside a tag move outside it; none before punctuation.
        ("Es **muy** claro.", "It is <b> very </b> clear.", "It is **very** clear."),
        ("Dijo **basta**.", "He said <b>enough</b> .", "He said **enough**."),
        # Characters that would start Markdown markup are escaped in engine text.
        ("Precio *alto*", "Price_list <i>high</i>", "Price\\_list *high*"),
        # Two links keep their own targets, even when an engine reorders them.
        (
            "[A](https://a.org) y [B](https://b.org)",
            '<a href="1">B</a> and <a href="0">A</a>',
            "[B](https://b.org) and [A](https://a.org)",
        ),
    ],
)
def test_restore_puts_markup_back(source: str, translated: str, expected: str) -> None:
    assert restore(translated, prepare(source)) == expected


@pytest.mark.parametrize(
    ("source", "translated"),
    [
        ("Hola **mundo**", "Hello <b>world"),  # a tag left open
        ("Hola **mundo**", "Hello <b>world</i>"),  # tags crossed
        ("Ver [la web](https://e.org)", "See the site"),  # the link lost
        ("Ver [la web](https://e.org)", 'See <a href="3">the site</a>'),  # a link number invented
    ],
)
def test_restore_refuses_broken_markup(source: str, translated: str) -> None:
    assert restore(translated, prepare(source)) is None


@pytest.mark.parametrize(
    ("source", "output", "reason"),
    [
        ("La huelga sigue.", "The strike goes on.", None),
        ("La huelga sigue.", "mainstremainstremainstremainstre", "repeated fragment 'mainstre'"),
        (
            "Basta ya.",
            "the strike the strike the strike the strike",
            "repeated fragment 'the strike the strik'",
        ),
        ("Hola.", "", "empty output"),
        ("", "", None),
        # Repetition that the source has too is faithful, not degenerate.
        ("¡No, no, no, no y no!", "No, no, no, no and no!", None),
        ("Tres.", "x" * 60, "repeated fragment 'xx'"),
        ("Sí, claro.", "Yes, of course, and a good deal more than that.", None),
        ("Sí.", "Yes " + "and more words that go on " * 4, "output 107 characters long for a source of 3"),
    ],
)
def test_degenerate_reason(source: str, output: str, reason: str | None) -> None:
    assert degenerate_reason(source, output) == reason


@pytest.mark.parametrize(
    ("src", "tgt", "beads"),
    [
        # One to one.
        ([100, 50, 200], [110, 55, 190], [([0], [0]), ([1], [1]), ([2], [2])]),
        # Two source sentences merged into one translated sentence.
        ([100, 100, 60], [205, 65], [([0, 1], [0]), ([2], [1])]),
        # One source sentence split in two.
        ([200, 80], [100, 105, 85], [([0], [0, 1]), ([1], [2])]),
    ],
)
def test_gale_church_beads(src: list[int], tgt: list[int], beads: list[tuple[list[int], list[int]]]) -> None:
    found = gale_church(src, tgt, 1.0)
    assert [(s, t) for s, t, _ in found] == beads
    assert all(0.0 <= p <= 1.0 for _, _, p in found)
