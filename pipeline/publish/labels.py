"""The words a book prints around the statements, in each language.

`{n}`, `{date}`, `{first}` and `{last}` are filled in by the assembler; dates arrive already
written out in the label's language (`pipeline.text.dates.written`).
"""

from __future__ import annotations

LABELS = {
    "es": {
        "collection": "Comunicados",
        "count_one": "1 comunicado",
        "count_many": "{n} comunicados",
        "bilingual_edition": "Edición bilingüe",
        "column": "Español",
        "region": "es-ES",  # the language tag Word's proofing tools and Open Graph's locale take
        "contents": "Índice",
        "colophon": "Colofón",
        "original": "Original",
        "translation": "Traducción",
        "lang_es": "español",
        "lang_en": "inglés",
        "source": "Fuente",
        "machine": "Traducción automática",
        "reviewed": "párrafos revisados",
        "of": "de",
        "draft": "BORRADOR",
        "statements": "comunicados",
        "and_more": "y {n} más",
        "range": "{first} – {last}",
        "built": "Compuesto el {date} con statements, pandoc y Typst, sin conexión.",
        "built_pandoc": "Compuesto el {date} con statements y pandoc, sin conexión.",
        "draft_mark": "traducción automática sin revisar",
        "draft_notice": "Borrador: los párrafos marcados [MT] son traducción automática que nadie ha revisado todavía.",
        "read_in": "Leer en español",
        "languages": "Idiomas",
        "skip": "Ir al texto",
    },
    "en": {
        "collection": "Statements",
        "count_one": "1 statement",
        "count_many": "{n} statements",
        "bilingual_edition": "Bilingual edition",
        "column": "English",
        "region": "en-GB",
        "contents": "Contents",
        "colophon": "Colophon",
        "original": "Original",
        "translation": "Translation",
        "lang_es": "Spanish",
        "lang_en": "English",
        "source": "Source",
        "machine": "Machine translation",
        "reviewed": "paragraphs reviewed",
        "of": "of",
        "draft": "DRAFT",
        "statements": "statements",
        "and_more": "and {n} more",
        "range": "{first} – {last}",
        "built": "Typeset on {date} with statements, pandoc and Typst, offline.",
        "built_pandoc": "Made on {date} with statements and pandoc, offline.",
        "draft_mark": "machine translation, not reviewed",
        "draft_notice": "Draft: paragraphs marked [MT] are machine translation that nobody has reviewed yet.",
        "read_in": "Read in English",
        "languages": "Languages",
        "skip": "Skip to the text",
    },
}
