"""Where the statement sits on a copied page: position decides what `chrome` alone cannot.

A web page is built the same way on every kind of site: chrome before the headline
(menus, the site's name, breadcrumbs), the headline, a byline with its date and a share
bar, the article, then the page's furniture (tags, share bars, an author box, related
posts, comments, sidebars, the footer). Within the article, an advertisement, a caption
or a "read also" link interrupts the text, and the text goes on after it.

So: the article's core is the longest run of prose (jusText's good paragraphs) that no
section of page furniture interrupts; the headline is the best headline-shaped line above
it; the statement runs from under the headline to the last line before the furniture,
keeping its short lines (headings, list items, a dateline, the signature) and dropping the
chrome among them. Everything before the headline and after the statement is removed,
each line with the reason a person can check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.ingest import chrome
from pipeline.ingest.chrome import INLINE, META, SECTION
from pipeline.ingest.meta import is_date_line

BEFORE = "before the headline"
AFTER = "after the statement"
MENU = "menu or tag list"
PULL_QUOTE = "pull quote"
BYLINE_BLOCK = "author line"
TEASER = "teaser"
TITLE = "title"
COVER_NOTE = "cover note"

_RELEASE = re.compile(
    r"^(?:for\s+immediate\s+release|immediate\s+release|(?:press|media|news)\s+release(?!s)|"
    r"nota\s+de\s+prensa|comunicado\s+de\s+prensa|boletín(?:\s+de\s+prensa)?|para\s+publicación\s+inmediata|"
    r"embargo(?:ed)?\b|contact|contacto|media\s+contact)",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(?:read\s+more|leer\s+más|continue\s+reading|seguir\s+leyendo|sigue\s+leyendo|keep\s+reading)\b",
    re.IGNORECASE,
)
_INNER_SENTENCE = re.compile(r"[.!?]\s+[¡¿\"“«]?[A-ZÁÉÍÓÚÑ]")
_CONTACT = re.compile(r"\S@\S|www\.|https?://|\b(?:tel|phone|fax|teléfono)\b\.?\s*:?\s*[+(\d]", re.IGNORECASE)
_SALUTATION = re.compile(
    r"^(?:estimad[oa]s?|querid[oa]s?|hola|dear|hi|hello|buenos\s+días|buenas\s+tardes|compañer[oa]s?)\b[^.!?]{0,80}[,:]$",
    re.IGNORECASE,
)
_THREAD = re.compile(r"\b\d{1,2}/\d{1,2}$")
_SYMBOLS = re.compile(r"^[^\w¿¡«\"“'‘(]+\s*")
# Under a social post's author: the handle, a Follow button, the followers.
_SOCIAL_MARK = re.compile(
    r"^(?:@[\w.]{2,}(?:@[\w.-]+)?|\+?\s*(?:follow|seguir|following|siguiendo)|[\d.,]+\s*[kKmM]?\s*(?:followers|seguidores))$",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
)
_MONTH_DATELINE = re.compile(
    r"^[^\W\d_][\w .'’()-]{1,60},\s+(?:a\s+)?(?:\d{1,2}\s+(?:de\s+)?)?"
    + _MONTHS
    + r"(?:\s+de)?,?\s+\d{4}\.?$",
    re.IGNORECASE,
)
# A release's own first line (not its contact line): what a cover note stands above.
_RELEASE_HEAD = re.compile(
    r"^(?:for\s+immediate\s+release|immediate\s+release|(?:press|media|news)\s+release(?!s)|nota\s+de\s+prensa|"
    r"comunicado\s+de\s+prensa|boletín\s+de\s+prensa|boletín\s+(?:n[º°o.]?\s*)?\d|para\s+publicación\s+inmediata|"
    r"embargo(?:ed)?\b)",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[^\W\d_][\w .'’()-]{1,60},\s+(?:a\s+)?(?:\w+\s+)?\d|^[A-ZÁÉÍÓÚÑ ]{3,40}\s*[,—–-]")


def _is_dateline(text: str) -> bool:
    """A statement's dateline: "Madrid, 3 de marzo de 2024", "Buenos Aires, marzo de 2023", "DUBLIN —"."""
    if _DATELINE.match(text) or _MONTH_DATELINE.match(text):
        return True
    return any(c.isdigit() for c in text) and is_date_line(text)


