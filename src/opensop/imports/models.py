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
