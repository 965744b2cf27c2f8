"""The newest public profile per school is stored (profiles.models.LatestPublished) and kept in
step: a newer publication supersedes it, a late one of an older year does not, and a school
that moves (or an SWV that changes format) shows what the definition says without a rewrite."""

from __future__ import annotations

import importlib

from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from opensop.organisations.models import Swv
from opensop.profiles.models import LatestPublished, Profile, State
from opensop.profiles.published import latest_published_profiles
from opensop.workflow import services
from tests.web.conftest import Region, zuid_kennemerland
from tests.web.overview_data import profile
from tests.web.test_workflow_steps import bring_to


def _shown_year(client: Client) -> str:
    page = client.get("/scholen/99XA00/")
    assert page.status_code == 200
    return page.context["profile"].school_year  # type: ignore[no-any-return]


def _year(region: Region, year: str) -> Profile:
    editor = region.user("editor")
    return services.start_profile(region.school.pk, year, editor)


def test_a_newer_year_takes_over_and_a_late_older_one_does_not(
    region: Region, concept: Profile
) -> None:
    bring_to("published", concept, region)
    client = Client()
    assert _shown_year(client) == "2025-2026"
    bring_to("published", _year(region, "2024-2025"), region)
    assert _shown_year(client) == "2025-2026"
    newer = bring_to("published", _year(region, "2026-2027"), region)
    assert _shown_year(client) == "2026-2027"
    assert list(latest_published_profiles()) == [newer]


def test_a_school_that_moves_back_shows_its_profile_again(region: Region, concept: Profile) -> None:
    published = bring_to("published", concept, region)
    home = region.school.swv
    region.school.swv = zuid_kennemerland()
    region.school.save()
    assert Client().get("/scholen/99XA00/").status_code == 404
    region.school.swv = home
    region.school.save()
    assert list(latest_published_profiles()) == [published]


def test_a_move_to_an_swv_with_the_same_format_keeps_the_profile_public(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    region.school.swv = region.other_school.swv  # PO 31-05, also zuid-limburg-po
    region.school.save()
    assert list(latest_published_profiles()) == [published]
    assert latest_published_profiles().get().school.swv.code == "PO 31-05"


def test_an_swv_that_changes_format_hides_its_old_profiles(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    Swv.objects.filter(pk=region.school.swv_id).update(format_id="zuid-kennemerland-vo")
    assert list(latest_published_profiles()) == []
    Swv.objects.filter(pk=region.school.swv_id).update(format_id="zuid-limburg-po")
    assert list(latest_published_profiles()) == [published]


def test_a_bulk_load_is_public_after_rebuild_search_index(region: Region) -> None:
    loaded = profile(region.school, "voldoet", State.PUBLISHED)
    assert list(latest_published_profiles()) == []  # nothing published through the workflow
    call_command("rebuild_search_index", stdout=None)
    assert list(latest_published_profiles()) == [loaded]
    assert _shown_year(Client()) == loaded.school_year


def test_the_migration_fills_it_for_profiles_published_before_it(
    region: Region, concept: Profile
) -> None:
    bring_to("published", concept, region)
    newest = bring_to("published", _year(region, "2026-2027"), region)
    LatestPublished.objects.all().delete()
    migration = importlib.import_module("opensop.portal.migrations.0004_latest_published")
    # The models as the migrations had them then (the table was the portal app's).
    then = MigrationLoader(connection).project_state(("portal", "0005_latest_published_stored_at"))
    migration.fill(then.apps, None)
    assert list(latest_published_profiles()) == [newest]
