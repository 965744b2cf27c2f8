"""Batches of documents for an SWV's staff: requested here, built by a background task.

`request_batch` is the one way to ask for a batch (access, then one transaction); the task
is enqueued once that transaction commits, so a worker never looks for a batch that is not
there yet. The task runs wherever the TASKS backend says: in the request itself in
development (ImmediateBackend), in `manage.py db_worker` in production, so a long run never
holds a web worker. It counts schools as it goes, and offers the ZIP only once it is whole.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from collections.abc import Iterable

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.documents import batches
from opensop.documents.models import BatchKinds, BatchState, DocumentBatch
from opensop.organisations.models import Board, School, Swv
from opensop.refused import Refused

logger = logging.getLogger(__name__)

TRY_AGAIN = "Probeer het opnieuw; lukt het weer niet, meld het dan aan de beheerders."


class BatchError(Refused):
    """A batch that may not or cannot be asked for; the message is Dutch and says why."""


def request_batch(
    user: AnyUser,
    swv: Swv,
    school_year: str,
    kinds: BatchKinds,
    *,
    board: Board | None = None,
    schools: Iterable[School] = (),
) -> DocumentBatch:
    """Ask for the documents of `swv`'s schools in `school_year`; built after the commit."""
    if not access.may_download_documents(user, swv):
        raise BatchError("Alleen medewerkers van dit samenwerkingsverband maken documentpakketten.")
    chosen = list(schools)
    if board is not None and not swv.schools.filter(board=board).exists():
        raise BatchError(f"{board.name} heeft geen scholen in samenwerkingsverband {swv.code}.")
    if any(school.swv_id != swv.pk for school in chosen):
        raise BatchError(f"Kies alleen scholen van samenwerkingsverband {swv.code}.")
    try:
        year = batches.school_year(school_year)
    except batches.SelectionError as exc:
        raise BatchError(str(exc)) from exc
    with transaction.atomic():
        batch = DocumentBatch.objects.create(
            swv=swv,
            school_year=year,
            kinds=kinds,
            board=board,
            requested_by=access.as_user(user),
        )
        batch.schools.set(chosen)
        batch.total = batches.Selection.of(batch).schools().count()
        batch.save(update_fields=["total"])
        transaction.on_commit(functools.partial(build_batch.enqueue, batch.pk))
    return batch


@task()
def build_batch(batch_id: int) -> None:
    """Build the batch's ZIP; a failure ends it 'mislukt' with a Dutch message and no file."""
    batch = _start(batch_id)
    if batch is None:
        return
    try:
        _build(batch)
    except Exception as exc:
        logger.exception("Document batch %s failed", batch_id)
        if isinstance(exc, batches.DocumentFailedError):
            message = f"Het pakket is niet gemaakt: {exc}. {TRY_AGAIN}"
        else:
            message = f"Het pakket is niet gemaakt door een fout op de server. {TRY_AGAIN}"
        _fail(batch, message)


def _start(batch_id: int) -> DocumentBatch | None:
    """The batch, now 'bezig'; None if it is gone or another worker already took it."""
    with transaction.atomic():
        batch = (
            DocumentBatch.objects.select_for_update()
            .filter(pk=batch_id, state=BatchState.WAITING)
            .first()
        )
        if batch is None:
            return None
        batch.state, batch.done = BatchState.RUNNING, 0
        batch.save(update_fields=["state", "done"])
    return DocumentBatch.objects.select_related("swv", "board").get(pk=batch_id)


def _build(batch: DocumentBatch) -> None:
    def progress(result: batches.SchoolResult, done: int, total: int) -> None:
        # Straight to the database (no transaction around the run): the page reads it.
        DocumentBatch.objects.filter(pk=batch.pk).update(done=done, total=total)

    # A temporary file, not memory: 150 schools' documents are tens of megabytes.
    with tempfile.TemporaryFile() as handle:
        with batches.zip_writer(handle) as write:
            outcome = batches.build(batches.Selection.of(batch), write, progress)
        handle.seek(0)
        with transaction.atomic():
            batch.file.save(batches.zip_name(batch), File(handle), save=False)
            batch.state = BatchState.READY
            batch.done = batch.total = len(outcome.results)
            batch.skipped = len(outcome.skipped)
            batch.finished_at = timezone.now()
            batch.save()


def _fail(batch: DocumentBatch, message: str) -> None:
    if batch.file:
        batch.file.delete(save=False)  # saved, but the batch did not get to 'klaar'
    batch.refresh_from_db(fields=["done", "total"])
    batch.state, batch.error, batch.finished_at = BatchState.FAILED, message, timezone.now()
    batch.save()
