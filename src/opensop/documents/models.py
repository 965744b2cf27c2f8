"""Documents of adopted and published profiles, rendered once and kept as they were,
and batches of them for an SWV."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile


class Kind(models.TextChoices):
    FULL = "full", "volledig profiel"
    SUMMARY = "summary", "samenvatting voor ouders"


class StoredDocument(models.Model):
    """A PDF as it was first served: a published document never changes afterwards."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("soort", max_length=10, choices=Kind.choices)
    file = models.FileField("bestand", upload_to="documenten/%Y/")
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("grootte (bytes)")
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="one_document_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.profile} — {self.get_kind_display()}"


class BatchKinds(models.TextChoices):
    """Which documents a batch holds per school."""

    FULL = "full", "volledig profiel"
    SUMMARY = "summary", "samenvatting voor ouders"
    BOTH = "both", "beide"

    @property
    def kinds(self) -> tuple[Kind, ...]:
        return {
            BatchKinds.FULL: (Kind.FULL,),
            BatchKinds.SUMMARY: (Kind.SUMMARY,),
            BatchKinds.BOTH: (Kind.FULL, Kind.SUMMARY),
        }[self]


def schools_in_words(board: Board | None, chosen: int) -> str:
    """Which schools a batch holds, in words: 'alle scholen', 'scholen van Stichting A'."""
    parts = []
    if board is not None:
        parts.append(f"scholen van {board.name}")
    if chosen:
        parts.append(f"{chosen} gekozen school" if chosen == 1 else f"{chosen} gekozen scholen")
    return ", ".join(parts) if parts else "alle scholen"


class BatchState(models.TextChoices):
    WAITING = "wachtend", "wachtend"
    RUNNING = "bezig", "bezig"
    READY = "klaar", "klaar"
    FAILED = "mislukt", "mislukt"


class DocumentBatch(models.Model):
    """The documents of many schools' adopted profiles as one ZIP, built in the background.

    Only `opensop.documents.tasks` writes a batch: it is requested there and built by the
    task; `done` of `total` schools tells a waiting page how far it got.
    """

    swv = models.ForeignKey(
        Swv,
        on_delete=models.CASCADE,
        related_name="document_batches",
        verbose_name="samenwerkingsverband",
    )
    school_year = models.CharField("schooljaar", max_length=9)
    kinds = models.CharField("documenten", max_length=10, choices=BatchKinds.choices)
    # The filter: only this board's schools and/or only these schools (none: every school).
    board = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="alleen scholen van bestuur",
    )
    schools = models.ManyToManyField(
        School, blank=True, related_name="+", verbose_name="alleen deze scholen"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="aangevraagd door",
    )
    created_at = models.DateTimeField("aangevraagd op", auto_now_add=True)
    finished_at = models.DateTimeField("klaar op", null=True, blank=True)
    state = models.CharField(
        "status", max_length=10, choices=BatchState.choices, default=BatchState.WAITING
    )
    done = models.PositiveIntegerField("scholen verwerkt", default=0)
    total = models.PositiveIntegerField("scholen", default=0)
    skipped = models.PositiveIntegerField("scholen zonder vastgesteld profiel", default=0)
    file = models.FileField("ZIP-bestand", upload_to="documentpakketten/%Y/", blank=True)
    error = models.TextField("foutmelding", blank=True)

    class Meta:
        verbose_name = "documentenpakket"
        verbose_name_plural = "documentenpakketten"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.swv.code} {self.school_year} ({self.get_state_display()})"

    def which_schools(self) -> str:
        # len(all()), not count(): the list page prefetches the schools of every batch.
        return schools_in_words(self.board, len(self.schools.all()))

    @property
    def finished(self) -> bool:
        return self.state in (BatchState.READY, BatchState.FAILED)

    @property
    def downloadable(self) -> bool:
        return self.state == BatchState.READY and bool(self.file)
