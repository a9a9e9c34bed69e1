"""What a line of a web page's chrome looks like, in Spanish and English, out of context.

Each test matches a whole, short line by how pages are built (menus, bylines, share and
follow bars, counters, tags, related posts, comment forms, footers, cookie notices, e-mail
headers and signatures, PDF page furniture), never a sentence of a statement: a line longer
than a sentence or two is never chrome here. Where a line sits is judged in `layout`.

`prose_score` gives jusText's paragraph features for a line: its length and the density of
the language's stopwords (jusText's own stoplists).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.text.dates import find_dates

# Reasons. A "section" reason starts the page's furniture after an article: it ends a run
# of statement text.
NAV, BYLINE, DATE, SHARE, COUNTER, TAGS, RELATED, COMMENTS, FOOTER, COOKIES = (
    "navigation", "byline", "date line", "share bar", "counter", "tags", "related posts",
    "comments", "footer", "cookie notice",
)  # fmt: skip
NEWSLETTER, CAPTION, AD, EMAIL, END, PAGE, AUTHOR_BOX, FORM, ALSO = (
    "newsletter", "caption", "advertisement", "e-mail header", "end mark", "page furniture",
    "author box", "form", "read also",
)  # fmt: skip
# Interruptions inside an article: they go, and the article goes on after them.
INLINE = frozenset({NEWSLETTER, CAPTION, AD, ALSO, PAGE})
# The lines around a headline: who wrote it, when, and the bar under it.
META = frozenset({BYLINE, DATE, SHARE, COUNTER})
SECTION = frozenset({TAGS, RELATED, COMMENTS, FOOTER, END, AUTHOR_BOX})


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


_SOCIAL = _alt(
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "reddit", "pinterest", "tumblr",
    "pocket", "mastodon", "bluesky", "threads", "instagram", "tiktok", "youtube", "e-?mail", "correo",
    "print", "imprimir", "messenger", "flipboard", "rss", "feed",
)  # fmt: skip
_MONTHS_SHORT = r"(?:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|oct|nov|dic|jan|apr|aug|dec)\w*\.?"
_WEEKDAYS = r"(?:lun|mar|mi[ée]|jue|vie|s[áa]b|dom|mon|tue|wed|thu|fri|sat|sun)\w*\.?"
_TIME = r"(?:\d{1,2}[:.h]\d{2}(?:\s*(?:h|hs|horas|am|pm|a\.\s?m\.|p\.\s?m\.))?(?:\s*(?:cet|cest|utc|gmt|[a-z]{2,4}t))?)"
_NAME = r"(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:\s+(?:de|del|la|las|los|y|da|van|von|dos|das|Mac|Ó|Ní|O')?\s*[A-ZÁÉÍÓÚÑ][\w'’.-]+){0,5})"

# (reason, pattern) for a line that does not read as a sentence; (reason, pattern, ANY) for a
# pattern specific enough to remove even a line that does (a cookie notice, a comment form's
# notice, a copyright line): a sentence of the statement needs that much evidence to go. A
# fourth element lists words one of which the line must hold for the pattern to be tried (in
# lower case): a pattern that may match anywhere in a line is costly on every line.
ANY = True
_MAIL = ("newsletter", "inbox", "bandeja", "correo", "mail")
_PATTERNS: list[tuple[str, str] | tuple[str, str, bool] | tuple[str, str, bool, tuple[str, ...]]] = [
    (ALSO, r"(?:lee|leer|read|see|ver|mira|check\s+out)\s+(?:también|tambien|also|more)\s*:?"),
    (AUTHOR_BOX, r"(?:written\s+by|escrito\s+por)\s+.{2,80}"),
    # Navigation, search, log-in, language switchers.
    (
        NAV,
        r"(?:press\s+[\"“”'‘’]?enter[\"“”'‘’]?\s+to\s+)?skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|main)",
    ),
    (NAV, r"(?:saltar|ir|pasar)\s+(?:al|a)\s+(?:el\s+)?(?:contenido|navegación)(?:\s+principal)?"),
    (
        NAV,
        r"(?:skip|toggle|main|primary|open|close|mobile)\s+(?:navigation|menu)|menú\s+(?:principal|móvil)|"
        r"navegación\s+principal|main\s+navigation|breadcrumbs?|migas\s+de\s+pan|menu|menú|close|cerrar",
    ),
    (
        NAV,
        r"(?:you\s+are\s+here|usted\s+está\s+aquí|estás\s+en)\s*:.{0,160}|you\s+are\s+here\s+.{0,160}",
        ANY,
    ),
    (NAV, r"(?:home|inicio|portada)\s*(?:>|»|›|/|\||→)\s*.{0,160}", ANY),
    (NAV, r".{0,60}\s(?:›|»|>)\s.{0,100}", False, ("›", "»", ">")),
    # A breadcrumb whose separators were lost in copying: "Inicio Gremiales Comunicados".
    (NAV, r"(?:home|inicio|portada)(?:\s+(?-i:[A-ZÁÉÍÓÚÑ])[\w'’-]+){1,4}"),
    (
        NAV,
        r"(?:search|buscar|busca|search\s+for|search\s+this\s+(?:site|blog)|buscar\s+en\s+\w+|"
        r"formulario\s+de\s+búsqueda|sin\s+resultados|ver\s+todos\s+los\s+resultados|no\s+results)\s*(?::|…|\.\.\.)?",
    ),
    (
        NAV,
        r"(?:log\s*in|log\s*out|sign\s*in|sign\s*up|iniciar\s+sesión|cerrar\s+sesión|acceder|"
        r"reg[ií]strate|registrarse|create\s+(?:an\s+)?account|crear\s+(?:nueva\s+)?cuenta|mi\s+cuenta|my\s+account|"
        r"acceso\s+(?:afiliados|socios|miembros)|members?\s+area|área\s+de\s+(?:afiliados|socios)|"
        r"solicitar\s+nueva\s+contraseña|forgot\s+(?:your\s+)?password|open\s+in\s+app|abrir\s+en\s+la\s+app|"
        r"get\s+the\s+app|write|escribir)",
    ),
    (
        NAV,
        r"(?:…|\.\.\.)?\s*(?:back\s+to\s+top|volver\s+arriba|ir\s+arriba|subir|top|arriba|more…?|más…?|ver\s+más|see\s+more|"
        r"see\s+new\s+posts|show\s+(?:more\s+)?replies|mostrar\s+(?:más\s+)?respuestas|ver\s+publicaciones\s+nuevas|"
        r"español|english|castellano|galego|català|euskara|gaeilge|es\s*\|\s*en|en\s*\|\s*es)",
    ),
    (NAV, r"(?:page|página)\s*\d+(?:\s+(?:page|página)\s*\d+)*(?:\s+.{0,30})?"),
    (NAV, r"(?:load\s+more|cargar\s+más|ver\s+todo|see\s+all|view\s+all|mostrar\s+más)(?:\s.{0,60})?"),
    # Bylines and meta lines.
    (
        BYLINE,
        r"(?:posted|published|written|submitted|filed|updated|last\s+updated|last\s+modified|"
        r"publicado|publicada|escrito|enviado|actualizado|última\s+actualización|modificado|creado|"
        r"redactado)(?:\s+(?:on|by|el|por|a\s+las|at)\b|\s*:)\s*.{0,120}",
    ),
    (
        BYLINE,
        r"(?:posted|published|updated|publicado|publicada|actualizado)\s+\d.{0,80}",
    ),
    (BYLINE, r".{0,30}\d{4}\s+(?:updated|actualizado)\b.{0,40}", False, ("updated", "actualizado")),
    (
        BYLINE,
        r"(?!.*[:;]$)(?:by|por|autor|autora|author|written\s+by|escrito\s+por|texto|text|words)\s*:?\s+"
        + _NAME
        + r"(?:\s*[,|/·•–—-]\s*.{0,80})?",
    ),
    (BYLINE, r"(?!.*[:;]$)(?:by|por)\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,3}\s*[,|/·•–—-]\s*.{0,40}\d.{0,40}"),
    (
        BYLINE,
        r"(?:fecha|date|hits|visitas|lecturas|views|category|categoría|sección|section|details|detalles|"
        r"tiempo\s+de\s+lectura|reading\s+time)\s*:.{0,100}|details|detalles",
    ),
    (BYLINE, r"\d{1,3}\s*(?:min(?:ute)?s?|minutos?)\s+(?:read|de\s+lectura|lectura)"),
    (
        BYLINE,
        r"(?:follow|seguir|following|siguiendo|listen|escuchar|save|guardar|share|compartir|"
        r"\+\s*follow|suscríbete|subscribe|suscribirme|suscribite)",
    ),
    (
        BYLINE,
        r"(?:hace|about)?\s*(?:un|una|an?|\d+)\s*(?:d|h|min|s|sem|mes|meses|años?|días?|horas?|minutos?|"
        r"semanas?|days?|hours?|minutes?|weeks?|months?|years?|hrs?|mins?|wk|yr)(?:\s+ago)?\s*[·•]?",
    ),
    (BYLINE, r"(?:just\s+now|ahora|ayer|yesterday|today|hoy|edited|editado)\s*[·•]?"),
    # A social account's handle: "@batwu@mastodon.social", "@NorthsideNurses".
    (BYLINE, r"@[\w.]{2,}(?:@[\w.-]+\.\w+)?"),
    (
        BYLINE,
        r"\w[\w .'’-]{0,60}\s(?:shared\s+a\s+(?:post|link|photo|video)|compartió\s+una?\s+\w+)\.?",
        False,
        ("shared", "compartió"),
    ),
    (BYLINE, r"(?:press\s+release|nota\s+de\s+prensa|comunicado\s+de\s+prensa)\s*[·•|]\s*.{0,120}"),
    # Share, print and follow bars.
    (
        SHARE,
        r"(?:share|compartir|comparte|compártelo|compartelo|enviar|send|tweet|tuitear|print|imprimir|"
        r"email|e-mail|copiar\s+enlace|copy\s+link|guardar|save)(?:\s+(?:this|esto|en|on|via|por|to|with|this\s+\w+|"
        r"esta\s+\w+|el\s+\w+|la\s+\w+|article|artículo|page|página|story|post|noticia))?(?:\s+(?:on|en|por|via)\s+\w+)?\s*:?"
        r"(?:\s*" + _SOCIAL + r")*",
    ),
    (
        SHARE,
        r"(?:(?:share|compartir|comparte|tweet|enviar|send)\s+(?:on|en|por|to|a|via)?\s*"
        + _SOCIAL
        + r"\s*)+",
    ),
    (SHARE, r"(?:" + _SOCIAL + r"\s*[|·•,]?\s*)+"),
    (
        SHARE,
        r"(?:follow|síguenos|siguenos|seguinos|seguir|follow\s+us|find\s+us|encuéntranos|connect\s+with\s+us)"
        r"(?:\s+(?:on|en|in))?\s*.{0,40}",
    ),
    (
        SHARE,
        r"(?:click\s+to\s+\w+(?:\s+\w+){0,5}|haz\s+clic\s+para\s+\w+(?:\s+\w+){0,5})(?:\s*\(opens\s+in\s+new\s+window\))?",
    ),
    (
        SHARE,
        r"(?:like|me\s+gusta|reply|responder|comment|comentar|report|denunciar|reblog|recommend|recomendar|"
        r"boost|favou?rite|bookmark|repost)(?:\s+(?:this|esto))?\s*:?\s*"
        r"(?:loading|cargando)?\s*(?:\.\.\.|…)?",
    ),
    (
        SHARE,
        r"email\s+this\s*blogthis!.{0,120}|report\s+abuse|denunciar\s+abuso|visit\s+profile|ver\s+perfil",
    ),
    (
        SHARE,
        r"(?:subscribe\s+to|suscribirse\s+a)\s*:.{0,80}|(?:rss|atom)\s+feed",
    ),
    (SHARE, r".{0,60}\((?:atom|rss)\)", False, ("(atom)", "(rss)")),
    # Counters.
    (COUNTER, r"[\d.,]+\s*[kKmM]?|[·•|]"),
    (
        COUNTER,
        r"[\d.,]*\s*[kKmM]?\s*(?:views?|visitas?|vistas?|lecturas?|reads?|likes?|shares?|"
        r"comments?|comentarios?|me\s+gusta|veces\s+compartido|compartidos|reacciones|reactions|"
        r"followers|seguidores|claps|aplausos|saves|responses|respuestas|stories|historias)",
    ),
    (
        COUNTER,
        r"(?:views?|visitas?|vistas?|likes?|shares?|comments?|comentarios?|lecturas?)\s*:?\s*[\d.,]+\s*[kKmM]?",
    ),
    (
        COUNTER,
        r"(?:all\s+reactions|todas\s+las\s+reacciones)\s*:?",
    ),
    (COUNTER, r".{0,60}\s(?:and|y)\s+\d+\s+(?:others|personas\s+más)", False, ("others", "personas más")),
    (
        COUNTER,
        r"(?:\d+\s+)?(?:bloggers?|personas?|people)\s+(?:like[sd]?|les\s+gusta)\s+(?:this|esto)\.?|"
        r"be\s+the\s+first\s+to\s+like\s+this\.?|sé\s+el\s+primero\s+en\s+decir\s+que\s+te\s+gusta\.?",
    ),
    # Tags and categories.
    (
        TAGS,
        r"(?:tags?|etiquetas?|labels?|categor(?:y|ies|ía|ías)|temas?|topics?|keywords|palabras\s+clave)"
        r"(?:\s*:\s*.{0,200}|\s*:?)",
    ),
    (
        TAGS,
        r"(?:tags?|etiquetas?|etiquetado|labels?|categor(?:y|ies|ía|ías)|categorizado\s+como|archivado\s+en|"
        r"filed\s+under|posted\s+in|publicado\s+en|archived\s+in)\s+[^.!?]{0,200}",
    ),
    (TAGS, r"in\s+[\"“].{1,80}[\"”]"),
    # Related and recent posts, archives, post navigation.
    (
        RELATED,
        r"(?:related|relacionad[oa]s?|noticias\s+relacionadas|art[íi]culos\s+relacionados|entradas\s+relacionadas|"
        r"te\s+puede\s+interesar|también\s+te\s+puede\s+interesar|you\s+may\s+also\s+like|you\s+might\s+also\s+like|"
        r"related\s+(?:posts?|news|articles?|stories|content|reading|links)|"
        r"(?:lee|leer|read|see|ver)\s+(?:también|tamb[ié]n|also|more)|more\s+(?:from|on|in|stories|news|like\s+this)|"
        r"más\s+(?:de|noticias|sobre|en|leído|leídas|visto|vistos)|lo\s+más\s+(?:leído|visto|reciente)|"
        r"(?:most|more)\s+(?:popular|read|viewed|recent)|popular(?:\s+posts)?(?:\s+from\s+this\s+blog)?|"
        r"(?:recent|latest|últimas|últimos|recientes)\s*(?:posts?|news|articles?|entradas|noticias|"
        r"artículos|comunicados|statements|comments|comentarios|stories)?(?:\s+recientes)?|"
        r"entradas\s+recientes|comentarios\s+recientes|archives?|archivos?|blog\s+archive|"
        r"recommended|recomendado|recomendados|recommended\s+from\s+\w+|recomendado\s+en\s+\w+|"
        r"(?:see|ver)\s+all\s+from\s+.{0,60}|ver\s+todo\s+de\s+.{0,60}|"
        r"trending|tendencias|destacad[oa]s|featured|en\s+portada|lists|listas)\s*:?",
    ),
    (
        RELATED,
        r"(?:explore\s+more|more)\s+(?:on|about)\s+(?:these|this)\s+(?:topics?|stor(?:y|ies)|subjects?)",
    ),
    (
        NEWSLETTER,
        r"(?:you['’]ve|you\s+have)\s+read\s+[\w,]+\s+(?:articles|stories).{0,60}|has\s+leído\s+\w+\s+artículos.{0,60}|"
        r"(?:support|apoya|apóyanos)\s+(?:us|our\s+journalism|el\s+periodismo|nuestro\s+periodismo).{0,40}",
    ),
    (
        RELATED,
        r"(?:previous|next|prev|older|newer|anterior|siguiente)(?:\s+(?:posts|entries|entradas))?\s*(?::\s*.{0,120})?",
    ),
    (RELATED, r"(?:previous|next|older|newer)\s+(?:post|article|story|entry)\s*:?\s*.{0,120}"),
    (
        RELATED,
        r"(?:entrada|artículo|noticia|nota|publicación)\s+(?:anterior|siguiente)\s*:?.{0,120}|"
        r"(?:post|entry)\s+navigation|navegación\s+de\s+(?:entradas|publicaciones)",
    ),
    (
        RELATED,
        r"[←‹«]\s.{0,100}|.{0,100}\s[→›»]|[←‹]\s*.{0,100}|.{0,100}[→›]",
        False,
        ("←", "‹", "«", "→", "›", "»"),
    ),
    (
        RELATED,
        r"(?:read\s+more|leer\s+más|continue\s+reading|seguir\s+leyendo|sigue\s+leyendo|ver\s+más|"
        r"keep\s+reading|read\s+the\s+rest|leer\s+el\s+resto)(?:\s.{0,120})?",
    ),
    # Comments and comment forms.
    (
        COMMENTS,
        r"(?:leave\s+a\s+(?:comment|reply)|deja\s+(?:un\s+comentario|una\s+respuesta|tu\s+comentario)|"
        r"post\s+a\s+comment|add\s+(?:a\s+)?(?:new\s+)?comment|añadir\s+(?:nuevo\s+)?comentario|"
        r"join\s+the\s+discussion|únete\s+a\s+la\s+conversación|welcome\s+to\s+the\s+discussion|"
        r"write\s+a\s+(?:comment|response)|escribe\s+un\s+comentario|what\s+are\s+your\s+thoughts|"
        r"no\s+comments?(?:\s+yet)?|sin\s+comentarios|(?:one|un|\d+)\s+(?:comments?|comentarios?|responses?|"
        r"respuestas?|replies)(?:\s+(?:on|en|to|a)\s+.{0,120})?|comments?|comentarios?|responses|"
        r"cancel(?:ar)?\s+(?:la\s+)?(?:reply|respuesta)|"
        r"view\s+(?:all|more)\s+comments|ver\s+(?:todos\s+los|más)\s+comentarios|cargar\s+más\s+comentarios|"
        r"load\s+more\s+comments|most\s+relevant|más\s+relevantes|ordenar\s+por.{0,40}|sort\s+by.{0,40}|"
        r"newest|oldest|inline\s+feedbacks?|(?:post|publicar\s+el|enviar|submit)\s+(?:comment|comentario)|"
        r"(?:comment|comentario|name|nombre|e-?mail|correo\s+electrónico|website|web|sitio\s+web|asunto|subject|"
        r"your\s+name|su\s+nombre|tu\s+nombre|contraseña|password|nombre\s+de\s+usuario|username)\s*\*?)\s*\.?",
    ),
    (COMMENTS, r".{0,40}\s(?:cancel\s+reply|cancelar\s+la\s+respuesta)", False, ("cancel",)),
    (
        COMMENTS,
        r"(?:your|tu|su)\s+(?:email\s+address|dirección\s+de\s+correo(?:\s+electrónico)?)\s+(?:will\s+not|no)\s+"
        r"(?:be\s+published|será\s+publicada).{0,120}",
        ANY,
    ),
    (
        COMMENTS,
        r"(?:save\s+my\s+name|guarda\s+mi\s+nombre|notify\s+me\s+of|notificarme\s+(?:de|los|las|por)|"
        r"avísame\s+(?:de|por|si)).{0,160}",
        ANY,
    ),
    (COMMENTS, r"(?:required\s+fields|los\s+campos\s+obligatorios).{0,100}", ANY),
    (COMMENTS, r"[\w.'’-]+(?:\s+[\w.'’-]+){0,3}\s(?:says|dice)\s*:", False, ("says", "dice")),
    (
        COMMENTS,
        r"(?:about\s+text\s+formats|plain\s+text|no\s+html\s+tags\s+allowed\.?|"
        r"lines\s+and\s+paragraphs\s+break\s+automatically\.?|"
        r"web\s+page\s+addresses\s+and\s+email\s+addresses\s+turn\s+into\s+links\s+automatically\.?|"
        r"preview|vista\s+previa|save|guardar|submit|enviar)",
        ANY,
    ),
    # Author boxes.
    (
        AUTHOR_BOX,
        r"(?:about\s+the\s+author|sobre\s+(?:el|la)\s+autor[a]?|acerca\s+(?:del|de\s+la)\s+autor[a]?|"
        r"written\s+by|escrito\s+por|more\s+(?:posts|articles)\s+by|más\s+(?:artículos|entradas)\s+de|"
        r"(?:see|ver)\s+(?:all|todos)\s+(?:his|her|their|sus)\s+(?:posts|articles|artículos)|"
        r"ver\s+todos\s+sus\s+artículos|author\s+email|author\s+profile|perfil\s+del\s+autor)(?:\s.{0,80})?",
    ),
    # Footers.
    (
        FOOTER,
        r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*.{0,200}|.{0,120}\s©\s*.{0,80}",
        ANY,
        ("©", "(c)", "copyright"),
    ),
    (
        FOOTER,
        r".{0,80}(?:all\s+rights\s+reserved|todos\s+los\s+derechos\s+reservados).{0,80}",
        ANY,
        ("reserved", "reservados"),
    ),
    (
        FOOTER,
        r"(?:proudly\s+)?(?:powered\s+by|funciona\s+(?:gracias\s+a|con)|desarrollado\s+(?:por|con)|"
        r"(?:designed|developed|built|hosted)\s+(?:by|with)|(?:diseñado|alojado|hecho)\s+(?:por|con)|"
        r"theme\s+(?:by|images\s+by)|tema\s+(?:de|por)|plantilla\s+(?:de|por))\s+"
        r"(?=[^!?]*(?-i:[A-Z])|[^!?]*\.\w{2,})[^!?]{0,80}",
        ANY,
    ),
    (FOOTER, r".{0,80}\b(?:blog|site|sitio)\s+(?:at|en)\s+wordpress\.com\.?", ANY, ("wordpress.com",)),
    (
        FOOTER,
        r"(?:privacy(?:\s+policy|\s+notice)?|cookie\s+policy|cookies|política\s+de\s+(?:privacidad|cookies)|"
        r"aviso\s+legal|legal\s+notice|terms(?:\s+of\s+(?:use|service))?|términos(?:\s+y\s+condiciones)?|"
        r"sitemap|site\s+index|mapa\s+del\s+sitio|accessibility|accesibilidad|contact(?:o|\s+us)?|contáctenos|"
        r"about|about\s+us|acerca\s+de|quiénes\s+somos|quienes\s+somos|help|ayuda|status|estado|careers|"
        r"empleo|trabaja\s+con\s+nosotros|press|prensa|blog|teams|equipos|text\s+to\s+speech|texto\s+a\s+voz|"
        r"configuración\s+de\s+privacidad|privacy\s+settings|política\s+de\s+tratamiento\s+de\s+datos)"
        r"(?:\s*[|·•]\s*.{0,80})?",
    ),
    (
        FOOTER,
        r".{0,120}(?:\btel(?:éfono|\.)?|\bphone|\bpbx|\bfax)\s*:?\s*[(+\d][\d ()./-]{5,}.{0,120}",
        False,
        ("tel", "phone", "pbx", "fax"),
    ),
    (
        FOOTER,
        r"(?:registered\s+(?:political\s+party|charity|trade\s+union|company|office|in\s+\w+)|"
        r"published\s+and\s+promoted|promoted\s+by|personería\s+jurídica|a\s+trade\s+union\s+listed|"
        r"registrad[oa]\s+en\s+el\s+(?:registro|ministerio)).{0,160}",
        ANY,
    ),
    (FOOTER, r"(?:registered|registrad[oa])\s.{0,160}"),
    # Cookie notices: the word, and what a notice says about it (this site, your consent).
    (
        COOKIES,
        r"(?=.{0,120}\bcookies?\b)"
        r"(?=.{0,200}\b(?:web|website|site|sitio|página|navega\w*|brows\w+|experienc\w+|consent\w*|accept\w*|"
        r"acept\w+|pol[ií]tica|policy|settings|configura\w+|preferen\w+|terceros|third[\s-]part\w+|"
        r"anal[yíi]\w+|esencial\w*|essential|usamos|utilizamos|we\s+use|uses|utiliza|usa)\b)"
        r".{0,120}\bcookies?\b.{0,240}",
        ANY,
        ("cookie",),
    ),
    (COOKIES, r".{0,120}\bcookies?\b.{0,240}", False, ("cookie",)),
    (
        COOKIES,
        r"(?:accept|aceptar|reject|rechazar|allow|permitir|decline|manage|gestionar|configurar)"
        r"(?:\s+(?:all|todas|additional|y\s+cerrar|and\s+close|preferences|preferencias))*(?:\s+cookies)?",
    ),
    # Newsletters and calls to join that are the site's, not the statement's.
    (
        NEWSLETTER,
        r"(?=.{0,80}\b(?:newsletter|inbox|bandeja\s+de\s+entrada|en\s+tu\s+correo|en\s+su\s+correo|"
        r"by\s+email|mailing\s+list|e-?mail\s+notifications?)\b)"
        r"(?=.{0,200}\b(?:subscri\w+|suscr[ií]\w+|sign\w*\s+up|ap[úu]nt\w+|reg[ií]str\w+|recib\w+|receive|"
        r"get|deliver\w*|enter|introduce|join|únete)\b)"
        r".{0,80}\b(?:newsletter|inbox|bandeja\s+de\s+entrada|en\s+tu\s+correo|en\s+su\s+correo|"
        r"by\s+email|mailing\s+list|e-?mail\s+notifications?)\b.{0,160}",
        ANY,
        _MAIL,
    ),
    (
        NEWSLETTER,
        r".{0,80}\b(?:newsletter|inbox|bandeja\s+de\s+entrada|en\s+tu\s+correo|en\s+su\s+correo|"
        r"by\s+email|mailing\s+list|e-?mail\s+notifications?)\b.{0,160}",
        False,
        _MAIL,
    ),
    (
        NEWSLETTER,
        r"(?:suscr\w+|apúntate|recib[eaí]|subscribe|sign\s+up)\b.{0,80}\b(?:boletín|newsletter).{0,120}",
        ANY,
    ),
    (
        NEWSLETTER,
        r"(?:sign\s+up|subscribe)\s+(?:for\s+more(?:\s+like\s+this)?|for\s+(?:email\s+)?updates|to\s+(?:our|the)\s+newsletter)\.?",
        ANY,
    ),
    (
        NEWSLETTER,
        r"(?:stay\s+in\s+the\s+loop|mantente\s+informad[oa]|suscríbase|join\s+now|únete\s+ahora|afíliate\s+ahora|"
        r"join\s+\w+(?:\s+\w+)?\s+today|sign\s+up!?|apúntate.{0,40}|donate|dona|donar)",
    ),
    # Captions and advertisements.
    (
        CAPTION,
        r"(?:photo|foto|imagen|image|picture|fotografía|credit|crédito)\s*:.{0,200}",
        ANY,
    ),
    # A picture from the archive: "Archivo - Autobuses en la estación…", "EUROPA PRESS - Archivo".
    (
        CAPTION,
        r"(?:archivo|archive|file\s+photo)\s*[-–—|:]\s*.{2,200}|.{2,60}\s[-–—|]\s*(?:archivo|archive|file\s+photo)",
    ),
    (
        CAPTION,
        r"(?-i:.{10,240}\s(?:\((?:Photo|Foto|Image|Imagen)\s*:?[^)]{2,60}\)\.?|(?:Photo|Foto|Imagen|Image)\s*:\s*[^.]{2,60}|"
        r"[A-Z][\w .]{1,20}/(?:Archivo|Archive|File)\.?))",
        ANY,
        ("photo", "foto", "image", "archivo", "archive", "file"),
    ),
    (
        AD,
        r"(?:advertisement|publicidad|anuncio|sponsored|patrocinado|contenido\s+patrocinado|ad|buy\s+now|comprar\s+ahora)",
    ),
    # E-mail headers, signatures and disclaimers.
    (EMAIL, r"(?:from|de|to|para|cc|bcc|cco|sent|enviado|date|fecha|subject|asunto)\s*:\s*.{0,200}"),
    (
        EMAIL,
        r"-{2,}\s*(?:forwarded\s+message|mensaje\s+reenviado|original\s+message|mensaje\s+original)\s*-{2,}|"
        r"begin\s+forwarded\s+message:|inicio\s+del\s+mensaje\s+reenviado:|_{5,}|-{2,}",
    ),
    (
        EMAIL,
        r"(?:caution|precaución|atención|aviso|advertencia|confidential(?:ity)?(?:\s+notice)?|aviso\s+de\s+confidencialidad|"
        r"disclaimer)\s*:.{0,800}",
        ANY,
    ),
    (EMAIL, r"(?:on\s+.{5,120}\s+wrote|el\s+.{5,120}\s+escribió)\s*:", ANY, ("wrote", "escribió")),
    (
        EMAIL,
        r"(?:pronouns|pronombres)\s*:.{0,40}|(?:sent\s+from\s+my|enviado\s+desde\s+mi).{0,60}|"
        r"(?:o|c|m|t|cel|tel|móvil|mobile)\s*[.:]\s*[(+\d][\d ()./-]{6,}.{0,80}|"
        r"(?:https?://|www\.)\S+",
    ),
    (EMAIL, r"\S+@\S+\.\w+", False, ("@",)),
    # End marks of press releases.
    (END, r"#{3}|-\s*30\s*-|ends|fin|\*\*\*|– ?30 ?–"),
    # PDF page furniture.
    (PAGE, r"(?:página|page|pág\.?|p\.)\s*\d+(?:\s*(?:de|of|/)\s*\d+)?|-?\s*\d{1,3}\s*-?"),
    # Form buttons.
    (FORM, r"(?:submit|enviar|send|ok|aceptar|cancel|cancelar|yes|no|sí|go|ir)"),
]

_MENU_WORDS = frozenset(
    """
    home inicio portada news noticias actualidad blog campaigns campañas events eventos agenda archive archivo
    shop tienda press prensa resources recursos statements comunicados documents documentos join afíliate
    afiliate afiliación afiliacion donate dona donar contact contacto contáctenos about nosotros menu menú
    login gallery galería galeria videos vídeos multimedia media opinion opinión opinión política politics
    economía economy sports deportes culture cultura society sociedad international internacional
    internacionales world mundo local nacional national sections secciones services servicios
    post posts conversation conversación thread hilo explore explorar
    """.split()
)
_HAS_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _stopwords_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")  # located, not imported: its import loads lxml
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@functools.cache
def stopwords(lang: str) -> frozenset[str]:
    """jusText's stoplist for the language; empty if jusText is not installed."""
    folder = _stopwords_dir()
    name = {"es": "Spanish", "en": "English"}.get(lang)
    if folder is None or name is None or not (folder / f"{name}.txt").exists():
        return frozenset()
    words = (folder / f"{name}.txt").read_text(encoding="utf-8").split()
    return frozenset(w.lower() for w in words)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# Line tests are cached: a page repeats its chrome ("Reply", "Share"), and `layout` asks again
