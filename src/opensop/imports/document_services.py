"""An older profile document into a profile: a preview, then one revision with the file
kept as its source, all in one transaction (the same steps as a filled form)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.imports.document_mapping import DocumentMapping, map_document
from opensop.imports.document_text import read_document_text
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_services import PreviewOutdatedError, max_bytes
from opensop.imports.models import ImportedForm
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of
from opensop.workflow import services as workflow


class DocumentImportRefusedError(Exception):
    """The user may not import into this profile; the message is Dutch."""


@dataclass(frozen=True)
class DocumentPreview:
    profile: Profile
    mapping: DocumentMapping
    base_revision: int


def preview_document(profile: Profile, user: AnyUser, data: bytes) -> DocumentPreview:
    """What importing the document `data` into `profile` would do; writes nothing."""
    if not access.may_import_document(user, profile):
        raise DocumentImportRefusedError(
            "Alleen een schoolredacteur leest een document in, in een concept."
        )
    text = read_document_text(data, max_bytes())
    mapping = map_document(format_of(profile), text, profile.answers)
    if not mapping.offers:
        raise UnreadableFileError(
            "In dit document staan de thema’s, maar geen lijst ‘Daarnaast bieden wij’ met "
            "aanbod. Er valt niets over te nemen."
        )
    return DocumentPreview(profile, mapping, profile.revision)


def import_document(
    profile: Profile,
    user: AnyUser,
    data: bytes,
    file_name: str,
    *,
    base_revision: int,
    overwrite: Iterable[str] = (),
    accept: Iterable[str] = (),
) -> ImportedForm:
    """Save the document's offers as one revision and keep the file; all or nothing."""
    stored: str | None = None
    try:
        with transaction.atomic():
            profile = (
                Profile.objects.select_for_update().select_related("school__swv").get(pk=profile.pk)
            )
            preview = preview_document(profile, user, data)
            if profile.revision != base_revision:
                raise PreviewOutdatedError
            answers = preview.mapping.answers_to_save(overwrite, accept)
            if not answers:
                raise UnreadableFileError(
                    "Er valt niets over te nemen: u heeft bij elk thema het bestaande aanbod "
                    "gehouden."
                )
            target = workflow.save_answers(profile, user, answers, base_revision)
            source = ImportedForm(
                profile=target,
                revision=target.revision,
                kind=ImportedForm.DOCUMENT,
                original_name=file_name[:200],
                sha256=hashlib.sha256(data).hexdigest(),
                answers_taken=len(answers),
                imported_by=access.as_user(user),
            )
            source.file.save(safe_name(file_name, data), ContentFile(data), save=False)
            stored = source.file.name
            source.save()
            return source
    except BaseException:
        if stored:
            default_storage.delete(stored)  # the revision is gone, so is its source
        raise


def safe_name(file_name: str, data: bytes) -> str:
    path = PurePath(file_name)
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in path.stem)
    suffix = ".pdf" if b"%PDF-" in data[:1024] else ".docx" if data[:2] == b"PK" else ".txt"
    return f"{stem[:80] or 'document'}{suffix}"
