"""A folder of filled forms for a whole SWV: matched to schools by BRIN or name, with a
report per file, on the command line and in the SWV's pages."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage

from opensop.cli import main
from opensop.imports.models import BulkImport, ImportedForm
from opensop.profiles.models import Profile
from tests.imports.pdf_maker import filled_form
from tests.imports.test_read_filled_forms import seed_form
from tests.web.conftest import Region, signed_in


def folder(tmp_path: Path) -> Path:
    files = {
        "a-verscheidenheid.pdf": seed_form(),  # BRIN 99XA00: the school 99XA
        "b-op-naam.pdf": filled_form({"School": "Basisschool De Verscheidenheid"}),  # name, no BRIN
        "c-kapot.pdf": b"dit is geen pdf",
        "d-afwijkend.pdf": filled_form({"Brinnummer": "99XA", "School": "Een andere naam"}),
        "e-andere-swv.pdf": filled_form({"School": "Maasoever"}),
        "notities.txt": b"wordt overgeslagen",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_the_command_reports_each_file(region: Region, tmp_path: Path, capsys: Any) -> None:
    out = io.StringIO()
    args = ["import", "forms", str(folder(tmp_path)), "--swv", "PO 31-06"]
    status = main([*args, "--school-year", "2025-2026"], out=out)
    assert status == 1, capsys.readouterr().err
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("a-verscheidenheid.pdf: ingelezen (De Verscheidenheid")
    assert lines[1].startswith("b-op-naam.pdf: nakijken (De Verscheidenheid")
    assert "klopt dat?" in lines[1]
    assert lines[2].startswith("c-kapot.pdf: niet ingelezen: Dit is geen PDF-bestand.")
    assert lines[3].startswith("d-afwijkend.pdf: nakijken (De Verscheidenheid")
    assert "wijken af" in lines[3]
    assert lines[4].startswith("e-andere-swv.pdf: niet ingelezen: Geen school van PO 31-06")
    assert lines[5] == "5 bestanden: 1 ingelezen, 2 nakijken, 2 niet ingelezen."
    profile = Profile.objects.get(school=region.school, school_year="2025-2026")
    assert profile.answers["school_naam"] == "Basisschool De Verscheidenheid"
    assert profile.revision == 1
    assert profile.revisions.get().author is None  # the command line
    source = ImportedForm.objects.get()
    assert (source.profile, source.original_name) == (profile, "a-verscheidenheid.pdf")


def test_all_imported_is_exit_code_zero(region: Region, tmp_path: Path) -> None:
    (tmp_path / "sop.pdf").write_bytes(seed_form())
    args = ["import", "forms", str(tmp_path), "--swv", "PO 31-06", "--school-year", "2025-2026"]
    assert main(args, out=io.StringIO()) == 0


def test_a_form_without_a_school_year_needs_one(region: Region, tmp_path: Path) -> None:
    (tmp_path / "sop.pdf").write_bytes(seed_form())
    out = io.StringIO()
    assert main(["import", "forms", str(tmp_path), "--swv", "PO 31-06"], out=out) == 1
    assert "noemt geen schooljaar" in out.getvalue()
    assert not Profile.objects.exists()


def test_the_command_refuses_what_it_cannot_use(
    region: Region, tmp_path: Path, capsys: Any
) -> None:
    assert main(["import", "forms", str(tmp_path), "--swv", "PO 99-99"]) == 2
    assert "Samenwerkingsverband 'PO 99-99' bestaat niet" in capsys.readouterr().err
    assert main(["import", "forms", str(tmp_path / "weg"), "--swv", "PO 31-06"]) == 2
    assert "is geen map" in capsys.readouterr().err
    assert main(["import", "forms", str(tmp_path), "--swv", "PO 31-06"]) == 2
    assert "geen PDF-bestanden" in capsys.readouterr().err
    args = ["import", "forms", str(tmp_path), "--swv", "PO 31-06", "--school-year", "volgend"]
    assert main(args) == 2


def upload(client: Any, region: Region, files: dict[str, bytes], **extra: Any) -> Any:
    uploads = []
    for name, data in files.items():
        file = io.BytesIO(data)
        file.name = name
        uploads.append(file)
    url = f"/swv/{region.school.swv_id}/formulieren/inlezen/"
    return client.post(url, {"uploads": uploads, **extra})


def test_swv_staff_upload_several_forms_and_see_a_result_per_file(
    region: Region, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(region, "swv_staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client,
            region,
            {"sop.pdf": seed_form(), "scan.pdf": b"%PDF-1.4 kapot"},
            school_year="2025-2026",
        )
    # The files are read by a background task; the page follows it.
    job = BulkImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/swv/{region.school.swv_id}/inlezen/{job.pk}/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Resultaat: 1 ingelezen, 0 nakijken, 1 niet ingelezen" in html
    assert "sop.pdf" in html
    assert "scan.pdf" in html
    assert "Vernieuwen" not in html  # finished: nothing to wait for
    profile = Profile.objects.get(school=region.school)
    assert profile.revisions.get().author == region.user("swv_staff")
    assert f'href="/profielen/{profile.pk}/"' in html
    # The uploads are gone from storage; the imported form is kept as its source.
    assert all(not default_storage.exists(u["path"]) for u in job.uploads)
    assert ImportedForm.objects.get().original_name == "sop.pdf"


def test_a_wrong_school_year_is_a_form_error(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    page = upload(client, region, {"sop.pdf": seed_form()}, school_year="volgend jaar")
    assert page.status_code == 400
    assert "Schrijf het schooljaar als 2025-2026." in page.content.decode()
    assert not Profile.objects.exists()
    assert not BulkImport.objects.exists()


def test_no_files_is_a_form_error(region: Region) -> None:
    client = signed_in(region, "swv_staff")
    page = upload(client, region, {})
    assert page.status_code == 400
    assert "Kies een of meer bestanden." in page.content.decode()