# about the lines it weighs. Large enough for a 10 MB paste's distinct lines.
CACHE = 1 << 18


@functools.lru_cache(maxsize=CACHE)
def _profile(text: str) -> tuple[int, float]:
    """How many words the line has, and jusText's stopword density (the better of Spanish and English)."""
    tokens = _WORD.findall(text.lower())
    if not tokens:
        return 0, 0.0
    es, en = stopwords("es"), stopwords("en")
    return len(tokens), max(sum(map(es.__contains__, tokens)), sum(map(en.__contains__, tokens))) / len(
        tokens
    )


def stopword_density(text: str) -> float:
    """jusText's feature: the share of words that are stopwords (the better of Spanish and English)."""
    return _profile(text)[1]


@functools.lru_cache(maxsize=CACHE)
def is_prose(text: str) -> bool:
    """jusText's "good" paragraph, for one line of text: long, sentence-like, many stopwords.

    jusText calls a paragraph good at 200+ characters and 32% stopwords, and near-good at 70+
    and 30%; pasted lines carry no link density, so a sentence end stands in for it.
    """
    n = len(text)
    if n < 60:
        return False
    count, density = _profile(text)
    if count < 10:
        return False
    if n >= 200:
        return density >= 0.25
    if n >= 100 and density >= 0.3:
        return True  # a standfirst often has no full stop
    return density >= 0.28 and bool(_SENTENCE_END.search(text) or text.endswith((",", "—")))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


