"""API keys: an SWV's other systems read all states of its schools' profiles with one.

Only the SHA-256 of a key is stored (like invitation links): the key itself is shown once,
when it is made, and cannot be read back from the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opensop.organisations.models import Swv


class ApiKey(models.Model):
    swv = models.ForeignKey(
        Swv, on_delete=models.CASCADE, related_name="api_keys", verbose_name="samenwerkingsverband"
    )
    name = models.CharField("naam", max_length=100, help_text="Bijv. 'Website SWV'.")
    key_hash = models.CharField("sleutel (SHA-256)", max_length=64, unique=True)
    # The first characters, so staff can tell their keys apart without the key itself.
    prefix = models.CharField("begin van de sleutel", max_length=8)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="gemaakt door",
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)
    last_used_at = models.DateTimeField("laatst gebruikt", null=True, blank=True)
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ingetrokken door",
    )

    class Meta:
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
