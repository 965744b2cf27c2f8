"""The yearly cycle of an SWV: per school year its regime and the deadline for its schools.

Regions move to the bill 36 443 (Wet versterking positie ouders en leerlingen) at their
own speed: a year without a row keeps the schoolondersteuningsprofiel, as before.
"""

from __future__ import annotations

from django.db import models

from opensop.organisations.models import School, Swv


class Regime(models.TextChoices):
    SOP = "sop", "schoolondersteuningsprofiel (ten minste eens in de vier jaar)"
    SCHOOLGIDS = "schoolgids", "ondersteuningsaanbod in de schoolgids (elk schooljaar)"
    BOTH = "beide", "beide (overgangsjaar)"


class RegimeYear(models.Model):
    swv = models.ForeignKey(
        Swv, on_delete=models.CASCADE, related_name="regime_years", verbose_name="SWV"
    )
    school_year = models.CharField("schooljaar", max_length=9, help_text="Bijv. 2026-2027")
    regime = models.CharField("regime", max_length=10, choices=Regime.choices, default=Regime.SOP)
    deadline = models.DateField(
        "deadline", null=True, blank=True, help_text="Uiterlijk dan is het vastgesteld."
    )

    class Meta:
        verbose_name = "regime per schooljaar"
        verbose_name_plural = "regimes per schooljaar"
        ordering = ["swv", "-school_year"]
        constraints = [
            models.UniqueConstraint(fields=["swv", "school_year"], name="unique_regime_year")
        ]

    def __str__(self) -> str:
        return f"{self.swv} {self.school_year}: {self.get_regime_display()}"


class DeadlineReminder(models.Model):
    """One reminder mailed to a school N days before a deadline: never twice."""

    regime_year = models.ForeignKey(
        RegimeYear, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveIntegerField("dagen vooraf")
    sent_at = models.DateTimeField("verstuurd", auto_now_add=True)

    class Meta:
        verbose_name = "herinnering voor de deadline"
        verbose_name_plural = "herinneringen voor de deadline"
        constraints = [
            models.UniqueConstraint(
                fields=["regime_year", "school", "days_before"], name="unique_deadline_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"Herinnering aan school {self.school_id}, {self.days_before} dagen vooraf"


class DuoValue(models.Model):
    """An answer the school took over (confirmed or corrected) from a DUO open-data file:
    the source file and its count date kept beside the value."""

    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="duo_values"
    )
    item_key = models.CharField("vraag", max_length=64)
    proposed: models.JSONField[object] = models.JSONField("voorgesteld door DUO")
    value: models.JSONField[object] = models.JSONField("overgenomen waarde")
    corrected = models.BooleanField("door de school verbeterd", default=False)
    source_file = models.CharField("bronbestand", max_length=200)
    source_date = models.DateField("peildatum van het bestand", null=True, blank=True)
    revision = models.PositiveIntegerField("revisie")
    taken_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="door"
    )
    taken_at = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "waarde uit DUO"
        verbose_name_plural = "waarden uit DUO"
        ordering = ["profile", "item_key", "-taken_at"]

    def __str__(self) -> str:
        return f"{self.item_key} uit {self.source_file} (profiel {self.profile_id})"


class DuoProposal(models.Model):
    """Values the SWV read from one DUO file for a school's concept: waiting until the school
    confirms or corrects them (they become DuoValue rows) or reads in a newer proposal."""

    profile = models.ForeignKey(
        "profiles.Profile", on_delete=models.CASCADE, related_name="duo_proposals"
    )
    proposed: models.JSONField[dict[str, object]] = models.JSONField("voorgestelde waarden")
    source_file = models.CharField("bronbestand", max_length=200)
    source_date = models.DateField("peildatum van het bestand", null=True, blank=True)
    proposed_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="door"
    )
    proposed_at = models.DateTimeField("op", auto_now_add=True)
    taken_at = models.DateTimeField("door de school verwerkt", null=True, blank=True)

    class Meta:
        verbose_name = "voorstel uit DUO van het samenwerkingsverband"
        verbose_name_plural = "voorstellen uit DUO van het samenwerkingsverband"
        ordering = ["profile", "-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"Voorstel uit {self.source_file} (profiel {self.profile_id})"