@dataclass(slots=True)
class Unit:
    text: str  # the words as a reader sees them
    heading: bool = False
    link: bool = False  # the whole line is one link (a saved page's teaser headline)


@dataclass
class Layout:
    reasons: dict[int, str] = field(default_factory=dict)  # removed unit -> why
    title: int | None = None
    byline: list[int] = field(default_factory=list)  # removed lines that may name the author or date

    def kept(self, n: int) -> list[int]:
        return [i for i in range(n) if i not in self.reasons and i != self.title]


def headline_shaped(text: str, heading: bool) -> bool:
    n = len(chrome.words(text))
    if not text or n > 40 or len(text) > 300 or (n < 3 and not heading):
        return False
    # An emoji or a symbol may open a post's headline ("📢 COMUNICADO | …"): its words decide.
    if not re.match(r"^[¿¡«\"“'‘(]*[A-ZÁÉÍÓÚÑÜ0-9]", _SYMBOLS.sub("", text)):
        return False
    if text.rstrip().endswith((",", ";", ":")) or _RELEASE.match(text) or chrome.is_date_only(text):
        return False
    if _CONTACT.search(text):
        return False  # an address, a phone number, a web or e-mail address: a letterhead's
    if any(c.isdigit() for c in text) and _is_dateline(text):
        return False  # a dateline: "Nacozari de García, Sonora, 16 de noviembre de 2023.", "Buenos Aires, marzo de 2023"
    if len(text) > 120 and not heading and chrome.is_prose(text) and (": " not in text or text.endswith(".")):
        return False  # a paragraph's length: a standfirst, not a headline (a long one has a colon)
    if _THREAD.search(text):
        return False  # "… 1/5": the first post of a thread
    return not (text.rstrip().endswith(".") and n > 25)


def _headline_score(units: list[Unit], reasons: list[str | None], i: int) -> float:
    text = units[i].text
    score = 0.0
    if units[i].heading:
        score += 3
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        score += 2  # ALL CAPS
    ws = [w for w in chrome.words(text) if len(w) > 3]
    if len(ws) >= 4 and sum(w[0].isupper() for w in ws) / len(ws) >= 0.75:
        score += 2  # Title Case
    above = (
        i > 0
        and reasons[i - 1] is None
        and headline_shaped(units[i - 1].text, units[i - 1].heading)
        and _near_meta(units, reasons, i - 1)
    )
    if _near_meta(units, reasons, i) and not above:
        score += 3  # the byline sits under its headline (the author's name may come first)
    before = reasons[i - 1] if i > 0 else chrome.NAV
    if before in (chrome.NAV, chrome.DATE, chrome.BYLINE, chrome.SHARE, chrome.EMAIL):
        score += 1
    if chrome.ends_sentence(text) and not text.endswith(("?", "!", "»", "”", '"')):
        score -= 1
    if (
        i > 0
        and reasons[i - 1] is None
        and len(chrome.words(units[i - 1].text)) >= 5
        and headline_shaped(units[i - 1].text, units[i - 1].heading)
    ):
        score -= 2  # under a headline: its subtitle
    return score


