"""Fidelity checks: a slice of the evaluation corpus, the pieces they read text with, the
check command with a glossary, and a build that refuses open findings.

The whole corpus (tests/data/fidelity/) is scored by bench/fidelity.py; only a slice runs here.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pipeline.glossary import Term
from pipeline.review.checks import Context, Unit, check_pair, check_units
from pipeline.review.checks.glossary import occurrences
from pipeline.review.checks.negation import count
from pipeline.review.lexicon import Lexicon, dictionary_path
from pipeline.text.dates import date_mentions
from pipeline.text.quantities import quantities
from tests.conftest import Invoke, needs_apertium

needs_dictionaries = pytest.mark.skipif(
    not all(dictionary_path(lang) for lang in ("es", "en")),
    reason="HUNSPELL MISSING: Debian's hunspell-es and hunspell-en-us are not installed (run `make setup` as root)",
)

# Three pairs of the corpus's tune split: both directions, nine kinds of fault between them.
SLICE = [
    "es-en-01-huelga-docentes",
    "en-es-13-open-letter-ilo-domestic-workers",
    "en-es-01-nurses-strike-salford",
]


@needs_apertium
@needs_dictionaries
def test_corpus_slice_clean_translations_pass_and_every_fault_is_caught() -> None:
    from bench.fidelity import load, run

    clean, faults, terms = load()
    clean = [c for c in clean if c.pair in SLICE]
    faults = [f for f in faults if f.pair in SLICE]
    assert len(clean) > 30 and len(faults) > 35 and len({f.kind for f in faults}) >= 9
    results = run(clean + faults, terms)
    found = dict(zip([id(i) for i in clean + faults], results, strict=True))
    alarms = [(c.pair, c.block, [f.check for f in found[id(c)]]) for c in clean if found[id(c)]]
    assert alarms == []
    missed = [(f.pair, f.block, f.kind, f.note) for f in faults if not found[id(f)]]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("1.250 trabajadoras y un 3,5 %", "es", [{"1250"}, {"3.5"}]),
        ("1,250 workers and 3.5%", "en", [{"1250"}, {"3.5"}]),
        ("1.250 workers", "en", [{"1.25"}]),  # Spanish notation read as English
        ("4.500.000 pesos", "en", [{"=4.500.000"}]),  # fits no English notation
        ("$9,500 al mes", "es", [{"9.5", "9500"}]),  # Mexican Spanish writes 9,500
        ("19.700 millones de euros", "es", [{"1.97e+10"}]),
        ("€19.7 billion", "en", [{"1.97e+10"}]),
        ("58 mil docentes", "es", [{"58000"}]),
        ("Veintitrés personas y treinta y cinco horas", "es", [{"23"}, {"35"}]),
        ("thirty-two people", "en", [{"32"}]),
        ("el XII Congreso y la 112.ª conferencia", "es", [{"12"}, {"112"}]),
        ("from 7am to 4 p.m.", "en", [{"t7:00"}, {"t16:00"}]),
        ("a las 19:00", "es", [{"t19:00"}]),
        ("a dozen, half and a fifth", "en", [{"12"}, {"0.5"}, {"5"}]),
        ("el curso 2024–25", "es", [{"2024"}, {"2025"}]),
    ],
)
def test_quantities_are_read_as_values(text: str, lang: str, values: list[set[str]]) -> None:
    found = [set(q.values) for q in quantities(text, lang) if not q.soft]
    assert [v - {f"t{n}:00" for n in range(25)} or v for v in found] == values


def test_date_mentions_with_and_without_a_year() -> None:
    found = date_mentions("reunido los días 28 y 29 de septiembre, el 1.º de mayo y en marzo de 2024", "es")
    assert [(d.year, d.month, d.day) for d in found] == [
        (None, 9, 29),
        (None, 9, 28),
        (None, 5, 1),
        (2024, 3, None),
    ]
    english = date_mentions("On May Day, in March, and on July 4th; we may march.", "en")
    assert [(d.month, d.day) for d in english] == [(5, 1), (3, None), (7, 4)]


@pytest.mark.parametrize(
    ("text", "lang", "negations"),
    [
        ("no ha pagado ni un solo peso", "es", 1),  # negative concord: one negation
        ("No aceptaremos recortes y nunca lo haremos", "es", 2),
        ("Sin embargo, la empresa pagó", "es", 0),
        ("Hasta que no se reincorpore al último, seguiremos", "es", 0),  # expletive "no"
        ("We don't want to strike, and we won't go.", "en", 2),
        ("neither a job nor a place", "en", 1),
        ("the trust has failed to fill 340 vacancies", "en", 1),
        ("Unless an offer is made", "en", 1),
    ],
)
def test_negations_are_counted(text: str, lang: str, negations: int) -> None:
    assert count(text, lang)[0] == negations


def test_a_block_that_loses_one_of_two_negations_is_caught() -> None:
    source = "No queremos la huelga. Pero no podemos seguir así."
    good = "We don't want the strike. But we can't go on like this."
    bad = "We don't want the strike. But we can go on like this."
    assert check_pair("s", "en", 0, source, good, "es", "en") == []
    found = check_pair("s", "en", 0, source, bad, "es", "en")
    assert [f.check for f in found] == ["negation"] and "Pero no podemos" in found[0].evidence


def test_kept_blocks_are_never_untranslated() -> None:
    slogan = "¡El pueblo unido jamás será vencido!"
    kept = Context().for_block(kept=True)
    assert check_pair("s", "es", 3, slogan, slogan, "es", "es", kept) == []
    assert "untranslated" in {f.check for f in check_pair("s", "en", 3, slogan, slogan, "es", "en")}


def test_words_left_in_the_original_language_are_untranslated() -> None:
    source = (
        "Exigimos garantías, y al Gobierno nacional garantías reales para quienes defienden el territorio."
    )
    bad = (
        "We demand guarantees, y al Gobierno nacional garantías reales para quienes defienden el territorio."
    )
    found = check_pair("s", "en", 0, source, bad, "es", "en")
    assert {f.check for f in found} == {"untranslated"}


TERMS = (
    Term("caja de resistencia", "strike fund"),
    Term("delegado sindical", "shop steward", "feminine form: delegada sindical"),
    Term("Sindicato de Inquilinas", "Tenants' Union"),
    Term("Pan y Rosas", "Pan y Rosas", "name"),
)


@pytest.mark.parametrize(
    ("source", "sl", "good", "bad"),
    [
        ("Aportamos a la caja de resistencia.", "es", "We gave to the strike fund.", "We gave to the resistance fund."),
        ("Habló Marta, delegada sindical.", "es", "Marta, shop steward, spoke.", "Marta, union delegate, spoke."),
        ("The Tenants' Union calls a strike.", "en", "El Sindicato de Inquilinas convoca una huelga.",
         "El Sindicato de Inquilinos convoca una huelga."),
        ("Saludos de Pan y Rosas.", "es", "Greetings from Pan y Rosas.", "Greetings from Bread and Roses."),
    ],
)  # fmt: skip
def test_glossary_terms_and_names_that_stay(source: str, sl: str, good: str, bad: str) -> None:
    tl = "en" if sl == "es" else "es"
    ctx = Context(glossary=TERMS)
    assert [f for f in check_pair("s", tl, 0, source, good, sl, tl, ctx) if f.check == "glossary"] == []
    assert "glossary" in {f.check for f in check_pair("s", tl, 0, source, bad, sl, tl, ctx)}


def test_glossary_terms_match_their_inflections_but_names_match_as_written() -> None:
    assert occurrences("delegado sindical", "las delegadas sindicales", exact=False) == 1
    assert occurrences("Sindicato de Inquilinas", "el Sindicato de Inquilinos", exact=True) == 0


@needs_apertium
def test_names_from_the_analysers_one_process_per_language_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(args: list[str], *rest: Any, **kwargs: Any) -> Any:
        calls.append(list(args))
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    rows = [
        ("Paramos en Valparaíso, La Pintana y Temuco.", "We strike in Valparaíso, La Pintana and Temuco."),
        ("La Ministra de Educación no respondió.", "The Minister of Education did not answer."),
        ("Saludamos a los estibadores de Durban.", "We greet the dockers of Durban."),
        ("Desde Londres, Filipinas y Sudáfrica.", "From London, the Philippines and South Africa."),
    ] * 10
    units = [Unit("s", "en", i, src, tgt, "es", "en") for i, (src, tgt) in enumerate(rows)]
    dropped = Unit("s", "en", 99, rows[0][0], "We strike in Valparaíso and Temuco.", "es", "en")
    results = check_units([*units, dropped])
    assert len([c for c in calls if c[0] == "lt-proc"]) == 2  # one analysis per language, for 82 texts
    # The originals' names rendered in one run, and the translation that lost one rendered
    # back in another: one Apertium run per direction, for 82 texts.
    modes = [c[-1] for c in calls if c[0] == "apertium"]
    assert sorted(modes) == ["eng-spa", "spa-eng"]
    assert all(r == [] for r in results[:-1])  # a translated Ministra is not a lost name
    assert [(f.check, f.evidence) for f in results[-1]] == [("names", "Pintana")]


def test_names_fall_back_to_capitalisation_without_the_analysers() -> None:
    ctx = Context(lexicon=Lexicon(enabled=False))
    source = "La FSM y la OIT se reunieron con Maria Okafor en Ginebra."
    found = check_pair("s", "en", 0, source, "The WFTU and the ILO met Maria in Geneva.", "es", "en", ctx)
    assert [f.evidence for f in found if f.check == "names"] == ["Maria Okafor"]


def test_doctor_says_when_the_analysers_are_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pipeline.doctor import diagnose
    from pipeline.review.lexicon import analyser_path

    monkeypatch.setenv("APERTIUM_DATADIR", str(tmp_path))
    analyser_path.cache_clear()
    try:
        names = next(c for c in diagnose() if c.name == "names check")
        assert not names.ok and "capitalisation" in names.detail and "apertium-eng-spa" in names.fix
        assert not Lexicon().enabled
    finally:
        analyser_path.cache_clear()


ORIGINAL = """---
title: Solidaridad con la huelga del puerto
lang: es
date: 2024-05-02
---

