"""What the public search reads of a published profile, stored so a search need not judge
answers: the written texts (for full-text search) and the reason behind each need's level.

Which profiles the public may see is decided elsewhere (profiles/published.py); an entry
is only ever read joined to that definition, so a stale or extra entry shows nothing.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from opensop.profiles.models import Profile


class SearchEntry(models.Model):
    profile = models.OneToOneField(
        Profile,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        verbose_name="profiel",
    )
    # need code → the strongest reason behind its level, as the format core words it.
    # (Before `text`: SQLite reads a row's columns in order, and `text` is long.)
    reasons: models.JSONField[dict[str, str]] = models.JSONField("redenen", default=dict)
    # The profile's written answers and offered items as plain text (the SQLite search).
    text = models.TextField("tekst", blank=True, default="")
    # PostgreSQL only: `text` as a Dutch tsvector, GIN-indexed (migration 0001). Null on SQLite.
    vector = SearchVectorField("zoekvector", null=True, editable=False)

    class Meta:
        verbose_name = "zoekgegeven"
        verbose_name_plural = "zoekgegevens"

    def __str__(self) -> str:
        return f"Zoekgegevens van profiel {self.profile_id}"


class OfferedNeed(models.Model):
    """A need a published profile offers at least 'aanwezig' (as its overview summary says):
    one row each, so 'schools that offer X' is an index lookup, not a scan of summaries."""

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="offered_needs", verbose_name="profiel"
    )
    need = models.CharField("ondersteuningsbehoefte", max_length=64)

    class Meta:
        verbose_name = "geboden ondersteuning"
        verbose_name_plural = "geboden ondersteuning"
        constraints = [
            models.UniqueConstraint(fields=["need", "profile"], name="unique_offered_need")
        ]

    def __str__(self) -> str:
        return f"{self.need} in profiel {self.profile_id}"
