"""Fidelity checks, third round: evidence that survives a translator's rewording. Each rule
has a case it decides, and is switched off once to show the case then goes the other way.

The cases are written here in the manner of real statements; the rules were measured on the
tuning corpora (`bench/fidelity.py --cv`), not on these sentences.
"""

from __future__ import annotations

import pytest

from pipeline.review.checks import Unit, check_units
from pipeline.review.checks.negation import count
from pipeline.review.lexicon import dictionary_path
from pipeline.text.dates import date_mentions
from pipeline.text.quantities import quantities
from pipeline.text.segment import sentences
from tests.conftest import needs_apertium

needs_dictionaries = pytest.mark.skipif(
    not all(dictionary_path(lang) for lang in ("es", "en")),
    reason="HUNSPELL MISSING: Debian's hunspell-es and hunspell-en-us are not installed (run `make setup` as root)",
)


def findings(
    source: str, target: str, sl: str, off: frozenset[str] = frozenset(), weak: frozenset[str] | None = None
) -> set[str]:
    tl = "en" if sl == "es" else "es"
    [found] = check_units([Unit("s", tl, 0, source, target, sl, tl)], off=off, weak=weak)
    return {f"{f.check}:{f.evidence}" for f in found}


def checks(source: str, target: str, sl: str, off: frozenset[str] = frozenset()) -> set[str]:
    return {f.split(":")[0] for f in findings(source, target, sl, off)}


@needs_apertium
@needs_dictionaries
@pytest.mark.parametrize(
    ("source", "sl", "target", "check", "rule"),
    [
        # An acronym in the plural, a code's number, the other language's order of the same words.
        ("Tenants want compulsory purchase orders (CPOs) for empty flats.", "en",
         "Los inquilinos piden expropiaciones forzosas (CPO) de pisos vacíos.", "names", "names.acronym-forms"),
        ("Each striking family receives R640 a week.", "en",
         "Cada familia en huelga recibe 640 rands a la semana.", "names", "names.acronym-forms"),
        ("Greetings from Public Services International (PSI).", "en",
         "Saludos de la Internacional de Servicios Públicos (ISP).", "names", "names.acronym-forms"),
        # A verb in capitals in a petition is shouted, not an acronym.
        ("Por todo ello, EXPONE que la empresa adeuda los salarios de marzo.", "es",
         "Accordingly, I STATE that the company owes the March wages.", "names", "names.shouted-lexicon"),
        # "Fdo." is an abbreviation the lexicon lacks, not a name.
        ("Fdo.: Marta Quispe Rojas", "es", "Signed: Marta Quispe Rojas", "names", "names.abbreviation"),
        # Apertium's rendering of the translation back into Spanish finds "Irlanda" in "Irish".
        ("Sabemos que en Irlanda la ley todavía no os protege.", "es",
         "We know that Irish law still does not protect you.", "names", "names.back-translation"),
        # A negated comparative bounds a quantity; the other language bounds it without a negation.
        ("El convenio fija una jornada no superior a 35 horas semanales.", "es",
         "The agreement sets a working week of 35 hours at most.", "negation", "negation.bounds"),
        # Two negations cancel out: "no era imposible" says it was possible.
        ("No era imposible prever el derrumbe.", "es", "The collapse could have been foreseen.", "negation",
         "negation.litotes"),
        # "homeless" is "sin hogar".
        ("The homeless shelters on the quay will stay open all winter.", "en",
         "Los albergues para personas sin hogar del muelle seguirán abiertos todo el invierno.", "negation",
         "negation.less"),
        # "not only… but" is a focus, not a negation.
        ("We ask not only for wages but for dignity.", "en", "Pedimos salarios y también dignidad.", "negation",
         "negation.focus"),
        # "no agresión" is a noun with a prefix, "non-aggression".
        ("Ambos sindicatos firmaron un pacto de no agresión.", "es",
         "The two unions signed a non-aggression pact.", "negation", "negation.nominal"),
    ],
)  # fmt: skip
def test_rules_that_keep_a_reworded_translation_quiet(
    source: str, sl: str, target: str, check: str, rule: str
) -> None:
    assert check not in checks(source, target, sl)
    assert check in checks(source, target, sl, frozenset({rule, "names.back-translation"} - {check}))


@needs_apertium
@needs_dictionaries
@pytest.mark.parametrize(
    ("source", "sl", "good", "bad", "check", "rule"),
    [
        # A place made of common words ("Tres Cantos") dropped for another.
        ("La plantilla de Tres Cantos está en huelga desde el lunes.", "es",
         "The Tres Cantos workforce has been on strike since Monday.",
         "The Getafe workforce has been on strike since Monday.", "names", "names.run"),
        # "ni" between two negated verbs is a negation of its own.
        ("La dirección no ha pagado las horas extra ni ha contestado a nuestras cartas.", "es",
         "Management has not paid the overtime, nor has it answered our letters.",
         "Management has not paid the overtime, and it has answered our letters.", "negation",
         "negation.nor-verb"),
        # "Rechazamos" answers "reject"; it cannot also answer the "sin" that was lost.
        ("Rechazamos el cierre de la planta sin consulta previa.", "es",
         "We reject the closure of the plant without prior consultation.",
         "We reject the closure of the plant with prior consultation.", "negation", "negation.optional-pairs"),
        # The bound answers the bound; the negation added to the verb is caught.
        ("The agreement guarantees no more than four patients per nurse.", "en",
         "El acuerdo garantiza un máximo de cuatro pacientes por enfermera.",
         "El acuerdo no garantiza un máximo de cuatro pacientes por enfermera.", "negation", "negation.bounds"),
    ],
)  # fmt: skip
def test_rules_that_catch_a_fault(source: str, sl: str, good: str, bad: str, check: str, rule: str) -> None:
    assert check not in checks(source, good, sl)
    assert check in checks(source, bad, sl)
    assert check not in checks(source, bad, sl, frozenset({rule}))


