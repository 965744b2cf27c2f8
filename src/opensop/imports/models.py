"""The files imports came from: kept as the source of the revision they made."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opensop.profiles.models import Profile


class ImportedForm(models.Model):
    """A filled PDF form, or an older profile document, whose answers became a revision."""

    FORM, DOCUMENT = "formulier", "document"
    KINDS = [(FORM, "ingevuld PDF-formulier"), (DOCUMENT, "ouder profieldocument")]

    profile = models.ForeignKey(
        Profile, on_delete=models.PROTECT, related_name="imported_forms", verbose_name="profiel"
    )
    revision = models.PositiveIntegerField("revisie")
    kind = models.CharField("soort", max_length=10, choices=KINDS, default=FORM)
    file = models.FileField("bestand", upload_to="imports/formulieren/%Y/")
    original_name = models.CharField("oorspronkelijke naam", max_length=200)
    sha256 = models.CharField("controlegetal (SHA-256)", max_length=64)
    answers_taken = models.PositiveIntegerField("overgenomen antwoorden")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ingelezen door",
    )
    imported_at = models.DateTimeField("ingelezen op", auto_now_add=True)

    class Meta:
        verbose_name = "ingelezen formulier"
        verbose_name_plural = "ingelezen formulieren"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.original_name} → {self.profile} (revisie {self.revision})"


class BulkImport(models.Model):
    """A folder of an SWV's files (filled forms or older documents) read in the background.

    Only `opensop.imports.tasks` writes one: the uploads wait in storage until the task has
    read them, `done` of `total` tells the waiting page how far it got, and at the end
    `reports` holds a report per file (imports/bulk.py's FileReport) and the uploads are gone.
    """

    WAITING, RUNNING, READY, FAILED = "wachtend", "bezig", "klaar", "mislukt"
    STATES = [(WAITING, "wachtend"), (RUNNING, "bezig"), (READY, "klaar"), (FAILED, "mislukt")]
    KINDS = [("formulieren", "ingevulde formulieren"), ("documenten", "oudere profieldocumenten")]

    swv = models.ForeignKey(
        "organisations.Swv",
        on_delete=models.CASCADE,
        related_name="bulk_imports",
        verbose_name="samenwerkingsverband",
    )
    kind = models.CharField("soort", max_length=12, choices=KINDS)
    school_year = models.CharField("schooljaar voor bestanden zonder", max_length=9, blank=True)
    # Per upload its original name and where it waits in storage, in the order chosen.
    uploads = models.JSONField("bestanden", default=list)
    reports = models.JSONField("resultaat per bestand", default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ingelezen door",
    )
    created_at = models.DateTimeField("aangevraagd op", auto_now_add=True)
    finished_at = models.DateTimeField("klaar op", null=True, blank=True)
    state = models.CharField("status", max_length=10, choices=STATES, default=WAITING)
    done = models.PositiveIntegerField("bestanden verwerkt", default=0)
    total = models.PositiveIntegerField("bestanden", default=0)
    error = models.TextField("foutmelding", blank=True)

    class Meta:
        verbose_name = "bulkimport"
        verbose_name_plural = "bulkimports"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.swv_id}: {self.get_kind_display()} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.READY, self.FAILED)
