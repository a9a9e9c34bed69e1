"""Post-editing machine output: the target's numbers, dates, ¡¿ and spacing, and never a changed value."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import other
from pipeline.text.dates import MONTH_NAMES, find_dates
from pipeline.translate.postedit import date_mentions, postedit, read_source, read_strict

CASES = [
    # (source, engine output, source language, post-edited, kinds of the edits)
    ("Hemos documentado 1.250 casos.", "Have documented 1.250 cases.", "es",
     "Have documented 1,250 cases.", ["number"]),
    ("Los 1,200 conductores y un 1.5% más.", "The 1,200 drivers and a 1.5% more.", "es",
     "The 1,200 drivers and a 1.5% more.", []),  # Mexican Spanish writes 1,200 and 1.5 itself
    ("The 1,200 drivers got 1.5%.", "Los 1,200 conductores consiguieron 1.5%.", "en",
     "Los 1.200 conductores consiguieron 1,5 %.", ["number", "number", "number"]),
    ("Un plus de 2,50 € y un 0,8 %.", "A plus of 2,50 € and a 0,8 %.", "es",
     "A plus of 2.50 € and a 0.8%.", ["number", "number", "number"]),
    ("We sent R50,000 at 6.30 a.m., at 6.30.", "Enviamos R50,000 en 6.30 a.m., a las 6.30.", "en",
     "Enviamos R50.000 en 6.30 a.m., a las 6.30.", ["number"]),  # clock times stay
    ("July 11, 2024", "Julio 11, 2024", "en", "11 de julio de 2024", ["date"]),
    ("February 14th, 2025", "Febrero 14.º, 2025", "en", "14 de febrero de 2025", ["date"]),
    ("Manchester, 3 March 2025", "Mánchester, 3 Marcha 2025", "en", "Mánchester, 3 de marzo de 2025", ["date"]),
    ("on Tuesday 11 March and 14 October 2024", "encima martes 11 Marcha y 14 octubre 2024", "en",
     "encima martes 11 de marzo y 14 de octubre de 2024", ["date", "date"]),
    ("since 3 February", "desde 3 febrero", "en", "desde 3 de febrero", ["date"]),
    ("promised in March.", "prometido en March.", "en", "prometido en marzo.", ["date"]),
    ("Sunday, October 6, 2024", "Domingo, octubre 6, 2024", "en", "Domingo, 6 de octubre de 2024", ["date"]),
    ("en abril de 2000", "in April of 2000", "es", "in April 2000", ["date"]),
    ("el 1 de mayo de 2024", "on 1 May 2024", "es", "on 1 May 2024", []),
    # "9 de Julio" is an avenue: Spanish writes months in lower case.
    ("en Avenida de Mayo y 9 de Julio", "in Avenue of May and 9 of Julio", "es",
     "in Avenue of May and 9 of Julio", []),
    # A march is not March.
    ("We march on 8 March.", "Marcha el 8 de marzo. La marcha sigue.", "en",
     "Marcha el 8 de marzo. La marcha sigue.", []),
    ("An injury to one is an injury to all!", "Un daño a uno es un daño a todo!", "en",
     "¡Un daño a uno es un daño a todo!", ["punctuation"]),
    ("Who pays? They ask: who pays?", "Quién paga? Preguntan: quién paga?", "en",
     "¿Quién paga? Preguntan: ¿quién paga?", ["punctuation", "punctuation"]),
    ("<b>Solidarity!</b>", "<b>Solidaridad!</b>", "en", "<b>¡Solidaridad!</b>", ["punctuation"]),
    ("¡Huelga general!", "General strike!", "es", "General strike!", []),  # English has no ¡
    ("No se vende.", "It does not sell . It defends !", "es", "It does not sell. It defends!",
     ["spacing", "spacing"]),
    ('Ver <a href="0">el 1.250</a>.', 'See <a href="0">the 1.250</a>.', "es",
     'See <a href="0">the 1,250</a>.', ["number"]),  # tags are never touched
]  # fmt: skip


@pytest.mark.parametrize(("source", "output", "lang", "expected", "kinds"), CASES)
def test_post_editing(source: str, output: str, lang: str, expected: str, kinds: list[str]) -> None:
    text, edits = postedit(output, source, lang, other(lang))
    assert text == expected
    assert sorted(e.kind for e in edits) == sorted(kinds)
    # Every change is listed: replaying the edits' "from" → "to" accounts for the whole difference.
    assert all(e.before != e.after for e in edits)


def test_a_value_the_original_does_not_have_is_left_for_the_check() -> None:
    # The engine turned 1.250 into 1.205: not a notation problem, so not post-editing's business.
    assert postedit("Have documented 1.205 cases.", "Hemos documentado 1.250 casos.", "es", "en")[1] == []
    # A date the original does not have is not rewritten either.
    assert postedit("Julio 12, 2024", "July 11, 2024", "en", "es")[1] == []


# Properties: over random numbers and dates, in both directions.


def _write_number(value: Decimal, lang: str, grouped: bool) -> str:
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    text = f"{value:f}"
    whole, _, fraction = text.partition(".")
    if grouped and len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", thousands)
    return whole + (decimal + fraction if fraction else "")


_values = st.one_of(
    st.integers(0, 10**9).map(Decimal),
    st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(1, 10**7), st.integers(1, 2)),
)


@settings(max_examples=300, deadline=None)
@given(
    value=_values,
    source=st.sampled_from(["es", "en"]),
    leaked=st.booleans(),
    grouped=st.booleans(),
    extra=st.integers(0, 99),
)
def test_numbers_read_the_source_value_after_post_editing(
    value: Decimal, source: str, leaked: bool, grouped: bool, extra: int
) -> None:
    target = other(source)
    written = _write_number(value, source, grouped)
    # The engine either left the source's notation or wrote the target's.
    output_number = written if leaked else _write_number(value, target, grouped)
    text, edits = postedit(
        f"Son {output_number} personas y {extra} más.",
        f"There are {written} people and {extra} more.",
        source,
        target,
    )
    numbers = re.findall(r"\d+(?:[.,]\d+)*", text)
    assert [read_strict(numbers[0], target).value] == [value]  # type: ignore[union-attr]
    assert numbers[1] == str(extra)
    for edit in edits:
        assert re.sub(r"\D", "", edit.before) == re.sub(r"\D", "", edit.after)  # the same digits


@settings(max_examples=300, deadline=None)
@given(
    tokens=st.lists(st.from_regex(r"\A\d{1,4}(?:[.,]\d{1,4}){0,2}\Z"), min_size=1, max_size=4),
    source_tokens=st.lists(st.from_regex(r"\A\d{1,4}(?:[.,]\d{1,4}){0,2}\Z"), max_size=4),
    source=st.sampled_from(["es", "en"]),
)
def test_a_number_edit_never_changes_the_value(
    tokens: list[str], source_tokens: list[str], source: str
) -> None:
    # Whatever the engine wrote, a rewritten number reads in the target what it read in the source.
    target = other(source)
    _, edits = postedit(" y ".join(tokens), " and ".join(source_tokens + tokens), source, target)
    for edit in edits:
        if edit.kind != "number" or "%" in edit.after:
            continue
        before, after = read_source(edit.before, source), read_strict(edit.after, target)
        assert before is not None and after is not None and before.value == after.value


def _engine_forms(day: dt.date, lang: str) -> list[str]:
    """How an engine may leave a date: either language's month names, any order, half translated."""
    d, y = day.day, day.year
    forms = []
    for names in (MONTH_NAMES["es"], MONTH_NAMES["en"]):
        name = names[day.month - 1]
        forms += [
            f"{d} de {name} de {y}", f"{name.capitalize()} {d}, {y}", f"{d} {name} {y}", f"{name} {d} {y}",
            f"{d} of {name} of {y}", f"{name.capitalize()} {d}.º, {y}",
        ]  # fmt: skip
    if day.month == 3:
        forms.append(f"{d} Marcha {y}")
    return forms