def find(units: list[Unit], headline: str | None = None) -> Layout:
    """Which units are the statement, which the headline, and why each other one goes."""
    n = len(units)
    out = Layout()
    reasons: list[str | None] = [chrome.reason(u.text) for u in units]
    # A heading is chrome only where its words are ("Tags", "Comments"), never for being short.
    # A heading is never the article's prose, however long: a long headline is no standfirst.
    prose = [
        r is None and not u.heading and chrome.is_prose(u.text) for u, r in zip(units, reasons, strict=True)
    ]
    for i in range(n - 1):
        if prose[i] and reasons[i + 1] is not None and _READ_MORE.match(units[i + 1].text):
            prose[i] = False
            reasons[i] = TEASER
    for i in range(n - 1):
        if reasons[i] == chrome.ALSO and reasons[i + 1] is None and not prose[i + 1]:
            reasons[i + 1] = chrome.ALSO  # the linked headline under "Read also"
    _cover_notes(units, reasons)
    _teaser_cards(units, reasons, prose)
    # The core: the run of prose with the most text, cut by page furniture.
    best: tuple[int, int, int] | None = None  # (chars, first, last)
    start, chars, first, last, chrome_run = 0, 0, -1, -1, 0
    for i in range(n + 1):
        cut = (
            i == n
            or reasons[i] in SECTION
            or reasons[i] == COVER_NOTE
            or (reasons[i] is not None and reasons[i] not in INLINE and chrome_run >= 1)
        )
        if cut:
            if first >= 0 and (best is None or chars > best[0]):
                best = (chars, first, last)
            start, chars, first, last = i + 1, 0, -1, -1
            chrome_run = 0
            if i == n:
                break
            continue
        if reasons[i] is not None and reasons[i] not in INLINE:
            chrome_run += 1
        elif reasons[i] is None:
            chrome_run = 0
        if prose[i]:
            chars += len(units[i].text)
            first = i if first < 0 else first
            last = i
    del start
    if best is not None and _listing(units, reasons, best):
        best = None  # a page of teasers with a line of its own: a topic or tag archive
    if best is None:
        if TEASER in reasons:
            # Only teasers of other articles ("Read more"): a list of posts, not a statement.
            return Layout(reasons={i: why or BEFORE for i, why in enumerate(reasons) if units[i].text})
        return _without_prose(units, reasons, headline)
    _, core_start, core_end = best
    # The headline: given by the page, else the best headline-shaped line above the core.
    title = None
    top = core_start
    if headline is not None:
        key = _key(headline)
        title = next((i for i in range(n) if _key(units[i].text) == key), None)
    else:
        top = _standfirst(units, reasons, prose, core_start, core_end)
        floor = max(-1, top - 60, _last_header(units, reasons, top))
        candidates = [
            i
            for i in range(top - 1, max(floor, _detached(reasons, top)), -1)
            if reasons[i] is None
            and (not prose[i] or i == top - 1)
            and headline_shaped(units[i].text, units[i].heading)
            and not _repeated_later(units, i, core_end)
            and not _social_name(units, i)
        ]
        # A name over its handle or Follow button (and the page above it) is a post's author:
        # the headline is under it, if the post has one (Medium's headline stands over both).
        if any(not _social_author(units, reasons, i) for i in candidates):
            candidates = [i for i in candidates if not _social_author(units, reasons, i)]
        # So is a name over a byline's date ("Europa Press Andalucía" / "Publicado: …"), unless
        # nothing else could be the headline.
        if any(not _author_name(units, reasons, i) for i in candidates):
            candidates = [i for i in candidates if not _author_name(units, reasons, i)]
        if candidates:
            title = max(candidates, key=lambda i: (_headline_score(units, reasons, i) - 0.2 * (top - i), i))
    out.title = title
    if title is not None and (
        title == core_start or (headline is not None and core_start < title < core_end)
    ):
        # The headline opens the statement: what stands above it is the page's (a site's
        # description, a date); a headline the page itself names is sure to be the headline.
        following = next((i for i in range(title + 1, core_end + 1) if prose[i]), None)
        if following is None:
            title = None  # the only paragraph is the statement, not its headline
        else:
            core_start = following
    out.title = title
    if title is not None and title < core_start:
        region_start = title + 1
        # A press release's header lines above its headline are the release's own.
        k = title
        while k > 0 and reasons[k - 1] in (None, chrome.DATE) and _release_line(units[k - 1].text):
            k -= 1
        # A date alone over a headline is a blog's date header, not a release's.
        release = range(k, title) if any(_RELEASE.match(units[j].text) for j in range(k, title)) else range(0)
    elif headline is not None:
        region_start = 0
        release = range(0)
    else:
        release = range(0)
        region_start = _start_without_headline(units, reasons, prose, core_start)
    # The end: the first chrome after the last line of prose, other than an interruption.
    end = core_end + 1
    while end < n and (reasons[end] is None or reasons[end] in INLINE):
        end += 1
    for i in range(n):
        if i == title or i in release:
            continue
        if i < region_start:
            out.reasons[i] = reasons[i] or BEFORE
        elif i >= end:
            out.reasons[i] = reasons[i] or AFTER
        elif reasons[i] is not None:
            out.reasons[i] = reasons[i]  # type: ignore[assignment]
    # A date line standing alone between plain lines is the document's own (a letter's, a release's).
    for i in range(region_start, end):
        if out.reasons.get(i) == chrome.DATE and _plain(reasons, i - 1) and _plain(reasons, i + 1):
            del out.reasons[i]
    # A byline may stand under the first paragraph (a standfirst): look down to the second one.
    paragraphs = [i for i in range(core_start, core_end + 1) if prose[i]]
    _byline_blocks(units, reasons, out, region_start, paragraphs[1] if len(paragraphs) > 1 else core_start)
    _menu_runs(units, out, region_start, end)
    _pull_quotes(units, out, region_start, end)
    if title is not None and title >= core_start:
        out.reasons.pop(title, None)
    # The byline: around the headline and above the article's first kept line of prose, or
    # right under the statement.
    first_text = next((i for i in range(region_start, end) if prose[i] and i not in out.reasons), core_start)
    head = (title if title is not None else min(region_start, top)) - 6
    zone = [*range(max(0, head), max(first_text, core_start))]
    k = end
    while k < n and k < end + 6 and reasons[k] not in SECTION:
        zone.append(k)
        k += 1
    if k < n and reasons[k] == chrome.AUTHOR_BOX:
        zone.append(k)
    kinds = {chrome.BYLINE, chrome.DATE, BYLINE_BLOCK, chrome.AUTHOR_BOX, BEFORE}
    out.byline = [i for i in zone if i != title and out.reasons.get(i) in kinds]
    return out


