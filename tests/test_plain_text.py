"""Plain text as people paste it: e-mail replies, PDF copies, hard-wrapped lines, and the lines
that read as sentences (`pipeline/ingest/plain.py`, `chrome.reads_as_sentence`)."""

from __future__ import annotations

import json

from pipeline.ingest import Source, chrome, ingest
from pipeline.ingest.plain import QUOTED, read_plain
from tests.conftest import DATA

STATEMENT = [
    "Solidarity with the striking cleaners",
    "The Riverside Trades Council sends its full support to the 85 cleaners at the harbour authority, "
    "who walked out on Monday after their hours were cut without notice for the second time this year.",
    "They were applauded during the pandemic; today they are told that their contracts are under review.",
    "We urge every affiliate to visit the picket line at Gate 4 and to give to the hardship fund.",
    "Riverside Trades Council",
]


def _wrapped(paragraph: str, width: int = 66) -> list[str]:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def test_an_e_mail_reply_keeps_the_quoted_statement_and_drops_the_reply() -> None:
    reply = ["Hi Sam,", "", "Here is the statement for the next issue.", "", "Alex", ""]
    reply.append("On Mon, 3 Jun 2024 at 10:12, Press Office <press@example.org> wrote:")
    for paragraph in STATEMENT:
        reply += ["> " + line for line in _wrapped(paragraph)] + [">"]
    reply += ["> On Fri, 31 May 2024, Alex wrote:", ">> Could you send us your statement?", ">> Alex"]
    result = ingest(Source("reply.txt", "text", "\n".join(reply).encode()))
    assert result.meta["title"] == STATEMENT[0]
    paragraphs = [" ".join(p.split()) for p in result.body.strip().split("\n\n")]
    assert paragraphs == STATEMENT[1:]
    why = {r.text: r.reason for r in result.removed}
    assert why["Could you send us your statement?"] == QUOTED
    assert why["Here is the statement for the next issue."] == QUOTED


def test_hard_wrapped_lines_are_joined_and_a_word_broken_at_the_margin_too() -> None:
    text = (
        "The council cut the hours of the cleaners without any consul-\n"
        "tation, and the zero-hours contracts stay. Their zero-\n"
        "hours contracts must end, and every hour worked must be paid at\n"
        "the rate agreed in the collective agreement signed in March.\n"
        "\n"
        "We stand with them until they win, whatever it takes, for as\n"
        "long as it takes, in every workplace of the harbour authority.\n"
    )
    paragraphs = read_plain(text).markdown.strip().split("\n\n")
    assert paragraphs[0].startswith("The council cut the hours of the cleaners without any consultation, and")
    assert "Their zero-hours contracts must end" in paragraphs[0]  # written with its hyphen elsewhere
    assert paragraphs[1] == (
        "We stand with them until they win, whatever it takes, for as long as it takes, in every "
        "workplace of the harbour authority."
    )


def test_a_pasted_page_keeps_one_block_per_line() -> None:
    text = "Inicio\nNoticias\nLos trabajadores exigen respuestas.\nCompartir\n"
    assert (
        read_plain(text).markdown
        == "Inicio\n\nNoticias\n\nLos trabajadores exigen respuestas.\n\nCompartir\n"
    )


def test_a_sentence_needs_strong_evidence_to_be_chrome() -> None:
    sentence = "Workers at the biscuit and cookie plant walked out on Monday over the new rosters."
    notice = "We use cookies to improve your experience on our website. By browsing you accept them."
    assert chrome.reads_as_sentence(sentence) and chrome.reason(sentence) is None
    assert chrome.reason(notice) == chrome.COOKIES
    assert chrome.reason("Por ello, la Sección 12 exige:") is None  # no byline ends with a colon
    assert chrome.reason("Por Redacción / 22 agosto, 2022") == chrome.BYLINE


def test_a_page_without_its_headline_keeps_every_line_and_no_title() -> None:
    expect = json.loads((DATA / "webcopies" / "a-30-wp-generatepress-en.json").read_text(encoding="utf-8"))
    lines = (DATA / "webcopies" / "a-30-wp-generatepress-en.txt").read_text(encoding="utf-8").split("\n")
    without = [line for line in lines if line.strip() != expect["title"]]
    result = ingest(Source("page.txt", "text", "\n".join(without).encode()))
    assert result.meta["title"] is None  # the site's name over the menu is no headline
    body = " ".join(result.body.split())
    for line in expect["body"]:
        assert " ".join(line.split()) in body


def _page(lines: list[str]) -> dict:  # type: ignore[type-arg]
    result = ingest(Source("page.txt", "text", "\n".join(lines).encode()))
    return {"title": result.meta["title"], "author": result.meta["author"], "body": result.body}


BODY = [
    "The cleaners at the harbour authority walked out on Monday after their hours were cut for the second time.",
    "We call on every affiliate to visit the picket line and to give generously to the hardship fund.",
]


def test_a_name_over_a_byline_date_is_its_author_and_not_the_headline() -> None:
    page = _page(
        [
            "Home",
            "News",
            "Cleaners strike at the harbour",
            "Riverside Press Agency",
            "Published: 3 March 2024",
            *BODY,
        ]
    )
    assert page["title"] == "Cleaners strike at the harbour"
    assert page["author"] == "Riverside Press Agency"
    # A short headline in Title Case is no name: its words are a sentence's.
    page = _page(["Home", "News", "Solidarity With The Strikers", "By Jane Doe", "3 March 2024", *BODY])
    assert page["title"] == "Solidarity With The Strikers"
    assert page["author"] == "Jane Doe"


def test_a_social_post_author_is_not_its_headline() -> None:
    page = _page(
        ["Home", "Explore", "Riverside Trades Council", "@riversidetc@mastodon.social", "Follow", *BODY]
    )
    assert page["title"] is None
    assert page["author"] == "Riverside Trades Council"
    assert all(" ".join(line.split()) in " ".join(page["body"].split()) for line in BODY)
