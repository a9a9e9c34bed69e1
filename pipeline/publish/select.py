"""`build --select`: which statements go into the books."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.errors import SelectionError, UsageError
from pipeline.model import Statement
from pipeline.originals import slug_of


def matching(statements: list[Statement], terms: list[str]) -> list[Statement]:
    """Apply --select terms: tag:X, org:X, from:DATE, to:DATE and slugs. Filters combine with AND."""
    tokens = [t.strip() for term in terms for t in term.split(",") if t.strip()]
    if not tokens:
        return statements
    by_slug = {s.slug: s for s in statements}
    slugs = [slug_of(t) for t in tokens if ":" not in t]
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        raise SelectionError(
            f"--select names unknown statement(s): {', '.join(unknown)}. `statements list` shows the slugs."
        )
    chosen = [by_slug[s] for s in slugs] if slugs else list(statements)
    for token in tokens:
        if ":" not in token:
            continue
        key, value = token.split(":", 1)
        key, value = key.lower(), value.strip()
        if key == "tag":
            chosen = [s for s in chosen if value.lower() in (t.lower() for t in s.tags)]
        elif key == "org":
            chosen = [s for s in chosen if s.org and value.lower() in s.org.lower()]
        elif key in ("from", "to"):
            try:
                dt.date.fromisoformat(value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "")
            except ValueError:
                raise UsageError(f"--select {token}: dates are YYYY-MM-DD, e.g. {key}:2024-01-31.") from None
            if key == "from":
                chosen = [s for s in chosen if s.date and s.date >= value]
            else:
                chosen = [s for s in chosen if s.date and s.date <= value]
        else:
            raise UsageError(f"--select {token}: use tag:X, org:X, from:YYYY-MM-DD, to:YYYY-MM-DD or a slug.")
    if not chosen:
        raise SelectionError(
            f"--select {' '.join(terms)} matches no statement. `statements list` shows them."
        )
    return chosen
