"""`find_dates` reads a leading weekday by looking back from each match instead of trying an
optional weekday group at every position: the same dates, at the same places, as before."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import dates
from pipeline.text.dates import FoundDate, _to_date, find_dates

# The patterns as they were, each opening with an optional weekday group: the reference (with
# "de" optional in "3 [de] marzo de 2024", as ingest has read it since issue 12).
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|"
    r"miércoles|miercoles|jueves|viernes|sábado|sabado|domingo),?\s+)?"
)
_EN_M, _ES_M = dates._EN_M, dates._ES_M
_REFERENCE = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(_WEEKDAY + r"\b(\d{1,2})(?:º|°|o|ro)?\.?\s+(?:de\s+)?(" + _ES_M + r")\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b", re.IGNORECASE), "d_es_y"),
    (re.compile(_WEEKDAY + r"\b(" + _EN_M + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE), "m_en_dy"),
    (re.compile(_WEEKDAY + r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _EN_M + r")\.?,?\s+(\d{4})\b", re.IGNORECASE), "d_en_y"),
    (re.compile(_WEEKDAY + r"\b(" + _ES_M + r")\.?\s+(\d{1,2})(?:\.?[º°])?,?\s+(?:de\s+)?(\d{4})\b", re.IGNORECASE), "m_es_dy"),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "numeric"),
]  # fmt: skip


def reference(text: str, lang: str | None = None) -> list[FoundDate]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _REFERENCE:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            day = _to_date(m, form, lang)
            if day is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(FoundDate(day.isoformat(), m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((Path(__file__).parent / "data" / "fidelity" / "pairs").glob("*.json")):
        pair = json.loads(path.read_text(encoding="utf-8"))
        texts += [pair["title"]["source"], pair["title"]["target"]]
        texts += [t for b in pair["blocks"] for t in (b["source"], b["target"])]
    return texts


def test_same_dates_as_before_on_the_corpus() -> None:
    texts = corpus_texts()
    assert sum(bool(reference(t)) for t in texts) > 50  # the corpus has dates to compare
    for text in texts:
        for lang in ("es", "en", None):
            assert find_dates(text, lang) == reference(text, lang), text


PIECES = [
    "lunes", "Martes", "miércoles", "SÁBADO", "sabado", "Monday", "friday", "domingo", ",", ", ", " ",
    "  ", "\n", "de", "del", "of", "3", "12", "31", "1º", "2nd", "21st", "2024", "1999", "1700",
    "marzo", "Mar.", "mayo", "May", "sept", "June", "abril", "martes,", "x", "el", "the", "2024-03-08",
    "8/3/2024", "13.12.2023", "texto", "Ayer", "díalunes", "junio", "3 de junio de 2024", "lunes,",
    "June 3, 2024", "sunday,3",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14), st.sampled_from(["es", "en", None]))
def test_same_dates_as_before_on_generated_text(pieces: list[str], lang: str | None) -> None:
    for joiner in (" ", ""):
        text = joiner.join(pieces)
        assert find_dates(text, lang) == reference(text, lang)


EDGES = [
    "lunes,3 de junio de 2024", "lunes ,3 de junio de 2024", "lunes , 3 de junio de 2024",
    "Sunday,\n June 3, 2024", "xdomingo 3 de junio de 2024", "martes martes, 4 de junio de 2024",
    "el 3 de junio de 2024 lunes 4 de junio de 2024", "Friday  12/03/2024", "sábado 2024-03-09",
]  # fmt: skip


def test_same_dates_as_before_at_the_edges() -> None:
    for text in EDGES:
        assert find_dates(text, "es") == reference(text, "es"), text


def test_a_leading_weekday_is_part_of_the_date() -> None:
    text = "Convocamos el lunes, 3 de junio de 2024 y el martes 4 de junio de 2024."
    found = find_dates(text, "es")
    assert [(d.iso, d.start) for d in found] == [
        ("2024-06-03", text.index("lunes")),
        ("2024-06-04", text.index("martes")),
    ]
