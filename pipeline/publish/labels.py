"""The words a book prints around the statements, in each language."""

from __future__ import annotations

LABELS = {
    "es": {
        "collection": "Comunicados",
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
        "built": "Construido con statements, pandoc y Typst, sin conexión.",
    },
    "en": {
        "collection": "Statements",
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
        "built": "Built with statements, pandoc and Typst, offline.",
    },
}
