"""Each profile's changes since the profile it is compared with, stored with its summary.

*Wat is er veranderd* shows them for 150 schools at once: comparing 150 pairs of profiles
on every request cost most of the page's time, reading stored text costs next to nothing.
They are refreshed with the summary (`services.refresh_summary`): a profile's own, and
those of its school's profiles of the next school year, which compare against it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from opensop.formats.changes import Facts, compare, previous_profiles, tally
from opensop.formats.definition import FormatDefinition
from opensop.profiles.registry import registry

COLUMNS = (
    "pk",
    "school_id",
    "school_year",
    "edition",
    "format_id",
    "format_version",
    "summary__profile_id",
    "summary__norms",
    "summary__needs",
    "summary__scores",
    "summary__offers",
)
FIELDS = ["previous_year", "change_counts", "changes"]


@dataclass(frozen=True)
class Side:
    """A profile as one side of a comparison."""

    pk: int
    school_id: int
    year: str
    edition: int
    definition: FormatDefinition | None
    facts: Facts | None  # None until its summary is stored


def sides(profiles: models.QuerySet[Any]) -> list[Side]:
    """The profiles with their stored facts (Profile, or its model in a migration)."""
    return [
        Side(pk, school, year, edition, registry().get(fid, version), Facts(*facts))
        if stored is not None
        else Side(pk, school, year, edition, None, None)
        for pk, school, year, edition, fid, version, stored, *facts in profiles.values_list(
            *COLUMNS
        )
    ]


def stored_fields(now: Side, before: Side | None) -> dict[str, Any]:
    """What `now`'s summary stores of its changes since `before`: the year compared with
    ("" for none), the counts per kind and direction (None: not known yet) and the
    changes as text, one per line."""
    if before is None:
        return {"previous_year": "", "change_counts": {}, "changes": ""}
    if now.facts is None or before.facts is None:
        return {"previous_year": before.year, "change_counts": None, "changes": ""}
    definitions = [d for d in (now.definition, before.definition) if d is not None]
    changes = compare(before.facts, now.facts, definitions)
    text = "\n".join(change.text for change in changes)
    return {"previous_year": before.year, "change_counts": tally(changes), "changes": text}


def changes_of(
    profiles: list[Side], wanted: Callable[[Side], bool] = lambda side: True
) -> dict[int, dict[str, Any]]:
    """Per profile in `profiles` (all profiles of their schools) that has a summary and is
    `wanted`: its `stored_fields`."""
    by_pk = {side.pk: side for side in profiles}
    previous = previous_profiles((s.pk, s.school_id, s.year, s.edition) for s in profiles)
    return {
        side.pk: stored_fields(side, by_pk[previous[side.pk]] if side.pk in previous else None)
        for side in profiles
        if side.facts is not None and wanted(side)
    }


def refresh_changes(
    profile_model: type[models.Model], summary_model: type[models.Model], school_id: int, year: str
) -> None:
    """After the summary of a profile of `year` changed (or a profile was added): store its
    changes again, and those of the school's next school year, which compare against it."""
    profiles = sides(profile_model._default_manager.filter(school_id=school_id))
    later = [side.year for side in profiles if side.year > year]
    years = {year, min(later)} if later else {year}
    for pk, fields in changes_of(profiles, lambda side: side.year in years).items():
        # Stamped (an update skips auto_now): the overview's cache is keyed on the latest.
        summary_model._default_manager.filter(pk=pk).update(**fields, updated_at=timezone.now())


SCHOOLS_PER_BATCH = 200


def rebuild_changes(
    profile_model: type[models.Model],
    summary_model: type[models.Model],
    school_ids: Iterable[int] | None = None,
) -> int:
    """Store the changes of every profile (of `school_ids`), some schools at a time.
    The models are parameters so the migration that added these fields can fill them."""
    profiles = profile_model._default_manager.all()
    if school_ids is None:
        school_ids = profiles.order_by("school_id").values_list("school_id", flat=True).distinct()
    schools = sorted(set(school_ids))
    count = 0
    for start in range(0, len(schools), SCHOOLS_PER_BATCH):
        batch = schools[start : start + SCHOOLS_PER_BATCH]
        found = changes_of(sides(profiles.filter(school_id__in=batch)))
        now = timezone.now()  # stamped like every write of a summary (see refresh_changes)
        rows = [summary_model(pk=pk, updated_at=now, **fields) for pk, fields in found.items()]
        with transaction.atomic():
            summary_model._default_manager.bulk_update(
                rows, [*FIELDS, "updated_at"], batch_size=500
            )
        count += len(rows)
    return count