Los 214 estibadores despedidos siguen en huelga desde el 3 de abril.

Hemos enviado 1.500 euros a su caja de resistencia.

No aceptaremos ningún despido más.
"""
TRANSLATION = """Solidarity with the port strike

The 214 dismissed dockers have been on strike since 3 April.

We have sent 1,800 euros to their resistance fund.

We will not accept a single further dismissal.
"""


def test_check_and_a_strict_build_on_an_aligned_translation(
    cli: Invoke, workspace: Path, tmp_path: Path
) -> None:
    (workspace / "originals" / "puerto.md").write_text(ORIGINAL)
    (workspace / "glossary.csv").write_text("es,en,note\ncaja de resistencia,strike fund,\n")
    (tmp_path / "published.txt").write_text(TRANSLATION)
    assert cli("align", "puerto", str(tmp_path / "published.txt"), "--to", "en").exit_code == 0
    findings = json.loads(cli("check", "--json").stdout)
    assert sorted((f["check"], f["block"]) for f in findings) == [
        ("glossary", 1),
        ("numbers", 1),
        ("numbers", 1),
    ]
    assert cli("check", "--strict").exit_code == 1

    strict = cli("build", "--lang", "en", "--format", "epub", "--strict")
    assert strict.exit_code == 1
    assert (
        "3 open fidelity finding(s) in puerto → en" in strict.stderr
        and "statements check puerto" in strict.stderr
    )
    assert not (workspace / "outputs" / "statements-en.epub").exists()

    plain = cli("build", "--lang", "en", "--format", "epub", "--json")
    assert plain.exit_code == 0, plain.output
    book = json.loads(plain.stdout)["books"][0]
    assert book["name"] == "statements-en" and book["findings"] == 3 and book["unreviewed"] == 0
    assert "statements-en: 3 open finding(s), 0 unreviewed block(s)" in plain.stderr

    for finding in findings:
        assert cli("check", "--dismiss", finding["id"]).exit_code == 0
    again = cli("build", "--lang", "en", "--format", "epub", "--strict")
    assert again.exit_code == 0, again.output
    assert (workspace / "outputs" / "statements-en.epub").exists()
