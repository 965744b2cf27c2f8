"""Keeping the public search's stored entries in step with the published profiles.

A profile's answers are frozen once it is adopted, so its entry is written when it is
published (`workflow.services.publish` calls `index_profile`, and
`profiles.published.refresh_latest_published` for the newest public profile of its school)
and never again;
`manage.py rebuild_search_index` writes them all, e.g. after loading data in bulk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from opensop.formats.definition import FormatDefinition, OfferChecklistItem, OfferState
from opensop.formats.needs import NeedLevel
from opensop.formats.profile import evaluate_answers
from opensop.formats.summary import offers_at_least
from opensop.overview.models import ProfileSummary
from opensop.portal.models import OfferedNeed, SearchEntry
from opensop.profiles.models import Profile, State
from opensop.profiles.published import refresh_latest_published
from opensop.profiles.registry import format_of

DUTCH = "dutch"
BATCH = 500


def strongest_reasons(needs: Mapping[str, NeedLevel]) -> dict[str, str]:
    """Per need the reason that set its level, as the format core words it."""
    found: dict[str, str] = {}
    for code, need in needs.items():
        best = max(need.reasons, key=lambda r: r.level, default=None)
        if best is not None:
            found[code] = best.text
    return found


def written_text(definition: FormatDefinition, answers: Mapping[str, Any]) -> str:
    """The profile's own words and the offers it has, as one text to search in; never an
    answer that names a person (`personal: true`): nobody finds a school by its IB'er."""
    parts: list[str] = []
    for key, entry in definition.entries.items():
        value = answers.get(key)
        if value is None or entry.item.personal:
            continue
        if isinstance(entry.item, OfferChecklistItem) and isinstance(value, dict):
            labels = {o.key: o.label for o in entry.item.catalogue}
            states = value.get("offers", {})
            parts += [labels[k] for k, s in states.items() if k in labels and _offered(s)]
            parts += [own["label"] for own in value.get("own", []) if _offered(own["state"])]
        else:
            parts += _strings(value)
    return "\n".join(p.strip() for p in parts if p.strip())


def _offered(state: str) -> bool:
    return state != OfferState.NIET.value


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


Cache = dict[str, tuple[str, dict[str, str]]]


def _entry(profile: Profile, cache: Cache) -> SearchEntry:
    # Many profiles share answers (carried over, or synthetic): judge each set once.
    key = f"{profile.format_id}/{profile.format_version}/" + json.dumps(
        profile.answers, sort_keys=True, default=str
    )
    if key not in cache:
        definition = format_of(profile)
        check = evaluate_answers(definition, profile.answers)
        cache[key] = (written_text(definition, profile.answers), strongest_reasons(check.needs))
    text, reasons = cache[key]
    return SearchEntry(profile=profile, text=text, reasons=reasons)


def _offered_needs(profile: Profile) -> list[OfferedNeed]:
    """The needs offered at least 'aanwezig', as the stored overview summary says."""
    summary = ProfileSummary.objects.filter(profile=profile).first()
    needs = summary.needs if summary is not None else {}
    return [
        OfferedNeed(profile=profile, need=c) for c, lvl in needs.items() if offers_at_least(lvl)
    ]


def _fill_vectors(profile_ids: list[int]) -> None:
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(profile_id__in=profile_ids).update(
            vector=SearchVector("text", config=DUTCH)
        )


@transaction.atomic
def index_profile(profile: Profile) -> SearchEntry:
    """Store what the public search reads of `profile`; called when it is published."""
    entry = _entry(profile, {})
    SearchEntry.objects.filter(profile=profile).delete()
    OfferedNeed.objects.filter(profile=profile).delete()
    entry.save()
    OfferedNeed.objects.bulk_create(_offered_needs(profile))
    _fill_vectors([profile.pk])
    return entry


def rebuild_index(profiles: Iterable[Profile] | None = None) -> int:
    """Rewrite the entries of `profiles` (all published ones when None), and the newest
    published profile of every school; returns the number of entries written."""
    refresh_latest_published()
    if profiles is None:
        profiles = (
            Profile.objects.filter(state=State.PUBLISHED)
            .select_related("summary")
            .order_by("pk")
            .iterator(BATCH)
        )
    cache: Cache = {}
    count = 0
    batch: list[Profile] = []
    for profile in profiles:
        batch.append(profile)
        if len(batch) == BATCH:
            count += _write(batch, cache)
            batch = []
    return count + _write(batch, cache)


def _write(profiles: list[Profile], cache: Cache) -> int:
    ids = [p.pk for p in profiles]
    entries = [_entry(p, cache) for p in profiles]
    offered = [
        OfferedNeed(profile=p, need=code)
        for p in profiles
        if (summary := getattr(p, "summary", None)) is not None
        for code, level in summary.needs.items()
        if offers_at_least(level)
    ]
    with transaction.atomic():
        SearchEntry.objects.filter(profile_id__in=ids).delete()
        OfferedNeed.objects.filter(profile_id__in=ids).delete()
        SearchEntry.objects.bulk_create(entries)
        OfferedNeed.objects.bulk_create(offered, batch_size=1000)
        _fill_vectors(ids)
    return len(entries)
