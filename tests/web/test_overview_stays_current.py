"""The overview keeps what it read of a region's profiles in the cache (overview/region.py):
every write shows on the very next page, never a stale figure."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opensop.accounts.models import Membership, Role
from opensop.demo.data import example_answers
from opensop.organisations.models import Swv
from opensop.overview.models import ProfileSummary
from opensop.overview.services import rebuild_summaries
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from tests.formats.conftest import EXAMPLES
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, profile, row, table

STATUS = "Status van het profiel 2025-2026 per school"


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _status(client: Client, checked: HandChecked) -> list[list[str]]:
    response = client.get(f"/swv/{checked.region.school.swv_id}/overzicht/")
    assert response.status_code == 200
    return table(response.content, STATUS)


def test_a_profile_started_shows_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert row(_status(client, checked), "De Mijnlamp")[5] == "niet gestart"
    profile(checked.mijnlamp, "voldoet", State.CONCEPT)
    assert row(_status(client, checked), "De Mijnlamp")[5] == "concept"


def test_answers_saved_change_the_completeness_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert int(row(_status(client, checked), "Het Kompas")[7]) < 100
    concept = Profile.objects.get(school=checked.kompas, state=State.CONCEPT)
    complete = example_answers(EXAMPLES / "zuid-limburg-po" / "voldoet.yaml")
    editor = User.objects.create(username="kompas-editor")
    Membership.objects.create(user=editor, role=Role.SCHOOL_EDITOR, school=checked.kompas)
    services.save_answers(concept, editor, complete, concept.revision)
    assert row(_status(client, checked), "Het Kompas")[7] == "100"


def test_a_school_that_moves_away_leaves_the_overview_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert "Het Lyceum" in [r[0] for r in _status(client, checked)]
    checked.lyceum.swv = Swv.objects.exclude(pk=checked.region.school.swv_id).first()
    checked.lyceum.save()
    assert "Het Lyceum" not in [r[0] for r in _status(client, checked)]


def test_a_school_that_moves_in_brings_its_profile_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    newcomer = checked.region.other_school
    profile(newcomer, "voldoet", State.CONCEPT)
    assert "Maasoever" not in [r[0] for r in _status(client, checked)]
    newcomer.swv_id = checked.region.school.swv_id
    newcomer.save()
    assert row(_status(client, checked), "Maasoever")[5] == "concept"


PAGES = ["", "normen/", "dekking/", "veranderd/", "deskundigheid/"]
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def _page(client: Client, checked: HandChecked, page: str) -> bytes:
    response = client.get(f"/swv/{checked.region.school.swv_id}/overzicht/{page}")
    assert response.status_code == 200
    return TOKEN.sub(b"", response.content)  # the form's token is masked anew per page


def _state_changed(checked: HandChecked) -> None:
    advice = Profile.objects.get(school=checked.lyceum, state=State.ADVICE)
    advice.state = State.CONCEPT
    advice.save()


def _answers_saved(checked: HandChecked) -> None:
    concept = Profile.objects.get(school=checked.kompas, state=State.CONCEPT)
    editor = User.objects.create(username="kompas-editor")
    Membership.objects.create(user=editor, role=Role.SCHOOL_EDITOR, school=checked.kompas)
    answers = example_answers(EXAMPLES / "zuid-limburg-po" / "voldoet.yaml")
    services.save_answers(concept, editor, answers, concept.revision)


def _earlier_profile_added(checked: HandChecked) -> None:
    profile(checked.mijnlamp, "voldoet", State.PUBLISHED, school_year="2024-2025")


def _moved_away(checked: HandChecked) -> None:
    checked.lyceum.swv = Swv.objects.exclude(pk=checked.region.school.swv_id).first()
    checked.lyceum.save()


WRITES = {
    "state changed": _state_changed,
    "answers saved": _answers_saved,
    "earlier profile added": _earlier_profile_added,
    "school moved away": _moved_away,
}
# The pages on which each write is bound to show.
SHOWN_ON = {
    "state changed": [""],
    "answers saved": ["", "normen/", "dekking/", "deskundigheid/"],
    "earlier profile added": ["veranderd/"],
    "school moved away": PAGES,
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("write", list(WRITES))
def test_every_page_after_a_write_is_what_a_fresh_read_shows(
    checked: HandChecked, page: str, write: str
) -> None:
    client = signed_in(checked.region, "swv_staff")
    before = _page(client, checked, page)  # kept in the cache
    WRITES[write](checked)
    after = _page(client, checked, page)
    cache.clear()
    assert after == _page(client, checked, page)
    if page in SHOWN_ON[write]:
        assert after != before


def test_the_status_names_a_changed_state_at_once(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert row(_status(client, checked), "Het Lyceum")[5] != "concept"
    _state_changed(checked)
    assert row(_status(client, checked), "Het Lyceum")[5] == "concept"


@pytest.mark.parametrize("page", PAGES)
def test_summaries_rebuilt_show_at_once(checked: HandChecked, page: str) -> None:
    client = signed_in(checked.region, "swv_staff")
    # Summaries written wrongly (an update skips the stamp), as by an older release.
    ProfileSummary.objects.update(
        norms={}, needs={}, completeness=0, expertise={}, changes="", change_counts=None
    )
    wrong = _page(client, checked, page)
    rebuild_summaries()
    rebuilt = _page(client, checked, page)
    cache.clear()
    assert rebuilt == _page(client, checked, page)
    if page != "veranderd/":  # the hand-checked region's profiles have no earlier year
        assert rebuilt != wrong


def test_a_kept_page_reads_no_more_queries_than_a_fresh_one(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    for page in PAGES:
        cache.clear()
        with CaptureQueriesContext(connection) as fresh:
            _page(client, checked, page)
        with CaptureQueriesContext(connection) as kept:
            _page(client, checked, page)
        assert len(kept) < len(fresh), page
