"""Pure functions on text: Markdown blocks, inline markup, sentences, language, dates."""