def _teaser_cards(units: list[Unit], reasons: list[str | None], prose: list[bool]) -> None:
    """Cards of other articles: a linked headline (or a headline over its byline) and the one
    or two lines that sell it. Three cards or more are a list of teasers, wherever they stand."""
    cards: list[list[int]] = []
    i = 0
    n = len(units)
    while i < n - 1:
        head = units[i]
        if (
            reasons[i] is None
            and not prose[i]
            and (head.link or head.heading)
            and headline_shaped(head.text, True)
        ):
            j = i + 1
            while j < n and j <= i + 2 and prose[j] and reasons[j] is None:
                j += 1
            meta = j < n and reasons[j] in META
            if j > i + 1 and (head.link or meta):
                cards.append(list(range(i, j)))
                i = j
                continue
        i += 1
    if len(cards) >= 3:
        for card in cards:
            for k in card:
                reasons[k] = TEASER
                prose[k] = False


def _listing(units: list[Unit], reasons: list[str | None], best: tuple[int, int, int]) -> bool:
    """Teasers around a little text of the page's own: an archive of posts, not a statement."""
    teased = sum(len(units[i].text) for i, why in enumerate(reasons) if why == TEASER)
    return best[0] < 300 and teased >= 3 * best[0]


def _cover_notes(units: list[Unit], reasons: list[str | None]) -> None:
    """A release forwarded by e-mail: the lines between the message's headers (or the sender's
    salutation, "Estimados compañeros:") and the release's own first line ("FOR IMMEDIATE
    RELEASE", "BOLETÍN DE PRENSA") are the sender's cover note."""
    for i, why in enumerate(reasons):
        greeting = why is None and bool(_SALUTATION.match(units[i].text))
        if why != chrome.EMAIL and not greeting:
            continue
        note: list[int] = [i] if greeting else []
        for k in range(i + 1, min(len(units), i + 12)):
            if reasons[k] is not None:
                if note or reasons[k] != chrome.EMAIL:
                    break
                continue  # the rest of the header block
            if _RELEASE_HEAD.match(units[k].text):
                for j in note:
                    reasons[j] = COVER_NOTE
                break
            note.append(k)


