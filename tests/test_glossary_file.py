"""glossary.csv: read, written sorted, bad rows named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import glossary
from pipeline.errors import GlossaryError
from pipeline.workspace import Workspace


def test_round_trip_and_names_that_stay(tmp_path: Path) -> None:
    ws = Workspace.at(tmp_path)
    assert glossary.load(ws) == []
    terms = [
        glossary.Term("Central Unitaria de Trabajadores", "Unitary Workers' Central"),
        glossary.Term("Pan y Rosas", "Pan y Rosas", "name"),
    ]
    glossary.save(ws, terms)
    text = glossary.path_of(ws).read_text()
    assert text.splitlines()[0] == "es,en,note"
    assert text.splitlines()[1:] == [
        "Central Unitaria de Trabajadores,Unitary Workers' Central,",
        "Pan y Rosas,Pan y Rosas,name",
    ]
    assert glossary.load(ws) == terms
    assert [t.keep for t in glossary.load(ws)] == [False, True]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("spanish,english\nA,B\n", "line 1: the header must be"),
        ("es,en,note\nHuelga,,\n", "line 2: a term needs both"),
        ("es,en,note\nHuelga,Strike,\nhuelga,Walkout,\n", "line 3: 'huelga' is already a term on line 2"),
    ],
)
def test_bad_rows_are_named(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        glossary.parse(text)
