"""False alarms a new user met on their own statements, and the fault next to each."""

from __future__ import annotations

import pytest

from pipeline.glossary import Term
from pipeline.review.checks import Unit, check_units
from tests.conftest import needs_apertium

NAMES = [
    Term("Red de Solidaridad Jornalera", "Red de Solidaridad Jornalera", "name"),
    Term("SAT", "SAT", "name"),
]


def _checks(unit: Unit) -> list[str]:
    return [f.check for f in check_units([unit], NAMES)[0]]


@needs_apertium
@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # A signature line of names reads the same in both languages.
        ("Red de Solidaridad Jornalera, SAT", "Red de Solidaridad Jornalera, SAT", []),
        (
            "Red de Solidaridad Jornalera, SAT, María López Fernández",
            "Red de Solidaridad Jornalera, SAT, María López Fernández",
            [],
        ),
        # A heading in title case left as it was is untranslated, names or not.
        (
            "Ministerio de Vivienda y Agenda Urbana",
            "Ministerio de Vivienda y Agenda Urbana",
            ["untranslated"],
        ),
        (
            "Exigimos la readmisión inmediata de los despedidos.",
            "Exigimos la readmisión inmediata de los despedidos.",
            ["untranslated"],
        ),
    ],
)
def test_identical_text(source: str, target: str, expected: list[str]) -> None:
    assert _checks(Unit("s", "en", 1, source, target, "es", "en")) == expected


def test_a_kept_dateline_identical_in_both_says_nothing() -> None:
    text = "Sevilla, sábado 14 de enero de 2025"
    assert _checks(Unit("s", "es", 0, text, text, "es", "es", kept=True)) == []


@needs_apertium
@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("Mary O'Brien, General Secretary", "Mary O’Brien, secretaria general", []),
        ("We met O'Brien yesterday.", "Ayer nos reunimos con O'Brien.", []),
        ("Mary O’Brien spoke to the workers.", "Mary habló a los trabajadores.", ["names"]),
    ],
)
def test_a_name_with_an_apostrophe(source: str, target: str, expected: list[str]) -> None:
    assert _checks(Unit("s", "es", 2, source, target, "en", "es")) == expected
