"""The file an import came from, kept as the source of the revision it made.

Every import that saves (one form or document, or one file of a bulk upload) runs in
`import_transaction`: the answers, the revision and the kept file commit together, and
when anything fails the file written to storage is removed again, as storage has no
rollback of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath
from typing import Protocol

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.imports.models import ImportedForm
from opensop.profiles.models import Profile


class Keep(Protocol):
    def __call__(
        self,
        target: Profile,
        user: AnyUser | None,
        data: bytes,
        *,
        name: str,
        kind: str,
        taken: int,
    ) -> ImportedForm: ...


@contextmanager
def import_transaction() -> Iterator[Keep]:
    """One transaction; inside it `keep(target, user, data, name=, kind=, taken=)` stores
    the file as the source of `target`'s current revision (`taken`: answers taken over)."""
    stored: list[str] = []

    def keep(
        target: Profile, user: AnyUser | None, data: bytes, *, name: str, kind: str, taken: int
    ) -> ImportedForm:
        source = ImportedForm(
            profile=target,
            revision=target.revision,
            kind=kind,
            original_name=name[:200],
            sha256=hashlib.sha256(data).hexdigest(),
            answers_taken=taken,
            imported_by=access.as_user(user) if user is not None else None,
        )
        source.file.save(stored_name(name, data), ContentFile(data), save=False)
        stored.append(source.file.name)
        source.save()
        return source

    try:
        with transaction.atomic():
            yield keep
    except BaseException:
        for path in stored:
            default_storage.delete(path)  # the revision is gone, so is its source
        raise


def stored_name(file_name: str, data: bytes) -> str:
    """A safe name with the suffix of what the file is (not what it was called)."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in PurePath(file_name).stem)
    if b"%PDF-" in data[:1024]:
        suffix = ".pdf"
    elif data[:2] == b"PK":
        suffix = ".docx"
    else:
        suffix = ".txt"
    return f"{stem[:80] or 'bestand'}{suffix}"