_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=_dates, source=st.sampled_from(["es", "en"]), pick=st.integers(0, 20), us=st.booleans())
def test_dates_read_the_source_date_after_post_editing(
    day: dt.date, source: str, pick: int, us: bool
) -> None:
    target = other(source)
    name = MONTH_NAMES[source][day.month - 1]
    if source == "es":
        original = f"Madrid, {day.day} de {name} de {day.year}."
    else:
        original = f"London, {name} {day.day}, {day.year}." if us else f"London, {day.day} {name} {day.year}."
    forms = _engine_forms(day, target)
    output = f"Ciudad, {forms[pick % len(forms)]}."
    text, _ = postedit(output, original, source, target)
    assert [d.iso for d in find_dates(text, target)] == [day.isoformat()]


@settings(max_examples=300, deadline=None)
@given(
    day=_dates,
    said=_dates,
    source=st.sampled_from(["es", "en"]),
    pick=st.integers(0, 20),
    drop_year=st.booleans(),
)
def test_post_editing_never_changes_a_day_month_or_year(
    day: dt.date, said: dt.date, source: str, pick: int, drop_year: bool
) -> None:
    # The original says one date (`said`, or the same one); the engine wrote `day` in some form.
    target = other(source)
    original = f"El {said.day} de {MONTH_NAMES['es'][said.month - 1]} de {said.year}, y el {day.day} de {MONTH_NAMES['es'][day.month - 1]}."
    if source == "en":
        original = f"On {MONTH_NAMES['en'][said.month - 1]} {said.day}, {said.year}, and on {day.day} {MONTH_NAMES['en'][day.month - 1]}."
    forms = _engine_forms(day, target)
    written = forms[pick % len(forms)]
    if drop_year:
        written = written.replace(f" {day.year}", "").replace(f" de {day.year}", "").rstrip(",")
    before = [(m.day, m.month, m.year) for m in date_mentions(written)]
    text, _ = postedit(f"Texto: {written} fin.", original, source, target)
    after = [(m.day, m.month, m.year) for m in date_mentions(text[len("Texto: ") :])]
    assert after == before