_YEARISH = re.compile(r"\d{4}|\d{1,2}/\d{1,2}/\d{2}")  # every date a byline shows has its year
_TIME_RE = re.compile(_TIME, re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"\b" + _WEEKDAYS + r"\b|\b" + _MONTHS_SHORT + r"|\b\d{1,4}\b|\b(?:a\s+las|at|de|del|el|on|y|-)\b",
    re.IGNORECASE,
)
_DATE_PUNCT = re.compile(r"[\s,.·•|/@–—-]+")
# "8 MAR 2023", "nov 14, 2023", "Mié, 28/06/2023 - 13:05": forms find_dates leaves alone.
_SHORT_DATE = re.compile(
    r"(?:" + _WEEKDAYS + r",?\s+)?(?:\d{1,2}\s+" + _MONTHS_SHORT + r",?\s+\d{4}|" + _MONTHS_SHORT
    + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})(?:\s*[-–@,]?\s*" + _TIME + r")?",
    re.IGNORECASE,
)  # fmt: skip


def is_date_only(text: str) -> bool:
    """A line that is a date and nothing more, perhaps with a weekday and a time: a byline's date."""
    if not _YEARISH.search(text):
        return False
    found = find_dates(text)
    if found:
        rest = text
        for d in reversed(found):
            rest = rest[: d.start] + " " + rest[d.end :]
        rest = _DATE_WORDS.sub(" ", _TIME_RE.sub(" ", rest))
        return not _DATE_PUNCT.sub("", rest)
    return bool(_SHORT_DATE.fullmatch(text.strip()))


