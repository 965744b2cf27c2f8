"""Samenwerkingsverbanden, boards and schools: who profiles belong to and who reads them."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from opensop.formats.definition import Sector

brin_validator = RegexValidator(
    r"^\d{2}[A-Z]{2}$", "Een brinnummer is 2 cijfers en 2 letters, bijv. 12AB."
)
location_validator = RegexValidator(r"^\d{2}$", "Een vestigingsnummer is 2 cijfers, bijv. 00.")


class Swv(models.Model):
    """A regional partnership (samenwerkingsverband) and the profile format it chose."""

    code = models.CharField("code", max_length=20, unique=True, help_text="Bijv. PO 31-06")
    name = models.CharField("naam", max_length=200)
    sector = models.CharField("sector", max_length=2, choices=[(s.value, s.value) for s in Sector])
    format_id = models.CharField("formaat", max_length=64)
    format_version = models.PositiveIntegerField("formaatversie")

    class Meta:
        verbose_name = "samenwerkingsverband"
        verbose_name_plural = "samenwerkingsverbanden"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Board(models.Model):
    """A school board (bevoegd gezag)."""

    number = models.CharField(
        "bevoegd-gezagnummer", max_length=5, unique=True, blank=True, null=True
    )
    name = models.CharField("naam", max_length=200)

    class Meta:
        verbose_name = "bestuur"
        verbose_name_plural = "besturen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """One school location, identified by BRIN number and location number."""

    brin = models.CharField("brinnummer", max_length=4, validators=[brin_validator])
    location = models.CharField(
        "vestiging", max_length=2, default="00", validators=[location_validator]
    )
    name = models.CharField("naam", max_length=200)
    street = models.CharField("straat en huisnummer", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    city = models.CharField("plaats", max_length=100, blank=True)
    municipality = models.CharField("gemeente", max_length=100, blank=True)
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="schools", verbose_name="bestuur"
    )
    swv = models.ForeignKey(
        Swv, on_delete=models.PROTECT, related_name="schools", verbose_name="samenwerkingsverband"
    )

    class Meta:
        verbose_name = "school"
        verbose_name_plural = "scholen"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["brin", "location"], name="unique_school_location")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.brin}{self.location})"

    @property
    def code(self) -> str:
        return f"{self.brin}{self.location}"
