"""The SWV's basisondersteuning, kept once: published versions and the draft its staff edit.

Profiles do not copy it: each profile shows the version in force on its date
(services.version_for), so a new version reaches every school at once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from opensop.basisondersteuning.text import BaseSupportText, parts_from_data
from opensop.organisations.models import Swv


class BaseSupportVersion(models.Model):
    """One published version; never changed afterwards (a change is a new version)."""

    swv = models.ForeignKey(
        Swv, on_delete=models.PROTECT, related_name="base_support_versions", verbose_name="SWV"
    )
    number = models.PositiveIntegerField("versie")
    title = models.CharField("titel", max_length=200)
    parts = models.JSONField("onderdelen")  # [{key, title, text}], see text.parts_from_data
    valid_from = models.DateField("geldig vanaf")
    published_at = models.DateTimeField("gepubliceerd op", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gepubliceerd door",
    )

    class Meta:
        verbose_name = "versie basisondersteuning"
        verbose_name_plural = "versies basisondersteuning"
        ordering = ["swv", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "number"], name="unique_base_support_number")
        ]

    def __str__(self) -> str:
        return f"{self.title}, versie {self.number}"

    def as_text(self) -> BaseSupportText:
        return BaseSupportText(self.title, parts_from_data(self.parts), self.valid_from)

    @property
    def publisher_name(self) -> str:
        user = self.published_by
        if user is None:
            return "het samenwerkingsverband"
        return user.get_full_name() or user.get_username()


class BaseSupportDraft(models.Model):
    """What the SWV's staff are writing for the next version; one per SWV."""

    swv = models.OneToOneField(
        Swv, on_delete=models.CASCADE, related_name="base_support_draft", verbose_name="SWV"
    )
    title = models.CharField("titel", max_length=200)
    parts = models.JSONField("onderdelen", default=list)
    valid_from = models.DateField("geldig vanaf", default=datetime.date.today)
    updated_at = models.DateTimeField("bijgewerkt op", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bijgewerkt door",
    )

    class Meta:
        verbose_name = "concept basisondersteuning"
        verbose_name_plural = "concepten basisondersteuning"

    def __str__(self) -> str:
        return f"Concept: {self.title}"


class BaseSupportAcknowledgement(models.Model):
    """A school read a version of its SWV's basisondersteuning: who marked it read and when.
    Until then the school's pages show the version with what changed."""

    version = models.ForeignKey(
        BaseSupportVersion,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name="versie",
    )
    school = models.ForeignKey(
        "organisations.School",
        on_delete=models.CASCADE,
        related_name="base_support_acknowledgements",
        verbose_name="school",
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="gelezen door",
    )
    acknowledged_at = models.DateTimeField("gelezen op", auto_now_add=True)

    class Meta:
        verbose_name = "basisondersteuning gelezen door school"
        verbose_name_plural = "basisondersteuning gelezen door scholen"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "school"], name="unique_base_support_acknowledgement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} las {self.version}"

    @property
    def reader_name(self) -> str:
        user = self.acknowledged_by
        if user is None:
            return "onbekend"
        return user.get_full_name() or user.get_username()
