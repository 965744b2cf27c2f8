"""An older profile document into a profile: a preview, then one revision with the file
kept as its source, all in one transaction (the same steps as a filled form)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.imports.document_mapping import DocumentMapping, map_document
from opensop.imports.document_text import read_document_text
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_services import PreviewOutdatedError, max_bytes
from opensop.imports.models import ImportedForm
from opensop.imports.sources import import_transaction
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of
from opensop.refused import Refused
from opensop.workflow import services as workflow


class DocumentImportRefusedError(Refused):
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
    with import_transaction() as keep:
        profile = (
            Profile.objects.select_for_update().select_related("school__swv").get(pk=profile.pk)
        )
        preview = preview_document(profile, user, data)
        if profile.revision != base_revision:
            raise PreviewOutdatedError
        answers = preview.mapping.answers_to_save(overwrite, accept)
        if not answers:
            raise UnreadableFileError(
                "Er valt niets over te nemen: u heeft bij elk thema het bestaande aanbod gehouden."
            )
        target = workflow.save_answers(profile, user, answers, base_revision)
        return keep(
            target, user, data, name=file_name, kind=ImportedForm.DOCUMENT, taken=len(answers)
        )