_BY_NAME = re.compile(r"(?:^|[\s|·•/,])(?:by|por)\s+" + _NAME, re.IGNORECASE)
_COUNTED = re.compile(
    r"\b\d[\d.,]*\s*[kKmM]?\s*(?:views?|visitas?|vistas|lecturas?|reads|comments?|comentarios?|likes?|shares?|"
    r"veces)\b|\b(?:leído|visto|read)\s+\d[\d.,]*\s*(?:veces|times)",
    re.IGNORECASE,
)
_SOME_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\s+"
    + _MONTHS_SHORT
    + r"|"
    + _MONTHS_SHORT
    + r"\s+\d{1,2}\b",
    re.IGNORECASE,
)


_STARTS_DATE = re.compile(r"(?:\d|" + _WEEKDAYS + r"|" + _MONTHS_SHORT + r")", re.IGNORECASE)
_NAMED = re.compile(r"(?:by\s+|por\s+)?" + _NAME, re.IGNORECASE)
_PARTS = re.compile(r"\s+[·•|]\s+|\s+[·•|]$")


def _meta_line(text: str) -> bool:
    """A post's meta line: its date with its author or its counters ("Wed 14 Aug 2024 By Thandeka
    Mahlangu 1,284 views"), one line that is no sentence."""
    if _HAS_DIGIT.search(text) is None:
        return False
    parts = _PARTS.split(text) if ("·" in text or "•" in text or "|" in text) else [text]
    if len(parts) > 1 and any(is_date_only(p) for p in parts):
        # "Jun 11, 2024, 18:42 · Web", "12 June 2023 · Public": a date and a word or two.
        return all(is_date_only(p) or len(p.split()) <= 3 for p in parts)
    if not (_BY_NAME.search(text) or _COUNTED.search(text)):
        # "February 27, 2024 Eastside Tenants Union": a date, then the name of who posted it.
        if not _STARTS_DATE.match(text):
            return False
        dates = find_dates(text)
        return (
            bool(dates)
            and dates[0].start == 0
            and bool(_NAMED.fullmatch(text[dates[0].end :].strip(" ·•|,-–—")))
        )
    return not reads_as_sentence(text) and bool(_SOME_DATE.search(text) or find_dates(text))


