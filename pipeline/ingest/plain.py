"""Plain text as people paste it: a web page, an e-mail, or a PDF run through pdftotext.

A pasted web page has one paragraph per line, and so does a modern e-mail. Two kinds of
text are built otherwise, and are rebuilt here before anything is judged:

- **PDF copies** (`pdftotext`, with or without `-layout`): pages separated by form feeds,
  each with its running header and footer and a page number; lines hard-wrapped at the
  page's width, words broken at a line's end with a hyphen, a paragraph cut by the page
  break. Lines that repeat at the top or the bottom of the pages, and page numbers, are
  page furniture; the paragraph cut by a break is joined again.
- **Plain-text e-mails**: hard-wrapped at 70-odd columns, and quoted with `>` marks, one
  per level of reply. The level that holds the most prose is the message; the others are
  the reply around it or older messages quoted in it.

Hard-wrapped lines are joined back into paragraphs (`reflow`): a line broken by the width
of the page reaches (nearly) the width; a line the writer ended is shorter, or the next
one starts a list item. A word hyphenated across the break is joined without its hyphen
unless the text writes it with one elsewhere, or the lexicon knows it with one.

Everything is linear in the length of the text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.ingest import chrome

PAGE_NUMBER = "page number"
RUNNING = "running header or footer"
QUOTED = "quoted message"

# Bullets typed or pasted as characters (Word's U+F0B7 in pdftotext, emoji on social media).
_BULLET = re.compile(
    r"^(\s*)(?:[•·▪◦●○■□◆◇►▸▹▶➢➤➔→✓✔✅☑☐✗✘❌⭐★☆🔹🔸🔴🟢🔵👉➡️\uf0b7\uf0a7\uf076\uf0d8-]\ufe0f?)\s+"
)
_QUOTE = re.compile(r"^[ \t]*((?:>[ \t]?)+)")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:p[áa]gina|page|p[áa]g\.?|p\.)\s*)?\d{1,4}(?:\s*(?:de|of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_DASHED = re.compile(r"^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$")  # "- 2 -": a page number, not a list's "2"
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_ORDERED = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+\S")
_ITEM = re.compile(r"^\s*(?:[-*+]\s+\S|(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+\S)")
_SPACED = re.compile(r"\S {2,}\S")
_ITEM_START = frozenset("-*+0123456789")  # what a Markdown list item can start with
_MARKDOWN_ITEM = re.compile(r"^\s*(?:[-*+]\s+\S|\d{1,3}[.)]\s+\S)")  # what Markdown reads as a list item
_TERMINAL = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
_HYPHENATED = re.compile(r"([^\W\d_]+)-$")
_FIRST_WORD = re.compile(r"^\s*([^\W\d_]+)")
_CONTINUING_WORDS = frozenset(
    """
    a ante bajo con contra de del desde durante e en entre hacia hasta mediante o para por que
    según sin sobre tras u y
    about after against amid and at before between by for from in into of on or over than to
    under upon with within without
    """.split()
)


@dataclass
class Plain:
    """Plain text rebuilt as Markdown paragraphs, and the lines taken out as page furniture."""

    markdown: str
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    kind: str = "pasted"  # pasted | pdf | email


@dataclass(slots=True)
class _Line:
    text: str
    depth: int = 0  # e-mail quote level
    page_break: bool = False  # a form feed (new page) comes before it


def read_plain(text: str) -> Plain:
    """Plain text as Markdown: one block per paragraph, line, or list item."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed: list[tuple[str, str]] = []
    lines = _split(text)
    kind = "pasted"
    if "\f" in text or _numbered_pages(lines):
        kind = "pdf"
        lines = _depaginate(lines, removed)
    quoted = sum(1 for line in lines if line.depth)
    if quoted >= 3 and quoted >= 0.1 * sum(1 for line in lines if line.text.strip()):
        kind = "email"  # a reply quoting a message (not a breadcrumb's ">" or two)
        lines = _message_level(lines, removed)
    layout = kind == "pdf" and _layout_mode(lines)
    if layout:
        lines = [_Line(_collapse(line.text), line.depth, line.page_break) for line in lines]
    width = wrap_width(lines)
    blocks = _reflow(lines, width, layout) if width else _one_per_line(lines)
    return Plain("\n\n".join(blocks) + "\n", removed, kind)