_QUOTED = re.compile(r"^[“\"«‘']([^”\"»’]{30,})[”\"»’]")


# Between a headline and its article stand its byline, date, share bar, an advert or a
# caption; never a menu, a list of posts, a footer or a comment form. A line above those is
# the site's (its name, its tagline, a sidebar), not the article's headline.
_DETACHING = frozenset(
    {
        chrome.NAV,
        chrome.RELATED,
        chrome.FOOTER,
        chrome.COMMENTS,
        chrome.COOKIES,
        chrome.TAGS,
        chrome.FORM,
        chrome.END,
    }
)


def _detached(reasons: list[str | None], top: int) -> int:
    """The nearest line above the article that no headline of it stands above."""
    return next((i for i in range(top - 1, -1, -1) if reasons[i] in _DETACHING), -1)


_NAME_JOINERS = frozenset("de del la las los y e of the and".split())
_NAME_WORD = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑÜ][\w'’.-]*|\(?[A-ZÁÉÍÓÚÑ]{2,}\)?|de|del|la|las|los|y|e|of|the|and|&|-|–)$"
)


def _author_name(units: list[Unit], reasons: list[str | None], i: int) -> bool:
    """A name (two to five capitalised words, not shouted in capitals) over a byline's date or
    share bar, perhaps with a role line between: an author line."""
    text = units[i].text
    tokens = text.split()
    letters = [c for c in text if c.isalpha()]
    if not 2 <= len(tokens) <= 5 or not all(_NAME_WORD.match(t) for t in tokens):
        return False
    grammar = (chrome.stopwords("es") | chrome.stopwords("en")) - _NAME_JOINERS
    if any(t.lower() in grammar for t in tokens):
        return False  # "Solidarity With The Strikers": a headline's words, not a name's
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return False  # capitals throughout: a headline shouting, not a name
    j = i + 1
    if j < len(units) and reasons[j] is None and _byline_line(units[j].text):
        j += 1  # a role: "Secretaria general de …"
    return j < len(units) and reasons[j] in META


def _social_name(units: list[Unit], i: int) -> bool:
    """A name over a handle, a Follow button or a follower count: a post's author, never its headline."""
    return i + 1 < len(units) and bool(_SOCIAL_MARK.match(units[i + 1].text))


def _social_author(units: list[Unit], reasons: list[str | None], i: int) -> bool:
    """A line over a post's author block (its name, then a handle, a Follow button or a
    follower count): the page above the post, or a headline over its author (Medium)."""
    j = i + 1
    while j < len(units) and j <= i + 3:
        if _SOCIAL_MARK.match(units[j].text):
            return True
        if reasons[j] is not None or not _byline_line(units[j].text):
            return False
        j += 1
    return False


def _repeated_later(units: list[Unit], i: int, end: int) -> bool:
    """A pull quote: its words (or the quotation it opens with, before its attribution) stand
    again in a line of the article further down (near the top)."""
    quoted = _QUOTED.match(units[i].text)
    key = _key(quoted.group(1) if quoted else units[i].text)
    if len(key) < 40:
        return False
    return any(key in _key(u.text) and u.text != units[i].text for u in units[i + 1 : min(end + 1, i + 80)])


def _release_line(text: str) -> bool:
    return bool(_RELEASE.match(text)) or chrome.is_date_only(text)


