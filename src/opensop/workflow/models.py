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
