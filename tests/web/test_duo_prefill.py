"""Figures from DUO's open data: read a CSV, match the school's row on BRIN and location,
propose a value per item the format names, and save only what the school confirms or
corrects, with the file and its count date beside each value."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensop.cycle.models import DuoValue
from opensop.formats.definition import FormatDefinition
from opensop.formats.loader import DefinitionError, parse_definition
from opensop.imports.duo.figures import read_duo_figures
from opensop.imports.errors import UnreadableFileError
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of
from tests.formats.conftest import FORMAT_HEADER
from tests.web.conftest import Region, signed_in

DUO = Path(__file__).resolve().parents[1] / "imports" / "data" / "duo"


def figures(name: str, definition: FormatDefinition, code: str) -> Any:
    return read_duo_figures((DUO / name).read_bytes(), definition, code[:4], code[4:])


def test_a_side_location_is_matched_on_brin_and_location(concept: Profile) -> None:
    reading = figures("schooladviezen_po.csv", format_of(concept), "99QA01")
    assert reading.lines == [3]
    assert reading.other_schools == 5
    assert reading.source_date == datetime.date(2015, 10, 1)
    values = {p.item_key: p.value for p in reading.proposals}
    assert values == {
        "peildatum": "2015-10-01",
        "uitstroom_vso": 0.0,
        "uitstroom_pro": 0.0,
        "uitstroom_vmbo_basis": 7.1,  # 1 of 14
        "uitstroom_vmbo_kader": 14.3,
        "uitstroom_vmbo_tl": 21.4,
        "uitstroom_havo_vwo": 42.9,  # 2 + 1 + 3 of 14
    }


def test_malformed_rows_and_masked_counts_are_named(concept: Profile) -> None:
    reading = figures("schooladviezen_met_fouten.csv", format_of(concept), "99XA00")
    assert sorted(reading.problems) == [
        "Regel 3: brinnummer '9X9A' is ongeldig.",
        "Regel 4: vestigingsnummer 'X' is ongeldig.",
        "VSO: DUO schermt kolom VSO af ('<5', te weinig leerlingen om te tonen); vul dit zelf in.",
    ]
    proposed = {p.item_key for p in reading.proposals}
    assert "uitstroom_vso" not in proposed
    assert "uitstroom_pro" in proposed
    assert reading.other_schools == 1  # De Linde: its 'zes' is not ours to read


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("schooladviezen_po.csv", "99ZZ00", "Er staat geen regel voor 99ZZ00 in dit bestand"),
        (
            "../vestigingen_bo_legacy.csv",  # the school register, not a file with figures
            "99QA00",
            "geen van de kolommen waaruit dit formaat cijfers overneemt",
        ),
    ],
)
def test_a_file_without_the_school_or_the_columns_is_refused(
    concept: Profile, name: str, code: str, message: str
) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        figures(name, format_of(concept), code)


def test_the_format_names_only_items_that_exist_and_take_figures() -> None:
    sections = (
        'sections:\n  - number: "1"\n    title: Proef\n    items:\n'
        "      - {key: naam, kind: text, label: Naam}\n"
    )
    text = (
        FORMAT_HEADER
        + sections
        + ("prefill:\n  - {item: onbekend, columns: [PRO]}\n  - {item: naam, columns: [PRO]}\n")
    )
    with pytest.raises(DefinitionError) as caught:
        parse_definition(text, "fout.yaml")
    messages = [p.render() for p in caught.value.problems]
    assert any("onbekend item 'onbekend'" in m for m in messages)
    assert any("item 'naam' is een text; uit DUO komen alleen getallen" in m for m in messages)


# ------------------------------------------------------------------ through the pages


def upload(region: Region, profile: Profile, name: str) -> Any:
    data = (DUO / name).read_bytes()
    return signed_in(region, "editor").post(
        f"/profielen/{profile.pk}/duo/", {"file": SimpleUploadedFile(name, data, "text/csv")}
    )


def token_of(page: str) -> str:
    start = page.index('name="token" value="') + len('name="token" value="')
    return page[start : page.index('"', start)]


def test_the_school_confirms_corrects_and_leaves_out(region: Region, concept: Profile) -> None:
    response = upload(region, concept, "schooladviezen_2025.csv")
    page = response.content.decode()
    assert response.status_code == 200
    assert "regel 2 hoort bij uw school" in page
    assert "peildatum 1 oktober 2025" in page
    assert "40,0%" in page  # HAVO/VWO: 4 + 2 + 6 of 30
    editor = signed_in(region, "editor")
    page = editor.post(
        f"/profielen/{concept.pk}/duo/bevestigen/",
        {
            "token": token_of(page),
            "take": ["peildatum", "uitstroom_havo_vwo", "uitstroom_pro"],
            "a-peildatum": "2025-10-01",
            "a-uitstroom_havo_vwo": "41",  # the school corrects DUO
            "a-uitstroom_pro": "6,7",
        },
        follow=True,
    ).content.decode()
    assert "3 waarde(n) uit schooladviezen_2025.csv overgenomen." in page
    concept.refresh_from_db()
    assert concept.answers["uitstroom_havo_vwo"] == 41
    assert concept.answers["uitstroom_pro"] == 6.7
    havo = DuoValue.objects.get(item_key="uitstroom_havo_vwo")
    assert (havo.proposed, havo.value, havo.corrected) == (40.0, 41, True)
    assert havo.source_file == "schooladviezen_2025.csv"
    assert havo.source_date == datetime.date(2025, 10, 1)
    assert not DuoValue.objects.get(item_key="uitstroom_pro").corrected
    assert not DuoValue.objects.filter(item_key="uitstroom_vso").exists()  # left out
    assert "Waarden uit DUO" in page
    assert "(verbeterd door de school; DUO: 40)" in page
    assert "schooladviezen_2025.csv, peildatum 1 oktober 2025" in page


def test_a_wrong_correction_saves_nothing(region: Region, concept: Profile) -> None:
    page = upload(region, concept, "schooladviezen_2025.csv").content.decode()
    before = dict(concept.answers)
    response = signed_in(region, "editor").post(
        f"/profielen/{concept.pk}/duo/bevestigen/",
        {
            "token": token_of(page),
            "take": ["uitstroom_pro", "uitstroom_havo_vwo"],
            "a-uitstroom_pro": "6,7",
            "a-uitstroom_havo_vwo": "veel",
        },
    )
    assert response.status_code == 400
    assert "‘veel’ is geen getal" in response.content.decode()
    concept.refresh_from_db()
    assert concept.answers == before
    assert not DuoValue.objects.exists()


def test_an_unreadable_or_unmatched_file_is_said_plainly(region: Region, concept: Profile) -> None:
    response = signed_in(region, "editor").post(
        f"/profielen/{concept.pk}/duo/",
        {"file": SimpleUploadedFile("leeg.csv", b"", "text/csv")},
    )
    assert response.status_code == 400
    assert "leeg.csv: Het bestand is leeg." in response.content.decode()
    response = upload(region, concept, "schooladviezen_po.csv")
    assert response.status_code == 400
    assert "Er staat geen regel voor 99XA00 in dit bestand" in response.content.decode()


def test_a_tampered_proposal_is_refused(region: Region, concept: Profile) -> None:
    page = (
        signed_in(region, "editor")
        .post(
            f"/profielen/{concept.pk}/duo/bevestigen/",
            {"token": "vervalst", "take": ["uitstroom_pro"], "a-uitstroom_pro": "99"},
            follow=True,
        )
        .content.decode()
    )
    assert "Dit voorstel is niet (meer) geldig" in page
    assert not DuoValue.objects.exists()
