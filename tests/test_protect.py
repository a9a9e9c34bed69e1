"""Glossary terms at translation time: found, protected by placeholders, restored, verified."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.glossary import Term
from pipeline.translate.protect import Matcher, problem, restore, spanish_form

TERMS = [
    Term("Central Unitaria de Trabajadores", "Unitary Workers' Central"),
    Term("huelga general", "general strike"),
    Term("huelga", "strike"),
    Term("Pan y Rosas", "Pan y Rosas", "name"),
    Term("CUT", "CUT"),
    Term("trabajadoras del hogar", "domestic workers"),
    Term("Red de Solidaridad", "Solidarity Network"),
]


def test_terms_are_found_longest_first_and_names_only_as_written() -> None:
    es = Matcher(TERMS, "es", "en")
    sent = es.protect(
        "Pan y Rosas y la CUT convocan la huelga general; la huelga sigue. Una cutícula, pan y rosas."
    )
    assert sent.text == "ZXQ1 y la ZXQ2 convocan la ZXQ3; la ZXQ4 sigue. Una cutícula, pan y rosas."
    assert [s.replacement for s in sent.spans] == ["Pan y Rosas", "CUT", "general strike", "strike"]
    # A lower-case term matches in any case; the target takes the original's capital.
    assert Matcher(TERMS, "es", "en").protect("Huelga general ya").spans[0].replacement == "General strike"
    # English "cut" is a word, not the acronym: names match only as written.
    en = Matcher(TERMS, "en", "es")
    assert en.protect("They cut wages; the CUT answered.").text == "They cut wages; the ZXQ1 answered."
    assert en.terms_in("A general strike of domestic workers.") == [
        ("domestic workers", "trabajadoras del hogar"),
        ("general strike", "huelga general"),
    ]


def test_apostrophes_spaces_and_our_html_subset() -> None:
    en = Matcher(TERMS, "en", "es")
    assert en.protect("The Unitary  Workers’ Central said").text == "The ZXQ1 said"
    tagged = Matcher([Term("Sindicato A&B", "Union A&B")], "es", "en").protect(
        'El <b>Sindicato A&amp;B</b> <a href="0">apoya</a>', escaped=True
    )
    assert tagged.text == 'El <b>ZXQ1</b> <a href="0">apoya</a>'
    assert tagged.spans[0].replacement == "Union A&amp;B"  # escaped again: inline.restore unescapes


@pytest.mark.parametrize(
    ("source", "target", "engine_output", "restored"),
    [
        # Apertium capitalises the word after an unknown word that opens a sentence.
        ("es", "en", "ZXQ1 Demands a ZXQ2.", "Pan y Rosas demands a general strike."),
        # English articles before a vowel sound.
        ("es", "en", "A ZXQ1 statement.", "A Solidarity Network statement."),
        # Spanish determiners agree with the restored term's gender and number.
        ("en", "es", "El ZXQ1 llamó un ZXQ2.", "Las trabajadoras del hogar llamó una huelga general."),
        (
            "en",
            "es",
            "Apoyo del ZXQ1 y al ZXQ2.",
            "Apoyo de las trabajadoras del hogar y a la huelga general.",
        ),
        # Engines that change a placeholder's case or split it are still understood.
        ("es", "en", "Zxq1 demands a ZXQ 2.", "Pan y Rosas demands a general strike."),
    ],
)
def test_restore(source: str, target: str, engine_output: str, restored: str) -> None:
    originals = {
        "es": "Pan y Rosas exige una huelga general.",
        "en": "The domestic workers called a general strike.",
    }
    if "Solidarity" in restored:
        originals["es"] = "Una declaración de la Red de Solidaridad."
    if "Apoyo" in restored:
        originals["en"] = "Support from the domestic workers and the general strike."
    sent = Matcher(TERMS, source, target).protect(originals[source])
    assert restore(engine_output, sent, target)[0] == restored


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("The ZXQ1 and the ZXQ2.", None),
        ("The and the ZXQ2.", "ZXQ1 lost"),
        ("The ZXQ1 and the ZXQ2 ZXQ2.", "ZXQ2 doubled"),
        ("The ZXQ1, ZXQ2 and ZXQ3.", "ZXQ3 invented"),
        ("The zxq1 and the ZXQ2.", "ZXQ1 lost"),  # a changed placeholder is not intact
        ("The ZXQ1s and the ZXQ2.", "ZXQ1 lost"),
    ],
)
def test_a_mangled_placeholder_is_named(output: str, reason: str | None) -> None:
    found = problem("La ZXQ1 y la ZXQ2.", output)
    assert (found is None) if reason is None else (reason in (found or ""))


def test_no_placeholder_no_problem() -> None:
    assert problem("Hola.", "Hello.") is None


@pytest.mark.parametrize(
    ("phrase", "form"),
    [
        ("huelga general", 1),
        ("convenio colectivo", 0),
        ("trabajadoras del hogar", 3),
        ("delegados sindicales", 2),
        ("Federación de Trabajadores", 1),
        ("Red de Solidaridad", 1),
        ("redes", 3),
        ("problema", 0),
        ("plataforma", 1),
        ("comité de empresa", 0),
        ("país", None),
    ],
)
def test_spanish_gender_and_number(phrase: str, form: int | None) -> None:
    assert spanish_form(phrase) == form


_word = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáé ", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(_word, max_size=6), st.lists(st.sampled_from(TERMS), max_size=4))
def test_protect_then_restore_with_a_faithful_engine_gives_every_term(
    words: list[str], terms: list[Term]
) -> None:
    # An engine that copies its input: restoring must give back the text with each term translated.
    text = " ".join(w for pair in zip(words, [t.es for t in terms] + [""] * 6, strict=False) for w in pair)
    matcher = Matcher(TERMS, "es", "en")
    sent = matcher.protect(text)
    assert problem(sent.text, sent.text) is None
    out, restored = restore(sent.text, sent, "en")
    assert restored == len(sent.spans)
    assert "ZXQ" not in out
    for span in sent.spans:
        assert span.replacement in out
