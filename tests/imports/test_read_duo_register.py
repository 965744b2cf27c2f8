"""Reading DUO's school register: both generations of files, and every row kept or explained."""

from __future__ import annotations

import pytest

from opensop.imports.errors import UnreadableFileError
from opensop.imports.register import place_name, read_register, same_swv
from tests.imports.conftest import CKAN, LEGACY


def test_a_legacy_file_in_windows_1252_with_semicolons() -> None:
    register = read_register(LEGACY.read_bytes())
    assert not register.skipped
    assert [row.code for row in register.rows][:3] == ["99QA00", "99QA01", "99QB00"]
    kapel = register.rows[0]
    assert kapel.name == "Basisschool De Kapèl"
    assert kapel.street == "Kapelstraat 12"
    assert kapel.postcode == "6411 AB"
    assert kapel.city == "Heerlen"
    assert kapel.board_number == "41901"
    assert not register.has_swv_column
    geul = next(row for row in register.rows if row.brin == "99QC")
    assert geul.municipality == "Valkenburg aan de Geul"
    assert next(r for r in register.rows if r.brin == "99QD").street == "Servaasbolwerk 5-A"


def test_a_current_file_in_utf8_with_commas_and_its_swv_column() -> None:
    register = read_register(CKAN.read_bytes())
    assert register.has_swv_column
    codes = [row.code for row in register.rows]
    assert codes == ["99QA00", "99QA01", "99QB00", "99QD00", "99QG00"]
    assert register.rows[0].name == "Basisschool De Kapèl"
    assert register.rows[2].name == 'Openbare Basisschool "Het Anker"'
    assert register.rows[0].postcode == "6411 AB"
    assert register.rows[0].board_name == "Stichting Parkstad Primair"
    assert register.rows[2].swv_code == "PO3106"
    [skipped] = register.skipped
    assert skipped.line == 6
    assert "brinnummer '9QZ'" in skipped.reason


def test_the_same_file_in_either_encoding_and_separator_reads_the_same() -> None:
    text = LEGACY.read_bytes().decode("cp1252")
    variants = [
        text.encode("cp1252"),
        text.encode("utf-8"),
        text.replace("\r\n", "\n").encode("utf-8-sig"),
        text.replace(";", ",").encode("utf-8"),
        text.replace(";", "\t").encode("cp1252"),
    ]
    first = read_register(variants[0]).rows
    for data in variants[1:]:
        assert read_register(data).rows == first


def test_header_spelling_drift_is_tolerated() -> None:
    data = b" brin_nummer ;Vestigingsnaam ;VESTIGINGSNUMMER\n99AB;De Linde;1\n99AB;De Linde 2;02\n"
    rows = read_register(data).rows
    assert [row.code for row in rows] == ["99AB01", "99AB02"]


def test_a_main_location_file_without_location_numbers_reads_as_location_00() -> None:
    rows = read_register(b"BRIN NUMMER;INSTELLINGSNAAM\n99RA;Sint-Joriscollege\n").rows
    assert rows[0].code == "99RA00"


def test_rows_that_cannot_be_a_school_are_kept_with_their_reason() -> None:
    data = (
        b"BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM;BEVOEGD GEZAG NUMMER\n"
        b"99AB;99AB00;Goed;41901\n"
        b"ABCD;ABCD00;Letters;41901\n"
        b"99AC;99XX00;Verkeerde vestiging;41901\n"
        b"99AD;99AD00;;41901\n"
        b"99AE;99AE00;Raar bestuur;4X901\n"
        b"99AB;99AB00;Dubbel;41901\n"
        b";;;\n"
    )
    register = read_register(data)
    assert [row.code for row in register.rows] == ["99AB00"]
    reasons = {s.line: s.reason for s in register.skipped}
    assert reasons == {
        3: "brinnummer 'ABCD' is geen 2 cijfers en 2 letters",
        4: "vestigingsnummer '99XX00' is ongeldig",
        5: "de naam van de school ontbreekt",
        6: "bevoegd-gezagnummer '4X901' is geen getal",
        7: "99AB00 staat al op regel 2",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"  \r\n \n", "alleen witruimte"),
        (b"PROVINCIE;PLAATSNAAM\nLimburg;Heerlen\n", "mist de kolom 'BRIN NUMMER'"),
        (b"BRIN NUMMER;PLAATSNAAM\n99AB;Heerlen\n", "mist de kolom 'VESTIGINGSNAAM'"),
        (b"%PDF-1.7\n\x00\x01\x02", "geen CSV-bestand"),
        (b"BRIN NUMMER;VESTIGINGSNAAM\n99AB;\x81\x8d\x8f\n", "niet te lezen"),
    ],
)
def test_a_file_that_is_no_register_is_refused_in_dutch(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        read_register(data)


def test_a_file_over_the_limit_is_refused_before_reading() -> None:
    with pytest.raises(UnreadableFileError, match="Het bestand is 1 MB; hoogstens 1 MB"):
        read_register(b"BRIN NUMMER;VESTIGINGSNAAM\n" + b"x" * 1_000_000, max_bytes=1_000_000)


def test_place_names_in_capitals_read_as_names() -> None:
    assert place_name("VALKENBURG AAN DE GEUL") == "Valkenburg aan de Geul"
    assert place_name("SITTARD-GELEEN") == "Sittard-Geleen"
    assert place_name("'S-HERTOGENBOSCH") == "'s-Hertogenbosch"
    assert place_name("Den Haag") == "Den Haag"


def test_swv_codes_compare_by_letters_and_digits() -> None:
    assert same_swv("PO 31-06", "PO3106")
    assert same_swv("SWV PO 31-06", "po 31-06")
    assert not same_swv("PO 31-05", "PO 31-06")