def _split(text: str) -> list[_Line]:
    out = []
    for page, chunk in enumerate(text.split("\f")):
        for n, raw in enumerate(chunk.split("\n")):
            m = _QUOTE.match(raw) if ">" in raw[:12] else None
            depth = m.group(1).count(">") if m else 0
            body = raw[m.end() :] if m else raw
            out.append(_Line(body.rstrip(), depth, page > 0 and n == 0))
    return out


def _numbered_pages(lines: list[_Line]) -> bool:
    """Page numbers counting up ("Página 1 de 3", "Page 2 of 3") on lines of their own: a PDF without form feeds."""
    numbers = [
        int(m.group())
        for line in lines
        if _PAGE_NUMBER.match(line.text) and (re.search(r"[^\d\s-]", line.text) or _DASHED.match(line.text))
        for m in [_DIGITS.search(line.text)]
        if m
    ]
    return len(numbers) >= 2 and numbers[:3] == list(range(numbers[0], numbers[0] + len(numbers[:3])))


def _depaginate(lines: list[_Line], removed: list[tuple[str, str]]) -> list[_Line]:
    """Remove page numbers and the lines that repeat at the top or bottom of pages; rejoin cut paragraphs."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line.page_break:
            pages.append([])
        pages[-1].append(i)
    if len(pages) == 1:  # no form feeds: pages end at their number
        pages = [[]]
        for i, line in enumerate(lines):
            pages[-1].append(i)
            if _PAGE_NUMBER.match(line.text) and line.text.strip():
                pages.append([])
    # The first and the last three lines with text on each page: where running heads and feet stand.
    heads: list[list[int]] = []
    feet: list[list[int]] = []
    for page in pages:
        top = [i for i in page[:12] if lines[i].text.strip()][:3]
        bottom = [i for i in page[-12:] if lines[i].text.strip()][-3:]
        heads.append(top)
        feet.append([i for i in bottom if i not in top])
    drop: dict[int, str] = {}
    for edges in (heads, feet):
        # A running line repeats at the same edge of other pages (its page number may change).
        shape = Counter(
            shaped
            for edge in edges
            for shaped in {_DIGITS.sub("#", " ".join(lines[i].text.split())) for i in edge}
        )  # on how many pages each line stands
        for edge in edges:
            for i in edge:
                text = lines[i].text.strip()
                if _PAGE_NUMBER.match(text):
                    drop[i] = PAGE_NUMBER
                elif shape[_DIGITS.sub("#", " ".join(text.split()))] >= 2 and len(text) <= 160:
                    drop[i] = RUNNING
    for page, following in itertools.pairwise(pages):
        _cut_paragraph(lines, page, following, drop)
    _echoed_headers(lines, pages, drop)
    starts = {page[0] for page in pages[1:] if page}
    out: list[_Line] = []
    broken = False
    for i, line in enumerate(lines):
        if i in starts:
            broken = True  # a new page: the first text on it may go on with the last paragraph
        if i in drop:
            removed.append((" ".join(line.text.split()), drop[i]))
            continue
        if broken and line.text.strip():
            broken = False
            before = next((k for k in range(len(out) - 1, -1, -1) if out[k].text.strip()), None)
            if before is not None and _continues(out[before].text, line.text):
                del out[before + 1 :]  # the blank lines of the page break: the paragraph goes on
        line.page_break = False
        out.append(line)
    return out


def _echoed_headers(lines: list[_Line], pages: list[list[int]], drop: dict[int, str]) -> None:
    """A running header that shows on one page only ("HCTC statement · Eastgate depot" on page 2
    of 2): a short line heading a page, set apart by a blank line, that repeats the words of the
    first page's letterhead and title, in a header's form (a separator, an acronym)."""
    first = [i for i in pages[0] if lines[i].text.strip()][:12]
    known = {w.lower() for i in first for w in _CONTENT_WORD.findall(lines[i].text)}
    for page in pages[1:]:
        top = [i for i in page if i not in drop and lines[i].text.strip()][:2]
        for n, i in enumerate(top):
            text = lines[i].text.strip()
            nxt = i + 1 < len(lines) and not lines[i + 1].text.strip()
            words = [w.lower() for w in _CONTENT_WORD.findall(text)]
            shaped = bool(re.search(r"[·|•–—]", text) or re.search(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b", text))
            if (
                nxt
                and len(text) <= 80
                and not _TERMINAL.search(text)
                and words
                and shaped
                and sum(w in known for w in words) >= 0.6 * len(words)
            ):
                drop[i] = RUNNING
            elif n == 0:
                break


def _cut_paragraph(lines: list[_Line], before: list[int], after: list[int], drop: dict[int, str]) -> None:
    """A paragraph cut by a page break: the short lines between its two halves are the page's
    footer and the next page's header, even where no other page repeats them."""
    top = [i for i in after if lines[i].text.strip() and i not in drop][:4]
    resume = next((n for n, i in enumerate(top) if lines[i].text.strip()[:1].islower()), None)
    if not resume or any(len(lines[i].text.strip()) > 80 for i in top[:resume]):
        return
    # The page's last lines, after its last blank line: a footer if they are short and the text
    # above them stops in the middle of a sentence.
    filled = [i for i in before if i not in drop]
    last_blank = max((n for n, i in enumerate(filled) if not lines[i].text.strip()), default=-1)
    tail = [i for i in filled[last_blank + 1 :] if lines[i].text.strip()]
    text_above = [i for i in filled[: last_blank + 1] if lines[i].text.strip()]
    above_stops = bool(text_above) and not _TERMINAL.search(lines[text_above[-1]].text.strip())
    tail_stops = bool(tail) and not _TERMINAL.search(lines[tail[-1]].text.strip())
    if above_stops and len(tail) <= 3 and all(len(lines[i].text.strip()) <= 100 for i in tail):
        for i in tail:  # the sentence stops above a blank line, and short lines follow: a footer
            drop[i] = RUNNING
    elif not tail_stops:
        return  # no sentence is cut at this break
    for i in top[:resume]:
        drop[i] = RUNNING


