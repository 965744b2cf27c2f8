"""A list page's JSON, pinned: the list serializers read plain values for speed, and their
output must stay exactly what the API always sent (field order, formats, nulls).

The database ids differ between runs, so they are written as what they point at (a school's
code, a profile's school, year and edition) before comparing with the stored snapshot.
Regenerate after a deliberate change with OPENSOP_WRITE_SNAPSHOTS=1.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bench.national_dataset import generate

from opensop.api import services as key_services
from opensop.organisations.models import Swv
from opensop.portal.services import rebuild_index
from opensop.profiles.models import Profile, State
from tests.api.conftest import api_get

SNAPSHOTS = Path(__file__).parent / "snapshots"
# The synthetic names (boards, municipalities) carry database ids: the same on every run.
pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)


@pytest.fixture
def country(db: None, settings: Any) -> dict[str, Any]:
    settings.OPENSOP_API_RATE_PUBLIC = "1000/minute"
    generate(24, 2, 3, datetime.date(2026, 11, 1), seed=5)
    rebuild_index()  # the newest public profile per school, and the offered needs
    published = Profile.objects.filter(state=State.PUBLISHED).order_by(
        "school__brin", "school__location", "school_year", "edition"
    )
    moment = datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Amsterdam"))
    for step, profile in enumerate(published):
        # Some published, some (imported) without a date: both shapes are pinned.
        if step % 3:
            Profile.objects.filter(pk=profile.pk).update(
                published_at=moment + datetime.timedelta(days=step, minutes=7 * step)
            )
    # Norm outcomes: public for one SWV, for the other only with its key.
    first, second = Swv.objects.order_by("code")
    Swv.objects.filter(pk=first.pk).update(publishes_norm_results=True)
    _, key = key_services.create_key(second, "snapshot", None)
    return {"key": key}


def _names() -> dict[str, dict[int, str]]:
    return {
        "swv": {swv.pk: swv.code for swv in Swv.objects.all()},
        "profile": {
            p.pk: f"{p.school.code} {p.school_year} #{p.edition}"
            for p in Profile.objects.select_related("school")
        },
    }


def _named(page: dict[str, Any], names: dict[str, dict[int, str]]) -> dict[str, Any]:
    for row in page["results"]:
        if "publiceert_normuitkomsten" in row:  # an SWV
            row["id"] = names["swv"][row["id"]]
        if "samenwerkingsverband" in row:
            row["samenwerkingsverband"] = names["swv"][row["samenwerkingsverband"]]
        if "school_naam" in row:  # a profile
            row["id"] = names["profile"][row["id"]]
            row["niveaus"] = _in_key_order(row["niveaus"])
        elif row.get("gepubliceerd_profiel"):
            ref = row["gepubliceerd_profiel"]
            ref["id"] = names["profile"][ref["id"]]
            ref["niveaus"] = _in_key_order(ref["niveaus"])
    return page


def _in_key_order(levels: dict[str, Any]) -> dict[str, Any]:
    """The levels in one order: PostgreSQL's jsonb keeps its own, SQLite the stored one."""
    return dict(sorted(levels.items()))


PAGES = {
    "scholen": ("/api/v1/scholen/", {"per_pagina": "100"}, False),
    "scholen_behoefte": ("/api/v1/scholen/", {"behoefte": "dyslexie", "niveau": "aanwezig"}, False),
    "profielen": ("/api/v1/profielen/", {"per_pagina": "100"}, False),
    "profielen_laatste": (
        "/api/v1/profielen/",
        {"laatste": "true", "pagina": "2", "per_pagina": "5"},
        False,
    ),
    "profielen_met_sleutel": ("/api/v1/profielen/", {"per_pagina": "100"}, True),
    "samenwerkingsverbanden": ("/api/v1/samenwerkingsverbanden/", {}, False),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_list_page_is_what_it_always_was(country: dict[str, Any], name: str) -> None:
    path, params, with_key = PAGES[name]
    response = api_get(path, country["key"] if with_key else None, **params)
    assert response.status_code == 200
    page = json.loads(response.content)
    assert page["results"], "a pinned page shows rows"
    text = json.dumps(_named(page, _names()), indent=1, ensure_ascii=False) + "\n"
    snapshot = SNAPSHOTS / f"{name}.json"
    if os.environ.get("OPENSOP_WRITE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")
