"""Sentence splitting: abbreviations, numbers and quotations cause no false splits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.segment import sentences, split

CASES = [
    ("El Sr. García no vino. Los trabajadores exigen más.", ["El Sr. García no vino.", "Los trabajadores exigen más."]),
    ("La Sra. Pérez y el Dr. Ruiz hablaron. Luego votamos.", ["La Sra. Pérez y el Dr. Ruiz hablaron.", "Luego votamos."]),
    ("Las bases de EE.UU. cerraron. Nadie protestó.", ["Las bases de EE.UU. cerraron.", "Nadie protestó."]),
    ("Exigimos 1.000 euros y un 3,5 % más. Ya.", ["Exigimos 1.000 euros y un 3,5 % más.", "Ya."]),
    ("The rate rose 3.5 points. We object.", ["The rate rose 3.5 points.", "We object."]),
    ("Salud, educación, vivienda, etc. son derechos.", ["Salud, educación, vivienda, etc. son derechos."]),
    ("Mr. Reid and Dr. Okafor spoke at 11 a.m. today. Then we marched.", ["Mr. Reid and Dr. Okafor spoke at 11 a.m. today.", "Then we marched."]),
    ("The U.S. government did not reply. J. R. Okafor did.", ["The U.S. government did not reply.", "J. R. Okafor did."]),
    ("«No pasarán.» Lo dijo ella. ¿Hasta cuándo? ¡Basta ya!", ["«No pasarán.»", "Lo dijo ella.", "¿Hasta cuándo?", "¡Basta ya!"]),
    ("She said “enough.” Then she left.", ["She said “enough.”", "Then she left."]),
    ("He said \"stop.\" and left.", ["He said \"stop.\" and left."]),
    ("Véase el art. 14 del convenio. Es claro.", ["Véase el art. 14 del convenio.", "Es claro."]),
    ("Wait... what? No!", ["Wait... what?", "No!"]),
    ("Sin punto final", ["Sin punto final"]),
    ("Ud. sabe que no. Nosotros también.", ["Ud. sabe que no.", "Nosotros también."]),
    ("The No. 4 bus stops here. It is late.", ["The No. 4 bus stops here.", "It is late."]),
    ("It cost approx. 5,000 dollars. We paid.", ["It cost approx. 5,000 dollars.", "We paid."]),
    ("Se reunieron a las 10 a. m. en la plaza. Luego marcharon.", ["Se reunieron a las 10 a. m. en la plaza.", "Luego marcharon."]),
    ("El 1.º de mayo marchamos. Fue enorme.", ["El 1.º de mayo marchamos.", "Fue enorme."]),
    ("Lo firmó Transportes del Norte S.A. ayer. Nadie lo sabía.", ["Lo firmó Transportes del Norte S.A. ayer.", "Nadie lo sabía."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab A.B!?¿¡ \n1,«»\"'")), max_size=120))
def test_split_never_loses_characters(text: str) -> None:
    assert "".join(split(text)) == text