def _standfirst(units: list[Unit], reasons: list[str | None], prose: list[bool], core: int, end: int) -> int:
    """The first prose above the core across a byline (a standfirst or a pull quote), else the core."""
    top = core
    i = core
    while i >= 0 and core - i <= 25 and reasons[i] not in SECTION:
        if (
            prose[i]
            and headline_shaped(units[i].text, units[i].heading)
            and (
                _near_meta(units, reasons, i)
                or ((i == 0 or reasons[i - 1] is not None) and _titled(units[i].text))
            )
            and not (
                i > 0 and reasons[i - 1] is None and headline_shaped(units[i - 1].text, units[i - 1].heading)
            )
            and not _repeated_later(units, i, end)
        ):
            return i + 1  # a headline that reads like a sentence, under the menu or over its byline
        if prose[i] and i < core:
            top = i
        elif (
            reasons[i] is None
            and headline_shaped(units[i].text, units[i].heading)
            and not _near_meta(units, reasons, i)
        ):
            break
        i -= 1
    return top


def _titled(text: str) -> bool:
    """A line under the menu that reads like a sentence yet is set as a headline: in capitals or
    Title Case, or without a sentence's full stop. The first line of a post that starts straight
    into its text ("The cleaners walked out on Monday.") is not."""
    words = [w for w in chrome.words(text) if len(w) > 3]
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    if len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.75:
        return True
    return not re.search(r"[.!?…]['\"”’»)]*$", text)


def _near_meta(units: list[Unit], reasons: list[str | None], i: int) -> bool:
    """Whether the line is the top of a byline block: short plain lines down to a date or share bar."""
    j = i + 1
    while j < len(units) and reasons[j] is None and _byline_line(units[j].text):
        j += 1
    return j < len(units) and (reasons[j] in META or reasons[j] == chrome.AUTHOR_BOX)


_HEADER_LINE = re.compile(
    r"^(?:from|de|to|para|cc|sent|enviado|date|fecha|subject|asunto)\s*:|"
    r"^-*\s*(?:forwarded\s+message|mensaje\s+reenviado|original\s+message|mensaje\s+original)|"
    r"^(?:begin\s+forwarded\s+message|inicio\s+del\s+mensaje\s+reenviado)",
    re.IGNORECASE,
)


def _last_header(units: list[Unit], reasons: list[str | None], top: int) -> int:
    """The last e-mail header line above the article (not a rule of dashes): what is above it
    is the forwarder's."""
    return max(
        (i for i in range(top) if reasons[i] == chrome.EMAIL and _HEADER_LINE.match(units[i].text)),
        default=-1,
    )


def _plain(reasons: list[str | None], i: int) -> bool:
    return 0 <= i < len(reasons) and reasons[i] is None


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _start_without_headline(
    units: list[Unit], reasons: list[str | None], prose: list[bool], core: int
) -> int:
    """No headline: the statement starts at the core, or at the plain lines just above it."""
    i = core
    while i > 0 and reasons[i - 1] is None and not chrome.is_menu_line(units[i - 1].text):
        text = units[i - 1].text
        if not (
            prose[i - 1]
            or chrome.ends_sentence(text)
            or text.endswith(",")
            or _is_dateline(text)
            or _INNER_SENTENCE.search(text)  # "… at St. Luke's. Please read and share. 1/5"
            or len(chrome.words(text)) >= 12
        ):
            break
        i -= 1
    # Prose above the byline (a standfirst, a pull quote) is judged by the pull-quote rule. The
    # byline is its date or share bar, with up to three lines of names and roles over them.
    j, names, dated = i, 0, False
    while j > 0:
        why = reasons[j - 1]
        if why is not None and why in META | {BYLINE_BLOCK}:
            dated = True
        elif why is not None and why in INLINE:
            pass  # a caption or an advert between the byline and the article
        elif why is None and not prose[j - 1] and names < 3 and _byline_line(units[j - 1].text):
            names += 1
        else:
            break
        j -= 1
    if j > 0 and prose[j - 1] and j < i and dated:
        return j - 1
    return i


