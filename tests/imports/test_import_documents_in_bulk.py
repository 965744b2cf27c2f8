"""A folder of older profile documents for a whole SWV (Word, PDF, text): matched to schools
by BRIN or name, on the command line and in the SWV's pages, read in the background."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage

from opensop.cli import main
from opensop.imports.models import BulkImport, ImportedForm
from opensop.profiles.models import Profile
from tests.imports.document_maker import seed_docx, seed_pdf, seed_text
from tests.web.conftest import Region, signed_in


def _folder(tmp_path: Path) -> Path:
    files = {
        "99ZK-profiel.docx": seed_docx(),  # BRIN in the name
        "kapot.docx": seed_docx()[:3000],
        "onbekend.txt": seed_text().encode(),  # no school in its name or at its top
        "scan.jpg": b"not read: another kind of file",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_the_command_reports_each_document(
    region: Region, secondary_concept: Profile, tmp_path: Path
) -> None:
    out = io.StringIO()
    args = ["import", "documents", str(_folder(tmp_path)), "--swv", "VO 27-05"]
    assert main([*args, "--school-year", "2025-2026"], out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == "99ZK-profiel.docx: ingelezen (Het Lyceum (99ZK00)), 9 thema’s"
    assert lines[1].startswith("kapot.docx: niet ingelezen: Dit Word-bestand is beschadigd")
    assert lines[2].startswith("onbekend.txt: niet ingelezen: Geen school van VO 27-05 gevonden")
    assert lines[3] == "3 bestanden: 1 ingelezen, 0 nakijken, 2 niet ingelezen."
    # The Word document states its school year (2014-2015) at its top: a profile for it.
    profile = Profile.objects.get(school=secondary_concept.school, school_year="2014-2015")
    assert profile.answers["aanbod_toegankelijkheid"]["offers"] == {
        "rolstoeltoegankelijkheid": "deels",
        "lift": "deels",
    }
    assert profile.revisions.get().author is None  # the command line
    source = ImportedForm.objects.get()
    assert (source.kind, source.original_name) == ("document", "99ZK-profiel.docx")


def test_a_document_names_its_school_and_year_or_is_left_for_review(
    region: Region, secondary_concept: Profile, tmp_path: Path
) -> None:
    # The school's name in the file name, the school year at the top of the text.
    (tmp_path / "sop-het-lyceum.txt").write_bytes(("Schooljaar 2025-2026\n" + seed_text()).encode())
    (tmp_path / "lyceum.pdf").write_bytes(seed_pdf())  # a name like the school's; no year
    out = io.StringIO()
    assert main(["import", "documents", str(tmp_path), "--swv", "VO 27-05"], out=out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("lyceum.pdf: niet ingelezen: Het document noemt geen schooljaar")
    assert lines[1].startswith("sop-het-lyceum.txt: ingelezen (Het Lyceum")
    (tmp_path / "sop-het-lyceum.txt").unlink()
    out = io.StringIO()
    args = ["import", "documents", str(tmp_path), "--swv", "VO 27-05", "--school-year", "2025-2026"]
    assert main(args, out=out) == 1
    assert out.getvalue().startswith("lyceum.pdf: nakijken (Het Lyceum")
    assert "klopt dat?" in out.getvalue()
    assert ImportedForm.objects.count() == 1


def test_the_command_refuses_a_folder_without_documents(
    region: Region, secondary_concept: Profile, tmp_path: Path, capsys: Any
) -> None:
    (tmp_path / "foto.jpg").write_bytes(b"x")
    assert main(["import", "documents", str(tmp_path), "--swv", "VO 27-05"]) == 2
    assert "er staan geen bestanden (PDF, DOCX, TXT) in" in capsys.readouterr().err


def _upload(client: Any, swv_id: int, files: dict[str, bytes], **extra: Any) -> Any:
    uploads = []
    for name, data in files.items():
        file = io.BytesIO(data)
        file.name = name
        uploads.append(file)
    return client.post(f"/swv/{swv_id}/profieldocumenten/inlezen/", {"uploads": uploads, **extra})


def _staff_of(region: Region, profile: Profile) -> Any:
    from opensop.accounts.models import Membership, Role  # noqa: PLC0415

    user = region.user("swv_staff")
    Membership.objects.create(user=user, role=Role.SWV_STAFF, swv=profile.school.swv)  # type: ignore[misc]
    return signed_in(region, "swv_staff")


def test_swv_staff_upload_documents_and_follow_the_progress(
    region: Region, secondary_concept: Profile, django_capture_on_commit_callbacks: Any
) -> None:
    client = _staff_of(region, secondary_concept)
    swv_id = secondary_concept.school.swv_id
    assert (
        "Oudere profieldocumenten inlezen"
        in client.get(f"/swv/{swv_id}/profieldocumenten/inlezen/").content.decode()
    )
    files = {"99ZK 2025-2026.docx": seed_docx(), "leeg.txt": b"   "}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(client, swv_id, files)
    assert response.status_code == 302
    job = BulkImport.objects.get()
    # Before the task has run: the page says it waits, offers a refresh link, and polls.
    waiting = client.get(response["Location"]).content.decode()
    assert "De 2 bestanden staan klaar om gelezen te worden" in waiting
    assert "Vernieuwen" in waiting
    assert 'hx-trigger="every 2s"' in waiting
    # While it runs (as a worker would have it halfway): "1 van 2".
    BulkImport.objects.filter(pk=job.pk).update(state=BulkImport.RUNNING, done=1)
    part = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "1 van 2 bestanden gelezen" in part.content.decode()
    assert "<html" not in part.content.decode()  # htmx gets only the status part
    BulkImport.objects.filter(pk=job.pk).update(state=BulkImport.WAITING, done=0)
    for callback in callbacks:
        callback()
    done = client.get(response["Location"]).content.decode()
    assert "Resultaat: 1 ingelezen, 0 nakijken, 1 niet ingelezen" in done
    assert "Het bestand is leeg" in done or "geen enkel thema" in done
    assert "hx-trigger" not in done
    # The year in the file name goes before the one at the document's top.
    secondary_concept.refresh_from_db()
    assert secondary_concept.revision == 1
    job.refresh_from_db()
    assert job.state == BulkImport.READY
    assert all(not default_storage.exists(u["path"]) for u in job.uploads)


def test_staff_of_another_swv_cannot_see_a_job(
    region: Region, secondary_concept: Profile, django_capture_on_commit_callbacks: Any
) -> None:
    client = _staff_of(region, secondary_concept)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, secondary_concept.school.swv_id, {"a.txt": seed_text().encode()})
    job = BulkImport.objects.get()
    other = f"/swv/{region.school.swv_id}/inlezen/{job.pk}/"  # the job, under another SWV
    assert client.get(other).status_code == 404
    assert client.get(response["Location"]).status_code == 200
