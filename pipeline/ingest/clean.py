"""Clean-up of pasted statements: web clutter out, list numbering repaired, Unicode normalised.

Every rule matches a whole, short line, so that no sentence of the statement itself can
be caught by a clutter rule. `tests/test_clean.py` checks that body sentences survive.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# Invisible characters (soft hyphens, zero-width spaces, BOMs) and control characters.
_DROPPED = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\u180e\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PREFIX = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)*")

_MENU_WORDS = {
    "home", "inicio", "portada", "about", "about us", "quiénes somos", "quienes somos",
    "contact", "contacto", "contact us", "news", "noticias", "blog", "donate", "dona",
    "donar", "join", "join us", "afíliate", "afiliate", "search", "buscar", "campaigns",
    "campañas", "events", "eventos", "archive", "archivo", "shop", "tienda", "press",
    "prensa", "resources", "recursos", "statements", "comunicados", "menu", "menú",
    "login", "log in", "acceder", "register", "registro", "privacy policy",
    "política de privacidad", "who we are", "what we do", "qué hacemos", "english", "español",
}  # fmt: skip

_SITE = r"(wordpress|blogger|wix|squarespace|jekyll|hugo|ghost|drupal|joomla|themes?|tema|\\.com|\\.org|\\.net|studio|estudio|web)"

_CLUTTER = [
    # skip-to-content links
    r"(press\s+[\"“”'‘’]?enter[\"“”'‘’]?\s+to\s+)?skip\s+to\s+(the\s+)?(main\s+)?(content|navigation)",
    r"(saltar|ir|pasar)\s+al\s+contenido(\s+principal)?|saltar\s+a\s+la\s+navegación",
    r"skip\s+navigation|toggle\s+navigation|(open|close|main)\s+menu|menú\s+principal",
    # theme and credit footers: short lines that name a theme, a platform or a web studio
    r"[^.!?,]{0,40}\b(theme|tema|plantilla)\b\s*:?\s*[^.!?,]{0,40}\b(by|por)\s+"
    r"(?-i:[A-Z0-9][\w.&-]*(\s+[A-Z0-9][\w.&-]*){0,4})\.?",
    r"(proudly\s+)?(powered\s+by|funciona\s+(gracias\s+a|con)|(designed|developed|built|hosted)"
    r"\s+(by|with)|(diseñado|desarrollado|alojado)\s+(por|con))\s+[^!?]{0,40}" + _SITE + r"[^!?]{0,40}",
    r"(blog|site|sitio)\s+(at|en)\s+wordpress\.com\.?",
    r"(copyright\s*)?(©|\(c\)|copyright)\s*.{0,100}",
    r"all\s+rights\s+reserved\.?|todos\s+los\s+derechos\s+reservados\.?",
    # share, like and view counters
    r"(share|compartir|comparte|compártelo|compartelo)(\s+(this|esto|en|on|via)(\s+\w+)?)?\s*:?",
    r"(like|me\s+gusta)(\s+this|\s+esto)?\s*:?",
    r"(like|me\s+gusta)\s+(loading|cargando)\s*(\.\.\.|…)?",
    r"(tweet|tuitear|e-?mail|correo\s+electrónico|print|imprimir|facebook|twitter|x|whatsapp|"
    r"telegram|linkedin|reddit|pinterest|tumblr|pocket|mastodon|bluesky|threads|reblog|"
    r"more|más|click\s+to\s+\w+(\s+\w+){0,5}|haz\s+clic\s+para\s+\w+(\s+\w+){0,5})"
    r"(\s*\(opens\s+in\s+new\s+window\))?",
    r"loading\s*(\.\.\.|…)|cargando\s*(\.\.\.|…)",
    r"\d[\d.,]*\s*[kKmM]?\s*(views?|visitas?|vistas?|lecturas?|reads?|likes?|shares?|"
    r"comments?|comentarios?|me\s+gusta|veces\s+compartido)",
    r"(views?|visitas?|vistas?|likes?|shares?|comments?|comentarios?|lecturas?)\s*:?\s*\d[\d.,]*",
    r"(\d+\s+)?(bloggers?|personas?|people)\s+(like[sd]?|les\s+gusta)\s+(this|esto)\.?",
    r"be\s+the\s+first\s+to\s+like\s+this\.?|sé\s+el\s+primero\s+en\s+decir\s+que\s+te\s+gusta\.?",
    # post furniture
    r"(leave\s+a\s+(comment|reply)|deja\s+(un\s+comentario|una\s+respuesta)|"
    r"no\s+comments?\s+yet|sin\s+comentarios|\d+\s+(comments?|comentarios?))\.?",
    r"(posted|filed)\s+in\s*:?.{0,80}|(tags?|etiquetas?|categor(y|ies|ía|ías)|temas?)\s*:.{0,160}",
    r"(related(\s+(posts?|articles?|news))?|relacionad[oa]s?|noticias\s+relacionadas|"
    r"te\s+puede\s+interesar|you\s+may\s+also\s+like|more\s+from\s+.{1,40})\s*:?",
    r"(previous|next)\s+(post|article|story|entry)\s*:?.{0,120}",
    r"(entrada|artículo|noticia|nota)\s+(anterior|siguiente)\s*:?.{0,120}",
    r"[←‹]\s*.{0,100}|.{0,100}\s*[→›]",
    r"«\s*(older|newer|previous|next|anterior|siguiente|entradas)\b.{0,60}",
    r".{0,60}\b(older|newer|previous|next|anterior|siguiente|entradas)\s*»",
    r"(read\s+more|leer\s+más|continue\s+reading|seguir\s+leyendo|ver\s+más)\s*(»|→|\.\.\.|…)?",
    r"(subscribe|suscr[ií]bete|suscribirse|sign\s+up|follow\s+us|síguenos|siguenos)"
    r"(\s+(to|a|en|on|for)\s+(our|the|nuestro|nuestra|el|la|\w+)?\s*"
    r"(newsletter|boletín|blog|channel|canal|mailing\s+list|updates|redes|social\s+media|"
    r"facebook|twitter|instagram|telegram))?\s*[:!.]?",
    r"(search|buscar|search\s+for|search\s+this\s+site)\s*(:|…|\.\.\.)?",
    r"(advertisement|publicidad|anuncio|sponsored)",
    r"(this\s+(site|website)\s+uses\s+cookies|(este\s+sitio|esta\s+web|este\s+sitio\s+web)\s+"
    r"(utiliza|usa)\s+cookies).{0,200}",
    r"(accept|aceptar|reject|rechazar)(\s+all|\s+todas)?(\s+cookies)?",
    r"(home|inicio|portada)\s*(>|»|›|/|\||→)\s*.{0,120}",
    r"print\s+(this\s+)?(page|article)|imprimir\s+(esta\s+)?(página|artículo)",
]
_CLUTTER_RE = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in _CLUTTER) + r")$", re.IGNORECASE)
_ORDERED = re.compile(r"^(\s{0,3})(\d{1,3})[.)](?:[ \t]+|(?=[^\W\d_]|[\"“¡¿(]))(.*)$")
_BARE_NUMBER = re.compile(r"^\s{0,3}(\d{1,3})[.)]\s*$")


def normalise(text: str) -> str:
    """NFC, one kind of space, no invisible or control characters; quotes and dashes kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _DROPPED.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [re.sub(r"(?<=\S) {2,}", " ", line).rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def line_words(line: str) -> str:
    """A line as a reader sees it: Markdown prefix, links and emphasis removed."""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _PREFIX.sub("", line)
    line = re.sub(r"[*_`]+", "", line)
    line = line.replace("\\", "")
    return " ".join(line.split())


def is_clutter(line: str) -> bool:
    words = line_words(line)
    if not words:
        return bool(line.strip()) and bool(_IMAGE.search(line))
    if len(words) > 240:
        return False
    if _CLUTTER_RE.match(words):
        return True
    return _is_menu_line(words)


def _is_menu_line(words: str) -> bool:
    parts = [p.strip().lower() for p in re.split(r"\s*[|•·]\s*", words) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def remove_clutter(text: str) -> str:
    lines = text.split("\n")
    keep = [not is_clutter(line) for line in lines]
    _drop_menu_lists(lines, keep)
    out = []
    for line, kept in zip(lines, keep, strict=True):
        if kept:
            out.append(_IMAGE.sub("", line).rstrip() if _IMAGE.search(line) else line)
        elif out and out[-1].strip():
            out.append("")  # a removed line still separates what stood around it
    return "\n".join(out)


def _drop_menu_lists(lines: list[str], keep: list[bool]) -> None:
    """Bullet lists of short items, two or more of them menu words, are navigation."""
    i = 0
    while i < len(lines):
        if not re.match(r"^\s*[-*+]\s+", lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and (re.match(r"^\s*[-*+]\s+", lines[j]) or not lines[j].strip()):
            j += 1
        items = [line_words(lines[k]).lower() for k in range(i, j) if lines[k].strip()]
        menu = sum(item in _MENU_WORDS for item in items)
        if menu >= 2 and all(len(item.split()) <= 3 for item in items):
            for k in range(i, j):
                keep[k] = False
        i = j


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
