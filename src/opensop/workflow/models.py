"""The audit trail: every state change of a profile, by whom, when and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opensop.profiles.models import Profile, State


class StateChange(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField("van", max_length=10, choices=State.choices)
    to_state = models.CharField("naar", max_length=10, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="door",
    )
    at = models.DateTimeField("op", auto_now_add=True)
    note = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["profile", "-at"]

    def __str__(self) -> str:
        return f"Profiel {self.profile_id}: {self.from_state} → {self.to_state}"


class Outcome(models.TextChoices):
    POSITIVE_ADVICE = "positief_advies", "positief advies"
    NEGATIVE_ADVICE = "negatief_advies", "negatief advies"
    CONSENT = "instemming", "instemming"
    CONSENT_REFUSED = "geen_instemming", "geen instemming"


class CouncilDecision(models.Model):
    """What the council decided on a profile: which body, with which right, its outcome,
    date and text (typed or as a file). Every decision is kept, also after a new round."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="council_decisions")
    body = models.CharField("orgaan", max_length=20)  # formats.definition.CouncilBody
    right = models.CharField("recht", max_length=12)  # formats.definition.CouncilRight
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices)
    date = models.DateField("datum")
    text = models.TextField("tekst of redenen", blank=True)
    document = models.FileField("bestand", upload_to="medezeggenschap/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="vastgelegd door",
    )
    recorded_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    # After a negative advice the board may adopt, but must say why it deviates.
    deviation_reason = models.TextField("reden bestuur om af te wijken", blank=True)

    class Meta:
        verbose_name = "besluit medezeggenschap"
        verbose_name_plural = "besluiten medezeggenschap"
        ordering = ["profile", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} op {self.date:%d-%m-%Y}"
