"""Bulk uploads of an SWV's files, read by a background task (as documents/tasks.py).

`request_bulk_import` is the one way to start one: it checks access, puts the uploads in
storage and the BulkImport in the database in one transaction, and enqueues the task once
that commits. The task runs where the TASKS backend says: in the request in development
(ImmediateBackend), in `manage.py db_worker` in production, so a folder of 150 files never
holds a web worker. It counts files as it goes; at the end it keeps a report per file and
removes the uploads (an imported file is kept as its revision's source, ImportedForm).
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.imports import bulk
from opensop.imports.models import BulkImport
from opensop.organisations.models import Swv

logger = logging.getLogger(__name__)

FOLDER = "imports/bulk"
TRY_AGAIN = "Probeer het opnieuw; lukt het weer niet, meld het dan aan de beheerders."


def request_bulk_import(
    user: AnyUser,
    swv: Swv,
    kind: bulk.BulkKind,
    files: list[tuple[str, bytes]],
    *,
    school_year: str = "",
) -> BulkImport:
    """Keep the uploads and start reading them after the commit; raises
    BulkImportRefusedError for who may not, UnreadableFileError for an unknown format."""
    bulk.check_may_import(swv, user)
    folder = f"{FOLDER}/{secrets.token_urlsafe(12)}"
    stored: list[str] = []
    try:
        with transaction.atomic():
            uploads = []
            for number, (name, data) in enumerate(files, start=1):
                path = default_storage.save(f"{folder}/{number}", ContentFile(data))
                stored.append(path)
                uploads.append({"name": name[:200], "path": path})
            job = BulkImport.objects.create(
                swv=swv,
                kind=kind.value,
                school_year=school_year,
                uploads=uploads,
                total=len(uploads),
                requested_by=access.as_user(user),
            )
            transaction.on_commit(functools.partial(run_bulk_import.enqueue, job.pk))
    except BaseException:
        for path in stored:
            default_storage.delete(path)
        raise
    return job


@task()
def run_bulk_import(job_id: int) -> None:
    """Read every upload of the job; an error outside one file ends it 'mislukt'."""
    job = _start(job_id)
    if job is None:
        return
    try:
        _run(job)
    except Exception:
        logger.exception("Bulk import %s failed", job_id)
        job.refresh_from_db(fields=["done"])
        job.state, job.finished_at = BulkImport.FAILED, timezone.now()
        job.error = (
            f"Het inlezen is na {job.done} van {job.total} bestanden gestopt door een fout op "
            f"de server. Wat tot dan was ingelezen, blijft ingelezen. {TRY_AGAIN}"
        )
        job.save()
    finally:
        _remove_uploads(job)


def _start(job_id: int) -> BulkImport | None:
    """The job, now 'bezig'; None if it is gone or another worker already took it."""
    waiting = BulkImport.objects.filter(pk=job_id, state=BulkImport.WAITING)
    if not waiting.update(state=BulkImport.RUNNING, done=0):  # one UPDATE: one worker wins
        return None
    return BulkImport.objects.select_related("swv", "requested_by").get(pk=job_id)


def _run(job: BulkImport) -> None:
    def progress(report: bulk.FileReport, done: int) -> None:
        # Straight to the database (no transaction around the run): the page reads it.
        BulkImport.objects.filter(pk=job.pk).update(done=done)

    if job.requested_by is None:  # removed since: nobody's rights to import with
        raise bulk.BulkImportRefusedError("De gebruiker die dit inlezen begon, bestaat niet meer.")
    reports = bulk.import_files(
        job.swv,
        job.requested_by,
        bulk.BulkKind(job.kind),
        _files(job),
        school_year=job.school_year or None,
        progress=progress,
    )
    job.reports = [report.as_dict() for report in reports]
    job.state, job.done, job.finished_at = BulkImport.READY, len(reports), timezone.now()
    job.save()


def _files(job: BulkImport) -> Iterator[tuple[str, bytes]]:
    """One upload at a time, so a folder of files is never all in memory."""
    for upload in job.uploads:
        try:
            with default_storage.open(upload["path"], "rb") as file:
                data = file.read()
        except OSError:
            data = b""  # reported as an empty file, like an unreadable one on the command line
        yield upload["name"], data


def _remove_uploads(job: BulkImport) -> None:
    for upload in job.uploads:
        default_storage.delete(upload["path"])


def reports_of(job: BulkImport) -> list[bulk.FileReport]:
    return [bulk.FileReport.of(stored) for stored in job.reports]