def is_menu_line(text: str) -> bool:
    """ "Home | About | News": a line of three or more short items between separators."""
    parts = [p for p in re.split(r"\s*[|•·]\s*", text) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


@dataclass(frozen=True)
class _Group:
    """Patterns that decide a line's reason: the first in order that matches the whole line.

    Trying seventy patterns on every line of a 10 MB paste is the slow part of `add`, so they
    are tried in two ways that give the same answer. Patterns whose first character is known
    (most start with a word: "posted", "share") are joined, per first character, into one
    expression: a line starting with "S" meets only the patterns that can start with an "s".
    Patterns that may start anywhere (".{0,80}…©") are tried one by one, and only on a line
    holding one of their words.
    """

    rules: tuple[tuple[str, str, tuple[str, ...]], ...]  # (reason, pattern, words)

    @functools.cached_property
    def _firsts(self) -> tuple[frozenset[str] | None, ...]:
        return tuple(_first_characters(pattern) for _, pattern, _ in self.rules)

    @functools.cached_property
    def _anywhere(self) -> tuple[tuple[int, re.Pattern[str], tuple[str, ...]], ...]:
        return tuple(
            (n, re.compile(pattern, re.IGNORECASE), words)
            for n, ((_, pattern, words), first) in enumerate(zip(self.rules, self._firsts, strict=True))
            if first is None
        )

    @functools.lru_cache(maxsize=512)  # noqa: B019 - three groups, alive as long as the module
    def _starting(self, char: str) -> tuple[re.Pattern[str], dict[str, int]]:
        return self._joined(
            tuple(n for n, first in enumerate(self._firsts) if first is not None and char in first)
        )

    @functools.lru_cache(maxsize=256)  # noqa: B019 - characters that start the same patterns share one
    def _joined(self, chosen: tuple[int, ...]) -> tuple[re.Pattern[str], dict[str, int]]:
        joined = "|".join(f"(?P<p{n}>{self.rules[n][1]})" for n in chosen)
        return re.compile(joined or "(?!)", re.IGNORECASE), {f"p{n}": n for n in chosen}

    @functools.cached_property
    def _words(self) -> tuple[str, ...]:
        return tuple(sorted({w for _, _, words in self.rules for w in words}))

    @functools.cached_property
    def _any_word(self) -> re.Pattern[str]:
        """Whether a line holds any of the words at all: one search, and most lines are done."""
        return re.compile("|".join(map(re.escape, sorted(self._words, key=len, reverse=True))) or "(?!)")

    def match(self, text: str) -> str | None:
        pattern, index = self._starting(text[:1].lower())
        m = pattern.fullmatch(text)
        best = index[m.lastgroup] if m and m.lastgroup else len(self.rules)
        low = text.lower()
        if self._any_word.search(low):
            present = {w for w in self._words if w in low}
            candidates = [
                entry for entry in self._anywhere if not entry[2] or not present.isdisjoint(entry[2])
            ]
        else:
            candidates = self._unworded  # most lines hold none of the words
        for n, compiled, _ in candidates:
            if n >= best:
                break
            if compiled.fullmatch(text):
                return self.rules[n][0]
        return self.rules[best][0] if best < len(self.rules) else None

    @functools.cached_property
    def _unworded(self) -> list[tuple[int, re.Pattern[str], tuple[str, ...]]]:
        return [entry for entry in self._anywhere if not entry[2]]


def _first_characters(pattern: str) -> frozenset[str] | None:
    """The lower-case characters a match of the pattern can start with; None if any may.

    Read from the parsed pattern (the `re` module's own parser); anything this does not
    follow makes the answer None, which is always correct.
    """
    try:
        import importlib

        parser: Any = importlib.import_module("re._parser")
        constants: Any = importlib.import_module("re._constants")
        found = _firsts_of(parser.parse(pattern, re.IGNORECASE).data, constants)
    except Exception:  # another Python's internals: try the pattern on every line
        return None
    return None if found is None else frozenset(c.lower() for c in found)


def _firsts_of(items: Any, c: Any) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return out | {chr(av)}
        if op is c.IN:
            for kind, value in av:
                if kind is c.LITERAL:
                    out.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] <= 300:
                    out.update(chr(x) for x in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
                    out.update("0123456789")  # a digit in another script starts no chrome line here
                elif kind is c.CATEGORY and value in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                    out.update(" \t")  # lines reach the patterns stripped
                else:
                    return None
            return out
        if op is c.BRANCH:
            for alternative in av[1]:
                sub = _firsts_of(alternative.data, c)
                if sub is None:
                    return None
                out |= sub
            return out
        if op is c.SUBPATTERN:
            sub = _firsts_of(av[3].data, c)
            return None if sub is None else out | sub
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, body = av
            sub = _firsts_of(body.data, c)
            if sub is None:
                return None
            out |= sub
            if low > 0:
                return out
            continue  # may match nothing: the next item may start the match too
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # a lookahead or an anchor consumes nothing
        return None
    return None  # the whole pattern may match an empty string


def _group(keep: Callable[[tuple[str, ...]], bool]) -> _Group:
    rules = []
    for entry in _PATTERNS:
        if keep(entry):  # type: ignore[arg-type]
            words = entry[3] if len(entry) == 4 else ()
            rules.append((entry[0], entry[1], words))
    return _Group(tuple(rules))


_LONG = frozenset({COOKIES, NEWSLETTER, EMAIL, COMMENTS, CAPTION, FOOTER, TAGS, NAV})
_EVERY = _group(lambda entry: True)
_PARAGRAPH = _group(lambda entry: entry[0] in _LONG)
_SENTENCE = _group(lambda entry: len(entry) >= 3 and bool(entry[2]))


def _match(group: _Group, text: str) -> str | None:
    return group.match(text)


def reads_as_sentence(text: str) -> bool:
    """A line a reader takes for a sentence: six words or more, the stopwords of prose, and a
    sentence's end (or twenty words). Only evidence made for such lines removes one."""
    if len(text) < 20:
        return False
    spaced = text.count(" ")  # words are at most one more than spaces: most lines are done here
    if spaced < 5 or (spaced < 19 and not ends_sentence(text)):
        return False
    count, density = _profile(text)
    return count >= 6 and density >= 0.2 and (count >= 20 or ends_sentence(text))


@functools.lru_cache(maxsize=CACHE)
def reason(text: str) -> str | None:
    """Why this line is page chrome wherever it stands, or None."""
    text = text.strip()
    if not text or len(text) > 1000:
        return None
    if reads_as_sentence(text):
        return _match(_SENTENCE, text)
    if len(text) > 200:  # a paragraph: only notices, disclaimers, long tag lists and footers run this long
        return _match(_PARAGRAPH, text)
    low = text.lower().strip(" .:…")
    if low in _MENU_WORDS:
        return NAV
    why = _match(_EVERY, text)
    if why:
        return why
    if len(text) < 80 and _HAS_DIGIT.search(text) is not None and is_date_only(text):
        return DATE
    if len(text) < 160 and _meta_line(text):
        return BYLINE
    if is_menu_line(text):
        return NAV
    return None


def short_label(text: str) -> bool:
    """A short line without sentence punctuation: a menu item, a heading, a name, a list item."""
    return not is_prose(text) and not ends_sentence(text)