def _continues(before: str, after: str) -> bool:
    """Whether the text after a break goes on with the sentence before it."""
    tail = before.rstrip()
    head = after.lstrip()
    if not tail or not head or _ITEM.match(head):
        return False
    if tail.endswith("-") and head[:1].islower():
        return True
    return not _TERMINAL.search(tail) and head[:1].islower()


def _message_level(lines: list[_Line], removed: list[tuple[str, str]]) -> list[_Line]:
    """The quote level with the most prose is the message; the reply around it and older quotes go."""
    prose: Counter[int] = Counter()
    for line in lines:
        prose[line.depth] += len(line.text) if chrome.is_prose(" ".join(line.text.split())) else 0
    paragraphs = _paragraph_text(lines)
    for depth, text in paragraphs.items():
        prose[depth] += sum(len(p) for p in text if chrome.is_prose(p))
    level = max(prose, key=lambda d: (prose[d], -d))
    out = []
    for line in lines:
        if line.depth == level or not line.text.strip():
            out.append(_Line(line.text, 0, line.page_break))
        else:
            removed.append((" ".join(line.text.split()), QUOTED))
    return out


def _paragraph_text(lines: list[_Line]) -> dict[int, list[str]]:
    """Runs of lines at one quote level joined: hard-wrapped prose is judged as the paragraph it is."""
    out: dict[int, list[str]] = {}
    run: list[str] = []
    depth = -1
    for line in [*lines, _Line("", -2)]:
        if not line.text.strip() or line.depth != depth:
            if run:
                out.setdefault(depth, []).append(" ".join(" ".join(run).split()))
            run = []
            depth = line.depth
        if line.text.strip():
            run.append(line.text)
    return out


def _layout_mode(lines: list[_Line]) -> bool:
    """`pdftotext -layout`: lines indented and justified with runs of spaces."""
    filled = [line.text for line in lines if line.text.strip()]
    spaced = sum(1 for t in filled if t.startswith("   ") or _SPACED.search(t))
    return len(filled) >= 5 and spaced >= 0.3 * len(filled)


def _collapse(text: str) -> str:
    indent = len(text) - len(text.lstrip(" "))
    return " " * indent + " ".join(text.split())


def wrap_width(lines: list[_Line]) -> int:
    """The width the text is hard-wrapped at, or 0 for text with a paragraph per line.

    A wrapped text has many lines that run nearly to one width and go on in the next line;
    a pasted page's paragraphs are single lines of every length.
    """
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip())
    if len(lengths) < 4:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 130:
        return 0
    pairs = wrapped = 0
    for a, b in itertools.pairwise(lines):
        ta, tb = a.text.strip(), b.text.strip()
        if not ta or not tb or a.depth != b.depth:
            continue
        pairs += 1
        if len(ta) >= 0.7 * width and not _TERMINAL.search(ta) and not _ITEM.match(tb):
            wrapped += 1
    long_lines = sum(1 for n in lengths if n > 1.3 * width)
    if wrapped >= 3 and wrapped >= 0.25 * pairs and long_lines <= 0.05 * len(lengths):
        return width
    return 0


