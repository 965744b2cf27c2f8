"""What the regional overview reads of each profile, stored so pages need not judge answers.

One row per profile, written by `opensop.overview.services.refresh_summary` in the same
transaction as the answers it derives from (with the stored changes of the profiles that
compare against it); `manage.py rebuild_summaries` rewrites all.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from opensop.formats.changes import Facts
from opensop.profiles.models import Profile


class ProfileSummary(models.Model):
    profile = models.OneToOneField(
        Profile,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="summary",
        verbose_name="profiel",
    )
    # norm key → "voldoet" / "voldoet_niet" / "onvolledig"
    norms: models.JSONField[dict[str, str]] = models.JSONField("normen", default=dict)
    # need code → "geen" / "in_ontwikkeling" / "aanwezig" / "specialistisch", or null: onbekend
    needs: models.JSONField[dict[str, str | None]] = models.JSONField(
        "ondersteuningsbehoeften", default=dict
    )
    missing_required = models.PositiveIntegerField("verplichte vragen open", default=0)
    completeness = models.PositiveSmallIntegerField("ingevuld (%)", default=0)
    complete = models.BooleanField("volledig", default=False)
    # What the next year's profile is compared on (formats/changes.py).
    scores: models.JSONField[dict[str, int]] = models.JSONField("scores", default=dict)
    offers: models.JSONField[dict[str, dict[str, str]]] = models.JSONField("aanbod", default=dict)
    # Section 3.4 of seed 000: FTE, care hub, network (formats/expertise.py).
    expertise: models.JSONField[dict[str, Any]] = models.JSONField(
        "deskundigheid en netwerk", default=dict
    )
    # The same facts as plain text, for national counts in SQL (see Summary.offered_text).
    offered = models.TextField("aanwezig of specialistisch", blank=True, default="")
    outcomes = models.TextField("uitkomsten normen", blank=True, default="")
    # The profile revision this summary was made from: a stale row is easy to spot.
    revision = models.PositiveIntegerField("revisie", default=0)
    # What changed since the profile this one is compared with (overview/stored_changes.py):
    # its school year ("" when there is none), the count per kind and direction (None:
    # not known yet) and the changes as Dutch text, one per line.
    previous_year = models.CharField("vorig profiel", max_length=9, blank=True, default="")
    change_counts: models.JSONField[dict[str, int] | None] = models.JSONField(
        "aantal veranderingen", null=True, default=None
    )
    changes = models.TextField("veranderingen", blank=True, default="")
    # When the row was last written: the national overview's cache is keyed on the latest.
    updated_at = models.DateTimeField("bijgewerkt", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "profielsamenvatting"
        verbose_name_plural = "profielsamenvattingen"

    def __str__(self) -> str:
        return f"Samenvatting van profiel {self.profile_id}"

    def facts(self) -> Facts:
        """What a later or earlier profile is compared on (formats/changes.py)."""
        return Facts(self.norms, self.needs, self.scores, self.offers)
