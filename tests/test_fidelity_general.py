"""Fidelity checks on translations of a kind the tuning corpus did not have: each rule that
keeps a correct translation quiet, and the fault it must still catch.

Cases are written here in the manner of real statements; the checks' rules were measured on
corpora (bench/fidelity.py), not on these sentences.
"""

from __future__ import annotations

import pytest

from pipeline.review.checks import Unit, check_units
from pipeline.review.lexicon import dictionary_path
from tests.conftest import needs_apertium

needs_dictionaries = pytest.mark.skipif(
    not all(dictionary_path(lang) for lang in ("es", "en")),
    reason="HUNSPELL MISSING: Debian's hunspell-es and hunspell-en-us are not installed (run `make setup` as root)",
)


def findings(source: str, target: str, sl: str, off: frozenset[str] = frozenset()) -> set[str]:
    tl = "en" if sl == "es" else "es"
    [found] = check_units([Unit("s", tl, 0, source, target, sl, tl)], off=off)
    return {f"{f.check}:{f.evidence}" for f in found}


@needs_apertium
@needs_dictionaries
@pytest.mark.parametrize(
    ("source", "sl", "good", "bad", "rule"),
    [
        # A place after a preposition, known to the lexicon only as a common word.
        ("Llevan 41 días de huelga en Itagüí y Bello.", "es",
         "They have been on strike for 41 days in Itagüí and Bello.",
         "They have been on strike for 41 days in Itagüí.", "names.isolated"),
        # A dateline opens with a place, even one that is also a word ("geneva", gin).
        ("Geneva, 3 June 2024", "en", "Ginebra, 3 de junio de 2024", "Génova, 3 de junio de 2024", "names.dateline"),
    ],
)  # fmt: skip
def test_names_that_must_reach_the_translation(source: str, sl: str, good: str, bad: str, rule: str) -> None:
    assert not any(f.startswith("names:") for f in findings(source, good, sl))
    assert any(f.startswith("names:") for f in findings(source, bad, sl))
    assert not any(f.startswith("names:") for f in findings(source, bad, sl, frozenset({rule})))


@needs_apertium
@needs_dictionaries
@pytest.mark.parametrize(
    ("source", "sl", "target", "rule"),
    [
        # A verb the text also writes in lower case is no name.
        ("Traé tu mochila, traé tu moto, traé a tus compañeros.", "es",
         "Bring your bag, bring your bike, bring your workmates.", "names.lowercase"),
        # An acronym Apertium writes out.
        ("Two of them had been in the UK for less than a year.", "en",
         "Dos de ellas llevaban menos de un año en el Reino Unido.", "names.acronym-apertium"),
        # An abbreviated title.
        ("Excma. Sra. Embajadora: le escribimos desde Madrid.", "es",
         "Your Excellency, we write to you from Madrid.", "names.honorific"),
    ],
)  # fmt: skip
def test_names_rules_keep_correct_translations_quiet(source: str, sl: str, target: str, rule: str) -> None:
    assert not any(f.startswith("names:") for f in findings(source, target, sl))
    # Apertium's rendering of the translation back into Spanish finds some of these too
    # ("Bring" → "Trae"): switched off with the rule, to see the rule on its own.
    off = frozenset({rule, "names.back-translation"})
    assert any(f.startswith("names:") for f in findings(source, target, sl, off))


@needs_apertium
@needs_dictionaries
def test_a_name_only_the_translation_has_is_no_finding() -> None:
    # Translators name a country or expand an acronym; a swapped name drops the original's.
    source = "Pronunciamiento de la Federación Minera del Sur ante la muerte de dos trabajadores"
    assert (
        findings(
            source, "Statement by the Southern Peru Miners' Federation on the deaths of two workers", "es"
        )
        == set()
    )


@needs_apertium
def test_negations_the_languages_count_differently() -> None:
    source = "They are paid R3,500 a month with no benefits, no pension and no job security."
    target = "Cobran 3500 rands al mes, sin prestaciones, sin jubilación y sin estabilidad laboral."
    assert not any(f.startswith("negation:") for f in findings(source, target, "en"))
    assert any(
        f.startswith("negation:") for f in findings(source, target, "en", frozenset({"negation.literal"}))
    )
    # A translation with fewer negations is never excused: Apertium itself loses them.
    lost = "Ningún trabajador debe perder su empleo."
    assert any(f.startswith("negation:") for f in findings(lost, "Any worker has to lose their job.", "es"))


def test_refuse_the_noun_is_no_refusal() -> None:
    from pipeline.review.checks.negation import count

    assert count("the city's refuse and recycling workers", "en")[0] == 0
    assert count("management refuses to fix it", "en")[0] == 1


@pytest.mark.parametrize(
    ("source", "sl", "target"),
    [
        ("They would work four ten-hour days, starting as early as 5 am.", "en",
         "Trabajarían cuatro jornadas de diez horas, con entradas desde las cinco de la mañana."),
        ("He fell eleven storeys at the Southbank Quarter project.", "en",
         "Cayó desde once pisos en el proyecto Southbank Quarter."),
        ("Students across Ireland's third-level institutions.", "en",
         "Estudiantes de las universidades de toda Irlanda."),
        ("Asamblea abierta a las 12:00.", "es", "Open assembly at 12 noon."),
        ("Their May wages would be processed next week.", "en", "La nómina de mayo se tramitaría la semana próxima."),
        ("Hubo 2.400 suspendidos entre enero y marzo.", "es", "There were 2,400 workers suspended between January and March."),
        ("Bristol Trades Council voted to support the workers.", "en",
         "El Consejo Sindical de Bristol (Bristol Trades Council) acordó apoyar a los trabajadores."),
    ],
)  # fmt: skip
def test_numbers_dates_and_glosses_read_as_a_reader_would(source: str, sl: str, target: str) -> None:
    checks = {f.split(":")[0] for f in findings(source, target, sl)}
    assert not checks & {"numbers", "dates", "untranslated"}


@pytest.mark.parametrize(
    ("source", "sl", "bad", "check"),
    [
        ("They would work four ten-hour days.", "en", "Trabajarían cuatro jornadas de doce horas.", "numbers"),
        ("Start times as early as 5 am.", "en", "Entradas desde las seis de la mañana.", "numbers"),
        ("Their May wages would be processed next week.", "en", "La nómina de junio se tramitaría la semana próxima.", "dates"),
    ],
)  # fmt: skip
def test_and_still_catch_a_changed_value(source: str, sl: str, bad: str, check: str) -> None:
    assert check in {f.split(":")[0] for f in findings(source, bad, sl)}