def _one_per_line(lines: list[_Line]) -> list[str]:
    """A pasted page: every line is a block, and list items typed with bullets become Markdown items."""
    blocks: list[str] = []
    in_list = False
    for line in lines:
        text = _bulleted(line.text.strip())
        if not text:
            continue
        item = text[0] in _ITEM_START and bool(_MARKDOWN_ITEM.match(text))
        if item and in_list:
            blocks[-1] += "\n" + text  # one list ("V. Solidaridad" is a section's heading, not an item)
        else:
            blocks.append(text)
        in_list = item
    return blocks


def _bulleted(text: str) -> str:
    if not text or text[0].isalnum():
        return text  # most lines: no bullet to read
    return _BULLET.sub(r"\1- ", text) if _BULLET.match(text) else text


def _reflow(lines: list[_Line], width: int, layout: bool) -> list[str]:
    """Hard-wrapped lines joined into paragraphs; list items, short lines and blank lines end them."""
    words = _vocabulary(lines)
    blocks: list[str] = []
    current = ""
    prev: _Line | None = None
    for line in lines:
        raw = line.text
        text = _bulleted(raw.strip())
        if not text:
            if current:
                blocks.append(current)
            current, prev = "", None
            continue
        if prev is not None and _joins(prev.text, raw, width, layout):
            current = _join(current, text, words)
        else:
            if current:
                blocks.append(current)
            current = text
        prev = line
    if current:
        blocks.append(current)
    return blocks


def _joins(before: str, after: str, width: int, layout: bool) -> bool:
    """Whether `after` goes on with the paragraph of `before`, in hard-wrapped text."""
    a, b = before.strip(), after.strip()
    if _ITEM.match(b) or _BULLET.match(b):
        return False
    if layout:
        indent_a = len(before) - len(before.lstrip(" "))
        indent_b = len(after) - len(after.lstrip(" "))
        centred = indent_a >= 12 and indent_b >= 12
        if centred:
            # Centred lines (a letterhead, a title, slogans, a signature) stand alone, unless
            # the second goes on with the first: a title wrapped before "ANTE", "of", "y".
            return not _TERMINAL.search(a) and _continuing_word(b)
    if a.endswith("-") and b[:1].islower():
        return True
    if b[:1].islower() and not re.search(r"[.!?]['\"”’»)\]]*$", a):
        return True
    # The classic reflow test: the line was broken by the margin if the next word would not
    # have fitted on it (a sentence may end there too); a line the writer ended leaves room.
    room = width - len(a) - 1
    return len(a) >= 0.6 * width and len(b.split()[0]) > room - 2


def _continuing_word(text: str) -> bool:
    m = _FIRST_WORD.match(text)
    return bool(m) and m.group(1).lower() in _CONTINUING_WORDS  # type: ignore[union-attr]


def _join(paragraph: str, line: str, words: set[str]) -> str:
    m = _HYPHENATED.search(paragraph)
    if m and line[:1].islower():
        first = _FIRST_WORD.match(line)
        second = first.group(1) if first else ""
        if _keeps_hyphen(m.group(1), second, words):
            return paragraph + line  # a compound: "zero-hours"
        return paragraph[:-1] + line  # a word broken at the line's end: "nues-" "tro"
    return paragraph + " " + line


def _keeps_hyphen(left: str, right: str, words: set[str]) -> bool:
    """Whether a word hyphenated across a line break is a compound that keeps its hyphen.

    The text itself decides first (the compound, or the whole word, written elsewhere in
    it); then the spelling lists: a word they know whole was broken by the line, two words
    they know apart make a compound.
    """
    whole, compound = (left + right).lower(), f"{left}-{right}".lower()
    if compound in words or whole in words:
        return compound in words and whole not in words
    from pipeline.review.lexicon import common_word

    if any(common_word(whole, lang) for lang in ("es", "en")):
        return False
    return all(
        len(part) >= 2 and any(common_word(part, lang) for lang in ("es", "en")) for part in (left, right)
    )


def _vocabulary(lines: list[_Line]) -> set[str]:
    """The words of the text, hyphenated compounds included, as written inside its lines."""
    found: set[str] = set()
    for line in lines:
        found.update(
            w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*(?=[\s.,;:!?)»”\"']|$)", line.text)
        )
    return found
