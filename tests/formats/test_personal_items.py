"""A format marks the answers that hold personal data (`personal: true`); `opensop format
check` refuses a mark that cannot be kept out of public data, and a personal answer in a
part of a document that every reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from opensop.cli import main
from opensop.formats.loader import parse_definition
from opensop.formats.registry import FormatRegistry
from tests.formats.conftest import FORMAT_HEADER
from tests.formats.test_definition_mistakes import SECTION_START, problems_of


def _personal(format_id: str) -> frozenset[str]:
    definition = FormatRegistry.builtin().get(format_id, 1)
    assert definition is not None
    return definition.personal_keys


def test_the_built_in_formats_mark_the_people_they_name() -> None:
    # Zuid-Limburg: the director, the IB'ers and who signs; the phone number and e-mail
    # address are the school's general ones (its general data, beside its address).
    assert _personal("zuid-limburg-po") == {
        "namens_school",
        "namens_bestuur",
        "directeur",
        "intern_begeleiders",
    }
    # Zuid-Kennemerland: the contact for parents is a person with her own e-mail and phone.
    assert _personal("zuid-kennemerland-vo") == {
        "zorgcoordinator",
        "contact_email",
        "contact_telefoon",
    }


def test_an_item_is_not_personal_unless_marked() -> None:
    text = FORMAT_HEADER + SECTION_START + "      - {key: naam, kind: text, label: Naam}\n"
    parsed = parse_definition(text, "goed.yaml")
    assert parsed.item("naam").personal is False
    assert parsed.personal_keys == frozenset()


def test_a_fixed_text_or_a_field_in_a_row_cannot_be_marked() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: basis, kind: fixed_text, label: Basis, text: Tekst, personal: true}\n"
        + "      - key: rijen\n"
        + "        kind: repeating_rows\n"
        + "        label: Rijen\n"
        + "        fields:\n"
        + "          - {key: wie, kind: text, label: Wie, personal: true}\n"
    )
    problems = problems_of(text)
    assert problems == [
        "fout.yaml:10: sections[0].items[0].personal: item 'basis' is een vaste tekst van het "
        "samenwerkingsverband, geen antwoord van de school: laat 'personal' weg",
        "fout.yaml:15: sections[0].items[1].fields[0].personal: item 'rijen': een veld in een "
        "rij kan niet apart een persoonsgegeven zijn; zet 'personal: true' op het hele item",
    ]


def test_a_personal_answer_is_only_a_contact_in_the_documents() -> None:
    text = (
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: ib, kind: long_text, label: Intern begeleider, personal: true}\n"
        + "documents:\n"
        + "  summary:\n"
        + "    school_text: ib\n"
        + "    contact: [ib]\n"
        + "  chapter:\n"
        + "    limits: [ib]\n"
    )
    problems = problems_of(text)
    assert len(problems) == 2
    assert problems[0].startswith(
        "fout.yaml:13: documents.summary.school_text: 'ib' is een persoonsgegeven "
        "(personal: true); dat hoort niet in een tekst die elke lezer ziet"
    )
    assert problems[1].startswith("fout.yaml:16: documents.chapter.limits[0]: 'ib' is een")


def test_format_check_names_the_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text(
        FORMAT_HEADER
        + SECTION_START
        + "      - {key: basis, kind: fixed_text, label: Basis, text: Tekst, personal: true}\n",
        "utf-8",
    )
    assert main(["format", "check", str(path)]) == 1
    out = capsys.readouterr()
    assert "laat 'personal' weg" in out.out + out.err