@needs_apertium
@needs_dictionaries
def test_weak_evidence_is_reported_only_where_another_weak_signal_agrees() -> None:
    # A word the lexicon lacks, made of words it has: a compound common word, weak evidence.
    source = "Movimiento Socioambiental del Maule"
    target = "Maule Social and Environmental Movement"
    assert findings(source, target, "es") == set()
    assert findings(source, target, "es", weak=frozenset()) == {"names:Socioambiental"}
    # Two weak signals in one block are reported together.
    two = "Movimiento Socioambiental y Mesa Intersindical del Maule"
    assert findings(two, "Maule Social and Environmental Movement and Joint Union Table", "es") == {
        "names:Socioambiental",
        "names:Intersindical",
    }
    # A code after a name: weak, like a credential or a state written out.
    assert findings("Ana Torres, RN", "la enfermera Ana Torres", "en") == set()
    assert findings("Ana Torres, RN", "la enfermera Ana Torres", "en", weak=frozenset()) == {"names:RN"}


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("medio millón de afiliados", "es", [{"500000"}]),
        ("half a million members", "en", [{"500000"}]),
        ("₹3 lakh for each family", "en", [{"300000"}]),
        ("₹12 crore", "en", [{"1.2e+08"}]),
        ("media docena de piquetes", "es", [{"6"}]),
    ],
)
def test_scales_read_as_values(text: str, lang: str, values: list[set[str]]) -> None:
    assert [set(q.values) for q in quantities(text, lang) if not q.soft] == values


def test_number_words_that_are_not_quantities() -> None:
    # A number word inside a name, and "en mitad de" (in the middle of), say no quantity.
    assert [q.text for q in quantities("la planta de Tres Cantos y la de Getafe", "es") if not q.soft] == []
    assert [q.text for q in quantities("paran en mitad de la jornada", "es") if not q.soft] == []
    assert [q.text for q in quantities("la mitad de la plantilla", "es") if not q.soft] == ["mitad"]
    assert [q.text for q in quantities("Tres trabajadores heridos", "es") if not q.soft] == ["Tres"]


def test_may_day_with_its_year_is_one_date() -> None:
    [found] = date_mentions("Valencia, 1.º de mayo de 2025", "es")
    assert (found.year, found.month, found.day) == (2025, 5, 1)


def test_days_named_by_date_and_initial() -> None:
    # "25N" is 25 November; "8M" is the 8th of March or May: the day alone is read.
    assert [(d.month, d.day) for d in date_mentions("Todas a la calle el 25N y el 8M", "es")] == [
        (11, 25),
        (None, 8),
    ]
    assert "numbers" not in checks("Comunicado ante el 25N", "Statement for 25 November", "es")


@pytest.mark.parametrize(
    ("text", "lang", "negations"),
    [
        ("The spokesperson declined to comment.", "en", 1),
        ("The minister has yet to respond.", "en", 1),
        ("La empresa rehúsa negociar.", "es", 1),
        ("La dirección se negó a hacer comentarios.", "es", 1),
        ("certificate no. R22/4410 was issued", "en", 0),
        ("expediente n.º 4410 y certificado no. B-77", "es", 0),
        ("no tienen ni empleo ni vivienda", "es", 1),
        ("They have neither a job nor a home.", "en", 1),
    ],
)
def test_negations_counted(text: str, lang: str, negations: int) -> None:
    assert count(text, lang)[0] == negations


@pytest.mark.parametrize(
    ("text", "lang"),
    [("a chronic lack of staff", "en"), ("cerraron por falta de personal", "es"),
     ("the failure to pay", "en"), ("el impago de las nóminas", "es")],
)  # fmt: skip
def test_words_that_may_answer_a_negation(text: str, lang: str) -> None:
    # Not a negation each, but the other language may say it with one ("did not have enough").
    assert count(text, lang) == (0, 1)


@needs_apertium
def test_nor_between_verbs_counts_as_the_other_language_does() -> None:
    # Read with the analysers: "paid" and "compensated" are verbs, so "neither… nor" negates two.
    source = "Las horas extra no se han pagado ni se han compensado con descanso."
    assert "negation" not in checks(
        source, "Overtime has been neither paid nor compensated with time off.", "es"
    )
    assert "negation" in checks(
        source, "Overtime has not been paid, and it has been compensated with time off.", "es"
    )


def test_addresses_and_quotations() -> None:
    source = "Contacto de prensa: Lucía Pardo, 600 111 222, prensa@sindicato.example"
    target = "Press contact: Lucía Pardo, 600 111 222, prensa@sindicato.example"
    assert "untranslated" not in checks(source, target, "es")
    quoted = "El ministro dijo que «no habrá más recortes en sanidad»."
    assert "untranslated" in checks(quoted, "The minister said «no habrá más recortes en sanidad».", "es")
    assert "untranslated" not in checks(
        quoted, "The minister said “there will be no more health cuts”.", "es"
    )
    # The small words before a name are the clause's, not the name's.
    law = "b) Pago de las horas extra al doble, como marca la Ley Federal del Trabajo."
    bad = "(b) Double pay for overtime, como marca la Ley Federal del Trabajo."
    assert "untranslated" in checks(law, bad, "es")
    assert "untranslated" not in checks(
        law, "(b) Double pay for overtime, as the Federal Labour Law requires.", "es"
    )


def test_honorifics_do_not_end_a_sentence() -> None:
    assert sentences("Excma. Sra. D.ª Ana Ruiz Pérez") == ["Excma. Sra. D.ª Ana Ruiz Pérez"]
