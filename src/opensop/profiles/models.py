"""A school's profile for one school year, its answers and every revision of them.

The answers are the format core's answer document: checked, computed and judged
by `opensop.formats`, never by this app. Only `opensop.workflow.services` writes
state and answers.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from opensop.organisations.models import School


class State(models.TextChoices):
    CONCEPT = "concept", "concept"
    ADVICE = "advice", "ter advies bij (G)MR"
    ADOPTED = "adopted", "vastgesteld door bestuur"
    PUBLISHED = "published", "gepubliceerd"


class Profile(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="profiles", verbose_name="school"
    )
    school_year = models.CharField("schooljaar", max_length=9, help_text="Bijv. 2025-2026")
    # A published profile never changes; a correction is a new edition of the same year.
    edition = models.PositiveIntegerField("versie", default=1)
    format_id = models.CharField("formaat", max_length=64)
    format_version = models.PositiveIntegerField("formaatversie")
    state = models.CharField("status", max_length=10, choices=State.choices, default=State.CONCEPT)
    answers: models.JSONField[dict[str, Any]] = models.JSONField(
        "antwoorden", default=dict, blank=True
    )
    revision = models.PositiveIntegerField("revisie", default=0)
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    updated_at = models.DateTimeField("gewijzigd", auto_now=True)

    advice_date = models.DateField("datum advies (G)MR", null=True, blank=True)
    advice_text = models.TextField("advies (G)MR", blank=True)
    adopted_on = models.DateField("vastgesteld op", null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="vastgesteld door",
    )
    signatory_school = models.CharField("namens school (directeur)", max_length=200, blank=True)
    signatory_board = models.CharField("namens bestuur", max_length=200, blank=True)
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True)

    class Meta:
        verbose_name = "profiel"
        verbose_name_plural = "profielen"
        ordering = ["school__name", "-school_year", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "edition"], name="unique_profile_edition"
            )
        ]
        # The overview asks per school when it last adopted a profile; from this index alone,
        # without reading the (large) answers stored before the date in each row.
        indexes = [
            models.Index(fields=["school", "adopted_on"], name="profile_school_adopted"),
            # Covers profiles/published.py: which profile of a school is its newest public
            # one, without reading the answers (the public search asks it for every school).
            models.Index(
                fields=["state", "school", "school_year", "edition", "format_id"],
                name="profile_public",
            ),
            # The national overview: every school's latest edition of one school year, and
            # which school years there are, from the index instead of the table.
            models.Index(fields=["school_year", "school", "edition"], name="profile_year_school"),
            # The national overview's cache is keyed on the latest write of any profile.
            models.Index(fields=["updated_at"], name="profile_updated"),
        ]

    def __str__(self) -> str:
        edition = f" (versie {self.edition})" if self.edition > 1 else ""
        return f"{self.school.name} {self.school_year}{edition}"


class Revision(models.Model):
    """Every save: who, when, which answers changed, and the answers after it."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("revisie")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="door",
    )
    created_at = models.DateTimeField("op", auto_now_add=True)
    changed_keys: models.JSONField[list[str]] = models.JSONField("gewijzigde vragen", default=list)
    answers: models.JSONField[dict[str, Any]] = models.JSONField("antwoorden", default=dict)

    class Meta:
        verbose_name = "revisie"
        verbose_name_plural = "revisies"
        ordering = ["profile", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"Revisie {self.number} van profiel {self.profile_id}"


class LatestPublished(models.Model):
    """Per school and format, the school's newest published profile in that format (latest
    school year, then latest edition): stored when a profile is published, so "the newest
    public profile of every school" is a join, not a search through every school's profiles.

    Kept per format rather than per school, so a school that moves to another SWV (or an SWV
    that changes format) needs no rewrite: profiles/published.py takes the row whose format
    is the one of the school's SWV today. Written only by
    `profiles.published.refresh_latest_published`.
    """

    profile = models.OneToOneField(
        Profile,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="latest_published",
        verbose_name="profiel",
    )
    school = models.ForeignKey(
        "organisations.School", on_delete=models.CASCADE, related_name="+", verbose_name="school"
    )
    format_id = models.CharField("formaat", max_length=64)
    # Every publication rewrites its school's rows: the latest of these times (indexed) tells
    # when anything public last changed (profiles/published.py, `public_version`).
    stored_at = models.DateTimeField("opgeslagen", auto_now_add=True, db_index=True)

    class Meta:
        db_table = "portal_latestpublished"  # made by the portal app (migration 0004)
        verbose_name = "nieuwste gepubliceerde profiel"
        verbose_name_plural = "nieuwste gepubliceerde profielen"
        constraints = [
            models.UniqueConstraint(fields=["school", "format_id"], name="unique_latest_published")
        ]

    def __str__(self) -> str:
        return f"Nieuwste gepubliceerde profiel {self.profile_id} van school {self.school_id}"
