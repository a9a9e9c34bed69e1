"""Clean-up and metadata on raw inputs: golden files, clutter rules, and no lost sentence."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import Overrides, Source, ingest, read_source
from pipeline.ingest.clean import clean_markdown, is_clutter, repair_lists
from pipeline.text.dates import find_dates
from pipeline.text.markdown import dump_front_matter, split_front_matter
from tests.conftest import DATA, REPO

GOLDEN = REPO / "tests" / "golden"
INPUTS = sorted(p.name for p in DATA.iterdir() if p.is_file())


@pytest.mark.parametrize("name", INPUTS)
def test_golden(name: str) -> None:
    """Clean-up and metadata for each raw input, compared with a reviewed golden file.

    Regenerate with UPDATE_GOLDEN=1 after a deliberate change, and review the diff.
    """
    result = ingest(read_source(str(DATA / name)))
    produced = dump_front_matter(result.meta, result.body)
    golden = GOLDEN / (Path(name).stem + Path(name).suffix.replace(".", "-") + ".md")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


# Every sentence of each statement body, as a reader of the page sees it.
BODY_SENTENCES = {
    "wordpress-post.html": [
        "The Riverside Trades Council sends its full support to the 85 cleaners at the harbour authority",
        'They were applauded then; today they are told that their contracts are "under review".',
        "accept that.",
        "Santiago, 11 de julio de 2024",
        "The restoration of their full contracted hours.",
        "A living wage of £12.60 an hour.",
        "for collective bargaining.",
        "We urge every affiliate to visit the picket line at Gate 4, and to donate to the hardship fund.",
        "Riverside Trades Council",
    ],
    "pasted-from-web.txt": [
        "El Sindicato de Trabajadores del Envase rechaza los 60 despidos anunciados ayer",
        "La empresa obtuvo beneficios de 4,3 millones de euros en 2022.",
        "No hay ninguna razón económica que justifique esta decisión.",
        "Exigimos:",
        "1. La retirada inmediata de los despidos.",
        "2. La apertura de una mesa de negociación.",
        "3. Ni un euro de ayudas públicas para empresas que despiden con beneficios.",
        "Convocamos una concentración el jueves a las 12:00 frente a la puerta principal de la planta.",
        "Sindicato de Trabajadores del Envase",
    ],
    "open-letter.docx": [
        "Dear Minister,",
        "We write on behalf of the 4,500 members of the Care Workers’ Alliance",
        "but they are not paid for the time they spend travelling between visits.",
        "1. Pay care workers for travel time between visits.",
        "3. Give care workers a voice through sector-wide bargaining.",
        "We would welcome a meeting with you before the end of February.",
        "Grace Mensah, Chair, Care Workers’ Alliance",
    ],
}
CLUTTER = {
    "wordpress-post.html": [
        "skip to content", "Home", "News >", "Share this", "Twitter", "Like Loading", "Related",
        "Posted in", "Leave a Reply", "Theme by", "powered by", "Previous post", "alert", "pixel", "javascript",
    ],
    "pasted-from-web.txt": [
        "skip to content", "Inicio", "Quiénes somos", "Compartir", "Twitter", "WhatsApp",
        "Me gusta", "visitas", "Entrada anterior", "Tema:",
    ],
    "open-letter.docx": ["Share this"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BODY_SENTENCES))
def test_no_body_sentence_is_lost_and_clutter_is_gone(name: str) -> None:
    result = ingest(read_source(str(DATA / name)))
    flat = re.sub(r"[*_\\]", "", result.body)
    for sentence in BODY_SENTENCES[name]:
        assert sentence in flat, sentence
    for junk in CLUTTER[name]:
        assert junk.lower() not in result.body.lower(), junk


def test_html_keeps_no_active_content() -> None:
    result = ingest(read_source(str(DATA / "wordpress-post.html")))
    text = dump_front_matter(result.meta, result.body).lower()
    for bad in ("<script", "onclick", "onerror", "javascript:", "<img", "tracker", "<form"):
        assert bad not in text
    assert "[independent cleaners' union](https://cleaners.example.org/)" in text


@pytest.mark.parametrize(
    "line",
    [
        "Press “Enter” to skip to content",
        "Skip to main content",
        "Saltar al contenido",
        "Theme by Acme Themes.",
        "Tema: Twenty Seventeen por WordPress.",
        "Proudly powered by WordPress",
        "© 2024 Riverside Trades Council. All rights reserved.",
        "Share this:",
        "Compartir esto:",
        "Like Loading...",
        "Me gusta Cargando...",
        "1,234 views",
        "1.234 visitas",
        "Home > News > Statements",
        "Inicio » Noticias",
        "Home | About | News | Contact",
        "Leave a comment",
        "Read more »",
        "Next post: May Day rally report",
        "Subscribe to our newsletter",
    ],
)
def test_clutter_lines(line: str) -> None:
    assert is_clutter(line)


@pytest.mark.parametrize(
    "line",
    [
        "The theme by which we live is justice.",
        "Powered by solidarity!",
        "Built by workers, for workers.",
        "«¡No pasarán!»",
        "Sign up to the strike fund today!",
        "El tema de la reunión fue la huelga.",
        "Share the wealth, not the crisis.",
        "We will not be silenced. Like every union before us, we will organise.",
        "Home care workers demand a living wage.",
        "1,200 drivers are on strike.",
    ],
)
def test_body_lines_are_not_clutter(line: str) -> None:
    assert not is_clutter(line)


def test_list_numbering_is_repaired() -> None:
    text = "Demands:\n\n1. One.\n\n1. Two.\n\n1. Three.\n\nAfter.\n"
    assert repair_lists(text) == "Demands:\n\n1. One.\n2. Two.\n3. Three.\n\nAfter.\n"
    assert repair_lists("1) Uno.\n1)Dos.\n") == "1. Uno.\n2. Dos.\n"
    assert repair_lists("1.\nSeparate line item.\n1.\nAnother.\n") == "1. Separate line item.\n2. Another.\n"
    # A list that already counts, or starts elsewhere, is left as it is.
    assert repair_lists("3. Three.\n4. Four.\n") == "3. Three.\n4. Four.\n"
    # Numbers inside text are not list markers.
    assert repair_lists("1.000 trabajadores marcharon.\n") == "1.000 trabajadores marcharon.\n"


def test_unicode_is_normalised_but_typography_kept() -> None:
    decomposed = "Accio\u0301n\u00a0sindical \u201cya\u201d \u2014 ahora\u200b.\r\n"
    assert clean_markdown(decomposed) == "Acción sindical \u201cya\u201d \u2014 ahora.\n"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 11, 2024", "2024-07-11"),
        ("January 31st, 2023", "2023-01-31"),
        ("Published on Feb. 3, 2022 by admin", "2022-02-03"),
        ("11 July 2024", "2024-07-11"),
        ("the 2nd of March, 2021", "2021-03-02"),
        ("18 de enero de 2023", "2023-01-18"),
        ("Madrid, martes 1º de mayo del 2018", "2018-05-01"),
        ("Buenos Aires, 3 de septiembre de 2024.", "2024-09-03"),
        ("2024-07-11", "2024-07-11"),
        ("25/12/2023", "2023-12-25"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text)][:1] == [iso]


def test_impossible_dates_are_ignored() -> None:
    assert find_dates("31 de febrero de 2023") == []
    assert find_dates("1.250 casos") == []


def test_a_leading_date_line_is_not_the_title() -> None:
    src = Source("pasted.txt", "text", b"11 July 2024\nDockers win their strike\nThe dockers won.\n")
    result = ingest(src)
    assert result.meta["title"] == "Dockers win their strike"
    assert result.meta["date"] == "2024-07-11"


def test_overrides_win() -> None:
    src = Source(
        "x.txt", "text", b"Dockers win their strike\n\nThe dockers of the port won their strike today.\n"
    )
    result = ingest(src, Overrides(lang="en", title="T", date="2020-02-02", org="O"))
    assert (result.meta["title"], result.meta["date"], result.meta["org"]) == ("T", "2020-02-02", "O")


# Property tests.

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=400,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_text)
def test_ingest_never_crashes_on_arbitrary_text(text: str) -> None:
    from pipeline.errors import PipelineError

    try:
        result = ingest(Source("fuzz.txt", "text", text.encode("utf-8")), Overrides(lang="en"))
    except PipelineError:
        return  # a clear refusal is a correct answer
    meta, _ = split_front_matter(dump_front_matter(result.meta, result.body))
    assert meta["lang"] == "en"


_scalar = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=80, deadline=None)
@given(
    title=_scalar,
    org=st.one_of(st.none(), _scalar),
    signatories=st.lists(_scalar, max_size=4),
    tags=st.lists(_scalar, max_size=3),
    date=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
)
def test_front_matter_round_trip(
    title: str, org: str | None, signatories: list[str], tags: list[str], date: str | None
) -> None:
    meta = {"title": title, "date": date, "lang": "es", "org": org, "signatories": signatories, "tags": tags}
    body = "Texto del comunicado.\n"
    back, back_body = split_front_matter(dump_front_matter(meta, body))
    expected = {k: v for k, v in meta.items() if v not in (None, [], "")}
    assert back == expected
    assert back_body == body


_sentence = st.from_regex(r"[A-Z][a-z]{3,9}( [a-z]{2,9}){3,10}\.", fullmatch=True)
_clutter_line = st.sampled_from(
    [
        "Share this:",
        "Twitter",
        "Like Loading...",
        "Theme by Acme.",
        "Home > News",
        "1,024 views",
        "Skip to content",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(_sentence, _clutter_line), min_size=1, max_size=12))
def test_clean_up_keeps_every_sentence(lines: list[str]) -> None:
    cleaned = clean_markdown("\n\n".join(lines))
    for line in lines:
        if line.endswith(".") and not is_clutter(line):
            assert line in cleaned
