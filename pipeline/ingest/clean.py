"""Clean-up of statements: Unicode normalised, list numbering repaired, plain text made into blocks.

Which lines are page clutter is decided in `chrome` (a line out of context) and `layout`
(where it stands on the page).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# Invisible characters (soft hyphens, zero-width spaces, BOMs) and control characters.
_DROPPED = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\u180e\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# What normalising squeezes: runs of spaces inside a line, spaces at its end, blank-line runs.
_RUNS = re.compile(r"(?<=\S) {2,}")
_TRAILING = re.compile(r"[ \t\v\f]+$", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """NFC, one kind of space, no invisible or control characters; quotes and dashes kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _DROPPED.sub("", text)
    text = _SPACES.sub(" ", text)
    # Each pass only where it has work: a 10 MB paste is scanned in C, not line by line.
    if "  " in text:
        text = _RUNS.sub(" ", text)  # runs of spaces inside a line (not its indent)
    for _ in range(3):
        if " \n" not in text:
            break
        text = text.replace(" \n", "\n")
    else:
        text = _TRAILING.sub("", text)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip("\n").rstrip(" ") + "\n"


_MARKUP = re.compile(r"[\[\]*_`\\]|^\s*(?:#|[-+>]|\d{1,3}[.)])")


# Markdown a reader does not see: images, link targets, block prefixes.
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PREFIX = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)*")


def line_words(line: str) -> str:
    """A line as a reader sees it: Markdown prefix, links and emphasis removed."""
    if not _MARKUP.search(line):
        return " ".join(line.split())  # most lines: plain words
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _PREFIX.sub("", line)
    line = re.sub(r"[*_`]+", "", line)
    line = line.replace("\\", "")
    return " ".join(line.split())


def is_clutter(line: str) -> bool:
    """A line that is page chrome wherever it stands (see `chrome`); position is judged in `layout`."""
    from pipeline.ingest.chrome import reason

    words = line_words(line)
    if not words:
        return bool(line.strip()) and bool(_IMAGE.search(line))
    return reason(words) is not None


def remove_clutter(text: str) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        if not is_clutter(line):
            out.append(_IMAGE.sub("", line).rstrip() if _IMAGE.search(line) else line)
        elif out and out[-1].strip():
            out.append("")  # a removed line still separates what stood around it
    return "\n".join(out)


# An ordered list item ("1. text", "2)text"), and a number alone on its line.
_ORDERED = re.compile(r"^(\s{0,3})(\d{1,3})[.)](?:[ \t]+|(?=[^\W\d_]|[\"“¡¿(]))(.*)$")
_BARE_NUMBER = re.compile(r"^\s{0,3}(\d{1,3})[.)]\s*$")


def repair_lists(text: str) -> str:
    """Renumber ordered lists whose numbers do not count up (every item "1.", say)."""
    lines = text.split("\n")
    # "1." alone on its line, with the item's text on the next line.
    merged: list[str] = []
    i = 0
    while i < len(lines):
        bare = _BARE_NUMBER.match(lines[i])
        if bare and i + 1 < len(lines) and lines[i + 1].strip():
            merged.append(f"{bare.group(1)}. {lines[i + 1].strip()}")
            i += 2
            continue
        merged.append(lines[i])
        i += 1
    lines = merged
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _ORDERED.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        run: list[tuple[int, str, str]] = []  # (number, indent, text) of each item
        extra: list[list[str]] = []
        j = i
        while j < len(lines):
            m = _ORDERED.match(lines[j])
            if m:
                run.append((int(m.group(2)), m.group(1), m.group(3)))
                extra.append([])
                j += 1
            elif lines[j].strip() == "":
                k = j
                while k < len(lines) and not lines[k].strip():
                    k += 1
                if k < len(lines) and _ORDERED.match(lines[k]):
                    j = k
                    continue
                break
            elif lines[j].startswith((" ", "\t")) and run:
                extra[-1].append(lines[j])
                j += 1
            else:
                break
        numbers = [n for n, _, _ in run]
        counts_up = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        for n, ((number, indent, body), cont) in enumerate(zip(run, extra, strict=True)):
            shown = number if counts_up else n + 1
            out.append(f"{indent}{shown}. {body.strip()}")
            out.extend(cont)
        i = j
    return "\n".join(out)


def clean_markdown(text: str) -> str:
    text = normalise(text)
    text = remove_clutter(text)
    text = repair_lists(text)
    return normalise(text)


def paragraphs_from_plain_text(text: str) -> str:
    """Plain text copied from a page has a paragraph per line; hard-wrapped text does not.

    Markdown would join consecutive lines into one paragraph, so for pasted text every
    line becomes its own block unless the text is clearly hard-wrapped (an e-mail).
    """
    lines = text.split("\n")
    joined = [
        (a, b)
        for a, b in itertools.pairwise(lines)
        if a.strip() and b.strip() and not _ORDERED.match(b) and not re.match(r"\s*[-*+•]\s", b)
    ]
    wrapped = [a for a, _ in joined if 40 <= len(a) <= 100 and not re.search(r"[.!?:;\"”»)]$", a.strip())]
    if joined and len(wrapped) >= 0.6 * len(joined) and len(joined) >= 3:
        return text
    out = []
    for line in lines:
        stripped = line.strip()
        if re.match(r"^[•·▪◦●]\s*", stripped):
            stripped = "- " + re.sub(r"^[•·▪◦●]\s*", "", stripped)
        out.append(stripped)
    blocks: list[str] = []
    for line in out:
        if not line:
            continue
        is_item = bool(_ORDERED.match(line) or re.match(r"^[-*+]\s", line))
        prev_item = bool(blocks) and bool(
            _ORDERED.match(blocks[-1].split("\n")[-1]) or re.match(r"^[-*+]\s", blocks[-1])
        )
        if is_item and prev_item:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return "\n\n".join(blocks) + "\n"
