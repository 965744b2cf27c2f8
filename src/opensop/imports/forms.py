"""The upload forms: one file each, checked for size before anything reads it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from opensop.imports.bulk import BulkKind
from opensop.imports.errors import too_large


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand",
        error_messages={
            "required": "Kies een bestand.",
            "empty": "Het bestand is leeg.",
            "invalid": "Dit is geen bestand; kies het bestand opnieuw.",
        },
    )

    def __init__(self, *args: object, label: str, help_text: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].label = label
        self.fields["file"].help_text = help_text

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        limit = int(settings.OPENSOP_IMPORT_MAX_BYTES)
        if file.size is not None and file.size > limit:
            raise forms.ValidationError(too_large(file.size, limit))
        return file

    def data_of_file(self) -> bytes:
        file: UploadedFile = self.cleaned_data["file"]
        return b"".join(file.chunks())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        if isinstance(data, list | tuple):
            data = None  # no files at all: the field's own "required" message
        return [single(data, initial)]


MAX_FILES = 300  # one SWV's schools, with room; more is a mistake (or a folder of the wrong kind)
LABELS = {
    BulkKind.FORMS: ("Ingevulde formulieren (PDF)", ".pdf,application/pdf"),
    BulkKind.DOCUMENTS: (
        "Oudere profieldocumenten (Word, PDF of tekst)",
        ".docx,.pdf,.txt,application/pdf,text/plain,"
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


class BulkUploadForm(forms.Form):
    uploads = MultipleFileField(
        label="Bestanden",
        error_messages={
            "required": "Kies een of meer bestanden.",
            "empty": "Een van de bestanden is leeg.",
            "invalid": "Dit is geen bestand; kies de bestanden opnieuw.",
        },
    )
    school_year = forms.RegexField(
        label="Schooljaar voor bestanden zonder schooljaar",
        regex=r"^\d{4}-\d{4}$",
        required=False,
        help_text="Bijvoorbeeld 2025-2026. Noemt een bestand zelf een schooljaar, dan geldt dat.",
        error_messages={"invalid": "Schrijf het schooljaar als 2025-2026."},
    )

    def __init__(self, *args: Any, kind: BulkKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        label, accept = LABELS[kind]
        self.fields["uploads"].label = label
        self.fields["uploads"].widget.attrs["accept"] = accept

    def clean_uploads(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["uploads"]
        limit = int(settings.OPENSOP_IMPORT_MAX_BYTES)
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Hoogstens {MAX_FILES} bestanden tegelijk.")
        for file in files:
            if file.size is not None and file.size > limit:
                raise forms.ValidationError(f"{file.name}: {too_large(file.size, limit)}")
        return files

    def named_data(self) -> list[tuple[str, bytes]]:
        return [(f.name or "bestand", b"".join(f.chunks())) for f in self.cleaned_data["uploads"]]