def _byline_blocks(units: list[Unit], reasons: list[str | None], out: Layout, start: int, core: int) -> None:
    """Plain lines right above a byline's date or share bar, above the article: the author and role."""
    for i in range(start, core):
        if reasons[i] not in META and reasons[i] != chrome.AUTHOR_BOX:
            continue
        j = i - 1
        while j >= start and reasons[j] is None and j not in out.reasons:
            text = units[j].text
            if not _byline_line(text):
                break
            out.reasons[j] = BYLINE_BLOCK
            j -= 1
    # "Por la Comisión Ejecutiva", "By the Steering Committee" over the article: its byline.
    for i in range(start, core):
        if (
            reasons[i] is None
            and i not in out.reasons
            and _BY_LINE.match(units[i].text)
            and _byline_line(units[i].text)
        ):
            out.reasons[i] = BYLINE_BLOCK
    # A name alone between two pieces of chrome, above the article.
    for i in range(max(start, 1), core - 1):
        if (
            reasons[i] is None
            and i not in out.reasons
            and _byline_line(units[i].text)
            and reasons[i - 1] in META
            and reasons[i + 1] is not None
            and reasons[i + 1] not in SECTION
        ):
            out.reasons[i] = BYLINE_BLOCK


_BY_LINE = re.compile(
    r"^(?:by|por|de)\s+(?:(?:la|el|los|las|the)\s+)?(?-i:[A-ZÁÉÍÓÚÑ])[\w'’.-]*(?:\s+\S+){0,7}$", re.IGNORECASE
)


def _byline_line(text: str) -> bool:
    return not (
        chrome.is_prose(text)
        or chrome.ends_sentence(text)
        or text.endswith(",")
        or _is_dateline(text)
        or len(chrome.words(text)) > 12
    )


def _menu_runs(units: list[Unit], out: Layout, start: int, end: int) -> None:
    """Four or more short lines in a row, with no sentence and no colon before them: a menu or tags."""
    i = start
    while i < end:
        j = i
        while j < end and j not in out.reasons and _menu_item(units[j].text) and not units[j].heading:
            j += 1
        if j - i >= 4:
            before = next((k for k in range(i - 1, start - 1, -1) if k not in out.reasons), None)
            if before is None or not units[before].text.rstrip().endswith(":"):
                for k in range(i, j):
                    out.reasons[k] = MENU
        i = max(j, i + 1)


def _menu_item(text: str) -> bool:
    return 0 < len(text.split()) <= 3 and not chrome.ends_sentence(text) and not text.endswith(",")


def _pull_quotes(units: list[Unit], out: Layout, start: int, end: int) -> None:
    """A line that repeats part of a later line of the statement is a pull quote."""
    kept = [i for i in range(start, end) if i not in out.reasons]
    keys = {i: _key(units[i].text) for i in kept[:100]}  # pull quotes stand near the top
    for n, i in enumerate(kept[:20]):
        quoted = _QUOTED.match(units[i].text)
        key = _key(quoted.group(1)) if quoted else keys[i]
        if len(key) >= 40 and any(key in keys[k] for k in kept[n + 1 : 100]):
            out.reasons[i] = PULL_QUOTE


def _without_prose(units: list[Unit], reasons: list[str | None], headline: str | None) -> Layout:
    """No paragraph of prose: keep every line that is not chrome (a short notice, a slogan list)."""
    out = Layout()
    for i, why in enumerate(reasons):
        if why is not None:
            out.reasons[i] = why
    if headline is not None:
        key = _key(headline)
        out.title = next((i for i in range(len(units)) if _key(units[i].text) == key), None)
    else:
        kept = [i for i in range(len(units)) if i not in out.reasons and units[i].text]
        if len(kept) > 1 and headline_shaped(units[kept[0]].text, units[kept[0]].heading):
            out.title = kept[0]
    out.byline = [i for i, why in out.reasons.items() if why in (chrome.BYLINE, chrome.DATE)]
    out.byline.sort()
    return out
