"""Metadata found in a statement's text: title, date, organisation, signatories, slug."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.ingest.clean import line_words
from pipeline.model import Block
from pipeline.text.dates import find_dates

_META_DATE = re.compile(
    r"^(posted|published|publicado|fecha|date|updated|actualizado)(\s+(on|el))?\s*:?\s*",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """A line that is a date, or a dateline: "Madrid, 3 de marzo de 2024", "DUBLIN, 4 June 2024 —".

    Besides the date it holds only a place (capitalised words), a weekday, "a"/"en", or a
    byline's words: a sentence that names a date ("convocamos el 3 de abril") is not one.
    """
    words = line_words(text)
    if len(words) > 100:
        return False
    dates = find_dates(words)
    if not dates:
        return False
    rest = words
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _META_DATE.sub("", rest.strip())
    rest = re.sub(r"\b(by|por)\s+.{0,40}$", "", rest, flags=re.IGNORECASE)
    tokens = re.findall(r"[^\W\d_]+", rest)
    small = frozenset("a en de del la las los el y of the on at in to hrs h".split())
    return len(tokens) <= 6 and all(t[0].isupper() or t.lower() in small for t in tokens)


def is_byline(text: str) -> bool:
    """ "Posted on July 11, 2024 by admin": page furniture that only carries the date."""
    words = line_words(text)
    return bool(_META_DATE.match(words)) and is_date_line(words)


_ORG_WORDS = re.compile(
    r"\b(unions?|federation|confederation|congress|council|network|party|committee|association|"
    r"alliance|front|movement|coalition|collective|league|assembly|trades|secretariat|caucus|"
    r"workers'?|international|sindicatos?|sindical|federaci[óo]n|confederaci[óo]n|central|red|"
    r"partido|comit[ée]|asociaci[óo]n|alianza|frente|movimiento|coordinadora|colectivo|liga|"
    r"asamblea|plataforma|uni[óo]n|consejo|secretariado|corriente|intersindical|cooperativa)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b(?-i:[A-ZÁÉÍÓÚÑ]{2,8})\b")
_SIGNED = re.compile(
    r"^(signed|signatories|signed by|co-signed by|endorsed by|endorsements|firman|firmantes|"
    r"firmado|firmado por|suscriben|adhesiones|adhieren)\s*[:.]?\s*(.*)$",
    re.IGNORECASE,
)


def looks_like_org(text: str) -> bool:
    words = line_words(text)
    if not words or len(words) > 120 or len(words.split()) > 14:
        return False
    if re.search(r"[.!?]$", words) and not re.search(r"\b[A-Z]{2,}\.$", words):
        return False
    return bool(_ORG_WORDS.search(words))


@dataclass
class Metadata:
    title: str | None = None
    date: str | None = None
    org: str | None = None
    signatories: list[str] = field(default_factory=list)
    title_block: int | None = None  # index of the block the title came from, if any
    dropped_blocks: set[int] = field(default_factory=set)  # bylines: furniture, not text


def extract(blocks: list[Block], lang: str | None = None) -> Metadata:
    meta = Metadata()
    prose = [b for b in blocks if b.is_prose]
    if not prose:
        return meta
    for block in prose[:4]:
        if is_byline(block.plain):
            meta.dropped_blocks.add(block.index)
    # Title: the first heading near the top, else the first real line.
    candidates = [b for b in prose if b.index not in meta.dropped_blocks and not is_date_line(b.plain)]
    heading = next((b for b in candidates[:4] if b.kind == "heading"), None)
    if heading is None:
        heading = next((b for b in candidates if b.kind == "heading" and b.prefix == "# "), None)
    if heading is not None:
        meta.title = line_words(heading.plain)
        meta.title_block = heading.index
    elif candidates:
        first = candidates[0]
        text = line_words(first.plain)
        if len(text) <= 160 and len(text.split()) <= 25 and first.kind == "paragraph":
            meta.title = text.rstrip(".")
            meta.title_block = first.index
        else:
            sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            words = sentence.split()
            meta.title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    # Date: a date line near the top or the bottom, else any date in the first blocks.
    edges = prose[:5] + prose[-5:]
    for block in edges:
        if is_date_line(block.plain):
            dates = find_dates(line_words(block.plain), lang)
            if dates:
                meta.date = dates[0].iso
                break
    if meta.date is None:
        for block in prose[:3]:
            dates = find_dates(line_words(block.plain), lang)
            if dates:
                meta.date = dates[0].iso
                break
    # Signatories: after a "Signed:" marker, else the short lines closing the statement.
    for n, block in enumerate(prose):
        m = _SIGNED.match(line_words(block.plain))
        if m and n >= len(prose) // 3:
            names = [p.strip() for p in re.split(r"[;,]\s*", m.group(2)) if p.strip()]
            for follower in prose[n + 1 :]:
                text = line_words(follower.plain)
                if len(text) > 160 or is_date_line(text):
                    break
                names.extend(line_words(x) for x in follower.text.split("\n") if x.strip())
            meta.signatories = names
            break
    tail = _closing_lines(prose)
    if not meta.signatories:
        meta.signatories = tail
    # Organisation: a short line with an organisation word, at the end, else at the top.
    for text in tail[::-1] + meta.signatories:
        if looks_like_org(text):
            meta.org = _org_name(text)
            break
    if meta.org is None:
        for block in prose[:3]:
            for line in block.text.split("\n"):
                if block.index != meta.title_block and looks_like_org(line):
                    meta.org = _org_name(line)
                    break
            if meta.org:
                break
    return meta


_CLOSING = re.compile(
    r"^(yours\s+(sincerely|faithfully|in\s+solidarity)|sincerely|in\s+solidarity|solidarity|"
    r"regards|best\s+regards|en\s+solidaridad|atentamente|saludos(\s+\w+)?|un\s+saludo|"
    r"fraternalmente|cordialmente|salud\s+y\s+\w+)[,.!]?$",
    re.IGNORECASE,
)


def _closing_lines(prose: list[Block]) -> list[str]:
    """The short lines at the very end: a signature block ("Ana Ruiz / Secretary, CGTP")."""
    lines: list[str] = []
    for block in reversed(prose[-4:]):
        parts = [line_words(x) for x in block.text.split("\n") if x.strip()]
        if all(_CLOSING.match(p) for p in parts):
            break
        if block.kind not in ("paragraph", "item") or any(
            len(p) > 90 or re.search(r"[.!?:]$", p) for p in parts
        ):
            break
        if all(is_date_line(p) for p in parts):
            continue
        lines = [p for p in parts if not is_date_line(p)] + lines
    return lines if len(lines) <= 8 else []


def _org_name(text: str) -> str:
    text = line_words(text).strip(" -–—,")
    # "Secretary General, CGTP" -> the part with the organisation word or acronym.
    parts = [p.strip() for p in text.split(",") if p.strip()]
    for part in reversed(parts):
        if _ORG_WORDS.search(part) or _ACRONYM.fullmatch(part):
            return part
    return text


def slugify(text: str, max_words: int = 8, max_len: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words[:max_words]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug


def make_slug(title: str | None, date: str | None) -> str:
    base = slugify(title or "") or "statement"
    return f"{date}-{base}" if date else base


_ACCOUNTS = frozenset(
    "admin administrator administrador webmaster editor super user superuser root wordpress staff autor author "
    "redactor user usuario".split()
)
_BY = re.compile(
    r"(?:^|[|·•/,]\s*|\d\s+)(?:by|por|written\s+by|escrito\s+por|submitted\s+by|enviado\s+por|posted\s+by|"
    r"publicado\s+por|publicada\s+por|autor[a]?|author|firma|texto|text)\s*:?\s+(.+)$",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]+|de|del|la|y|Mac|Ó|Ní|van|von)(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w'’.-]+|de|del|la|y|Mac|Ó|Ní|van|von)){1,6}"
)
_NAME_END = re.compile(
    r"\s*(?:[|·•/–—]|,\s|\s(?:on|el|en|in|at|a\s+las|the)\s|\s\d{1,2}[:.h]\d{2}|\s\d[\d.,]*\s*(?:[kKmM]\s*)?(?:views?|visitas?|lecturas?|reads|"
    r"comments?|comentarios?|veces|likes?|shares?)\b|\s\d+\s*$|$).*$",
    re.IGNORECASE,
)


def author_from_line(text: str) -> str | None:
    """The name in a byline: "Por Redacción / 22 agosto, 2022" → "Redacción"; account names → None.

    Returns "" for a byline that names an account ("By admin"): there is a byline, and no author.
    """
    words = line_words(text)
    m = _BY.search(words)
    if not m:
        parts = [p.strip() for p in re.split(r"\s*[·•|]\s*", words) if p.strip()]
        if len(parts) >= 2 and any(find_dates(p) for p in parts) and _PERSON.fullmatch(parts[-1]):
            return parts[-1]  # "Press Release · 3rd November 2023 · Ciarán Mac Giolla Bhríde"
        return None
    name = m.group(1)
    dates = find_dates(name)
    if dates:  # "By Jane Doe 12 March 2024"; a number that is no date stays ("Local 2217 Communications")
        name = name[: dates[0].start]
    name = _NAME_END.sub("", name).strip(" .,:;-–—")
    name = re.sub(r"^(?:la|el|los|las|the)\s+", "", name, flags=re.IGNORECASE)
    return clean_author(name) or ""


def clean_author(name: str | None) -> str | None:
    if not name:
        return None
    name = " ".join(name.split()).strip(" .,:;-–—|·")
    if not name or len(name) > 80 or not re.search(r"[^\W\d_]", name) or find_dates(name):
        return None
    if name.casefold() in _ACCOUNTS or " ".join(name.casefold().split()) in {"super user", "site admin"}:
        return None
    if len(name.split()) > 10:
        return None
    return name


def date_of(kept: list[str], byline: list[str], hint: str | None, lang: str | None) -> str | None:
    """The statement's date: its own dateline wins; then its byline; then the page's metadata.

    A date named inside a sentence of the statement is an event, never its date.
    """
    edges = kept[:4] + kept[-6:]
    for text in edges:
        if is_date_line(text):
            dates = find_dates(line_words(text), lang)
            if dates:
                return dates[0].iso
    for text in byline:
        dates = find_dates(line_words(text), lang)
        if dates:
            return dates[0].iso
    if hint:
        dates = find_dates(str(hint), lang)
        if dates:
            return dates[0].iso
    return None


def author_of(byline: list[tuple[str, str, str]]) -> str | None:
    """The author from the byline lines (text, why removed, the line under it on the page), top first.

    An explicit byline ("Por …", "By …", "Submitted by … on") decides, even when it names an
    account and so gives no author; else the plain line over a byline's date (a news site's
    author line, a Facebook page's name over its post's time).
    """
    named = [author_from_line(text) for text, _why, _next in byline]
    if any(name is not None for name in named):
        # An explicit byline decides; one that names an account ("por admin") gives way to one
        # that names a person or a desk ("Por la Comisión Ejecutiva").
        return next((name for name in named if name), None)
    for text, why, following in byline:
        if why == "author line" or (why in ("byline", "before the headline") and _posted_by(following)):
            name = clean_author(text)
            if name and (why == "author line" or _page_name(name)):
                return name
    return None


def _posted_by(following: str) -> bool:
    """Whether the line under a name shows it is a post's author: the post's time, or the
    account's handle, Follow button or followers."""
    from pipeline.ingest.layout import _SOCIAL_MARK

    return _timestamp(following) or bool(_SOCIAL_MARK.match(following.strip()))


def _timestamp(text: str) -> bool:
    """A post's time: a date alone, or a relative time ("3d ·", "2 h", "hace 2 días")."""
    from pipeline.ingest import chrome

    text = text.strip(" ·•|")
    if not text or len(text) > 60:
        return False
    return chrome.is_date_only(text) or (
        chrome.reason(text) in (chrome.DATE, chrome.BYLINE)
        and bool(
            re.fullmatch(r"(?:hace\s+|about\s+)?(?:\d+|un|una|an?)\s*\w{1,8}(?:\s+ago)?", text, re.IGNORECASE)
        )
    )


def _page_name(text: str) -> bool:
    """A person's or a page's name over a post's date: capitalised, short, no sentence."""
    words = text.split()
    if not (2 <= len(words) <= 12 and text[0].isupper() and not re.search(r"[.!?:]$", text)):
        return False
    # Mostly capitalised words: "Farm and Food Workers Solidarity Forum", not "Ana shared a post".
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha() or w.lower() in _JOINERS)
    return capitalised >= 0.75 * len(words)


_JOINERS = frozenset("de del la las los y e of the and for en".split())
