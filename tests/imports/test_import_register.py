"""SWV staff read DUO's school register into their SWV: a preview first, then all or nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage

from opensop.cli import main
from opensop.imports import register_services as services
from opensop.organisations.models import Board, School, Swv
from tests.imports.conftest import CKAN, LEGACY
from tests.web.conftest import PERSONAS, Region, signed_in

MANAGERS = {"swv_staff", "admin"}


def swv_of(region: Region) -> Swv:
    return region.school.swv


def upload_url(region: Region) -> str:
    return f"/swv/{swv_of(region).pk}/scholen/inlezen/"


def upload(client: Any, region: Region, path: Path | None = None, data: bytes | None = None) -> Any:
    content = data if data is not None else (path or CKAN).read_bytes()
    file = io.BytesIO(content)
    file.name = (path or CKAN).name
    return client.post(upload_url(region), {"file": file})


def confirm(client: Any, region: Region, page: Any) -> Any:
    token = page.context["token"]
    return client.post(f"{upload_url(region)}bevestigen/", {"token": token})


# ------------------------------------------------------------------ the service


def test_a_register_creates_the_schools_and_boards_of_the_swv(region: Region) -> None:
    plan = services.import_register(region.user("swv_staff"), swv_of(region), CKAN.read_bytes())
    assert (plan.created, plan.updated, len(plan.skipped)) == (4, 0, 2)
    kapel = School.objects.get(brin="99QA", location="00")
    assert kapel.swv == swv_of(region)
    assert (kapel.name, kapel.street, kapel.postcode, kapel.city, kapel.municipality) == (
        "Basisschool De Kapèl",
        "Kapelstraat 12",
        "6411 AB",
        "Heerlen",
        "Heerlen",
    )
    assert kapel.board.number == "41901"
    assert kapel.board.name == "Stichting Parkstad Primair"
    assert School.objects.get(brin="99QA", location="01").board == kapel.board
    assert Board.objects.filter(number="41901").count() == 1
    reasons = {row.line: row.reason for row in plan.skipped}
    assert reasons[5] == "hoort bij een ander samenwerkingsverband (PO 31-05)"
    assert "brinnummer '9QZ'" in reasons[6]
    assert not School.objects.filter(brin="99QD").exists()


def test_reading_it_again_updates_and_changes_nothing_twice(region: Region) -> None:
    staff = region.user("swv_staff")
    services.import_register(staff, swv_of(region), CKAN.read_bytes())
    School.objects.filter(brin="99QB").update(name="Oude naam", street="")
    plan = services.import_register(staff, swv_of(region), CKAN.read_bytes())
    assert (plan.created, plan.updated, plan.unchanged) == (0, 1, 3)
    [updated] = [row for row in plan.rows if row.outcome == services.Outcome.UPDATED]
    assert updated.reason == "wijzigt: naam, straat en huisnummer"
    assert School.objects.get(brin="99QB").name == 'Openbare Basisschool "Het Anker"'


def test_a_legacy_file_without_board_names_names_boards_by_number(region: Region) -> None:
    plan = services.import_register(region.user("admin"), swv_of(region), LEGACY.read_bytes())
    assert plan.created == 8
    assert not plan.has_swv_column
    assert Board.objects.get(number="41902").name == "Bevoegd gezag 41902"
    # A later file with the board's name names it.
    services.import_register(region.user("admin"), swv_of(region), CKAN.read_bytes())
    assert Board.objects.get(number="41901").name == "Stichting Parkstad Primair"


def test_a_school_of_another_swv_is_left_where_it_is(region: Region) -> None:
    data = b"BRIN NUMMER;VESTIGINGSNAAM;BEVOEGD GEZAG NUMMER\n99XB;Maasoever nieuw;41901\n"
    plan = services.import_register(region.user("admin"), swv_of(region), data)
    assert plan.skipped[0].reason == "99XB00 staat al als school van PO 31-05 Maastricht-Heuvelland"
    region.other_school.refresh_from_db()
    assert region.other_school.name == "Maasoever"


def test_a_new_school_needs_a_board_number(region: Region) -> None:
    plan = services.import_register(
        region.user("admin"), swv_of(region), b"BRIN NUMMER;VESTIGINGSNAAM\n99AB;Zonder bestuur\n"
    )
    assert "bevoegd-gezagnummer ontbreekt" in plan.skipped[0].reason
    assert not School.objects.filter(brin="99AB").exists()


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MANAGERS))
def test_the_service_refuses_who_may_not_manage_the_schools(region: Region, persona: str) -> None:
    with pytest.raises(services.RegisterImportRefusedError):
        services.import_register(region.user(persona), swv_of(region), CKAN.read_bytes())
    assert not School.objects.filter(brin="99QA").exists()


def test_an_error_halfway_stores_nothing(region: Region, monkeypatch: pytest.MonkeyPatch) -> None:
    written = []
    original = services._write

    def fail_on_third(*args: Any) -> None:
        written.append(1)
        if len(written) == 3:
            raise RuntimeError("disk full")
        original(*args)

    monkeypatch.setattr(services, "_write", fail_on_third)
    with pytest.raises(RuntimeError):
        services.import_register(region.user("admin"), swv_of(region), CKAN.read_bytes())
    assert not School.objects.filter(brin__startswith="99Q").exists()
    assert not Board.objects.filter(number="41901").exists()


# ------------------------------------------------------------------ the pages


def test_the_preview_shows_what_will_happen_and_saves_nothing(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    page = upload(client, region)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Er is nog niets opgeslagen" in html
    assert "Nieuwe scholen: 4" in html
    assert "Regels die worden overgeslagen: 2" in html
    assert "hoort bij een ander samenwerkingsverband (PO 31-05)" in html
    assert "<td>6</td>" in html  # the row number of the bad BRIN
    assert not School.objects.filter(brin__startswith="99Q").exists()
    response = confirm(client, region, page)
    assert response.status_code == 302
    assert response["Location"] == f"/swv/{swv_of(region).pk}/scholen/"
    assert School.objects.filter(brin__startswith="99Q").count() == 4
    schools = client.get(response["Location"]).content.decode()
    assert "Het scholenregister is ingelezen: 4 nieuw, 0 bijgewerkt" in schools
    assert "Basisschool De Kapèl" in schools
    assert default_storage.listdir("imports/wachtend")[1] == []  # the waiting file is gone


def test_a_legacy_file_warns_that_it_names_no_swv(region: Region) -> None:
    page = upload(signed_in(region, "swv_staff"), region, LEGACY)
    assert "geen kolom met de code van het samenwerkingsverband" in page.content.decode()


def test_confirming_twice_or_without_a_preview_saves_nothing_more(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    page = upload(client, region)
    confirm(client, region, page)
    again = confirm(client, region, page)
    assert again.status_code == 302
    assert again["Location"] == upload_url(region)
    assert "Er wacht geen bestand op bevestiging" in client.get(again["Location"]).content.decode()


def test_another_persons_preview_cannot_be_confirmed(region: Region) -> None:
    page = upload(signed_in(region, "swv_staff"), region)
    confirm(signed_in(region, "admin"), region, page)
    assert not School.objects.filter(brin__startswith="99Q").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"PROVINCIE;PLAATSNAAM\nLimburg;Heerlen\n", "mist de kolom"),
        (b"%PDF-1.7\n\x00\x00", "geen CSV-bestand"),
    ],
)
def test_a_bad_file_gets_a_dutch_message_beside_the_field(
    region: Region, data: bytes, message: str
) -> None:
    page = upload(signed_in(region, "swv_staff"), region, data=data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "Niet ingelezen: er is niets opgeslagen" in html
    assert message in html
    assert 'href="#id_file"' in html
    assert not default_storage.exists("imports/wachtend")


def test_a_file_over_the_limit_is_refused(region: Region, settings: Any) -> None:
    settings.OPENSOP_IMPORT_MAX_BYTES = 1000
    page = upload(signed_in(region, "swv_staff"), region, LEGACY)
    assert page.status_code == 400
    assert "Het bestand is 3 kB; hoogstens 1 kB kan worden ingelezen." in page.content.decode()


def test_the_schools_page_links_to_the_import(region: Region) -> None:
    html = signed_in(region, "swv_staff").get(f"/swv/{swv_of(region).pk}/scholen/").content
    assert upload_url(region).encode() in html


# ------------------------------------------------------------------ the command line


def test_the_command_line_reads_a_register(region: Region, capsys: Any) -> None:
    out = io.StringIO()
    status = main(["import", "register", str(CKAN), "--swv", "PO 31-06"], out=out)
    assert status == 0, capsys.readouterr().err
    report = out.getvalue()
    assert "regel 5: overgeslagen 99QD00" in report
    assert "Ingelezen: 4 nieuw, 0 bijgewerkt, 0 ongewijzigd, 2 overgeslagen." in report
    assert School.objects.filter(brin__startswith="99Q").count() == 4


def test_the_command_line_dry_run_saves_nothing(region: Region) -> None:
    out = io.StringIO()
    assert main(["import", "register", str(LEGACY), "--swv", "PO 31-06", "--dry-run"], out=out) == 0
    assert "Zou worden (niets opgeslagen): 8 nieuw" in out.getvalue()
    assert not School.objects.filter(brin__startswith="99Q").exists()


def test_the_command_line_refuses_bad_input(region: Region, tmp_path: Path, capsys: Any) -> None:
    assert main(["import", "register", str(CKAN), "--swv", "PO 99-99"]) == 2
    assert "Samenwerkingsverband 'PO 99-99' bestaat niet" in capsys.readouterr().err
    assert main(["import", "register", str(tmp_path / "weg.csv"), "--swv", "PO 31-06"]) == 2
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    assert main(["import", "register", str(empty), "--swv", "PO 31-06"]) == 1
    assert "niet ingelezen. Het bestand is leeg." in capsys.readouterr().err
