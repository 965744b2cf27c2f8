"""SWV staff set, on the coverage page, below how many schools a need counts as a gap."""

from __future__ import annotations

import pytest

from opensop.organisations.models import Swv
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _url(checked: HandChecked, suffix: str = "") -> str:
    return f"/swv/{checked.region.school.swv_id}/overzicht/dekking/{suffix}"


def test_staff_raise_the_threshold_and_see_more_gaps(checked: HandChecked) -> None:
    client = signed_in(checked.region, "swv_staff")
    assert "Drempel voor een gat in het aanbod" in client.get(_url(checked)).content.decode()
    response = client.post(_url(checked, "drempel/?gemeente=Heerlen"), {"drempel": "3"})
    assert response.status_code == 302
    assert response["Location"].endswith("/overzicht/dekking/?gemeente=Heerlen")
    assert Swv.objects.get(pk=checked.region.school.swv_id).coverage_threshold == 3
    page = client.get(response["Location"]).content.decode()
    assert "De drempel is nu 3." in page
    assert "Gaten in het aanbod (minder dan 3 scholen)" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Vul minstens 1 in."),
        ("", "Vul een aantal scholen in."),
        ("twee", "Vul een heel getal in, bijvoorbeeld 2."),
    ],
)
def test_a_wrong_threshold_is_explained_next_to_the_field(
    checked: HandChecked, value: str, message: str
) -> None:
    client = signed_in(checked.region, "swv_staff")
    response = client.post(_url(checked, "drempel/"), {"drempel": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "De drempel is niet opgeslagen" in page
    assert message in page
    assert Swv.objects.get(pk=checked.region.school.swv_id).coverage_threshold == 1


def test_the_inspectorate_reads_but_may_not_set_the_threshold(checked: HandChecked) -> None:
    client = signed_in(checked.region, "inspectorate")
    assert "Drempel opslaan" not in client.get(_url(checked)).content.decode()
    assert client.post(_url(checked, "drempel/"), {"drempel": "3"}).status_code == 403
    assert Swv.objects.get(pk=checked.region.school.swv_id).coverage_threshold == 1


@pytest.mark.parametrize("persona", ["editor", "board", "swv_staff_other", "anonymous"])
def test_others_do_not_find_the_form(checked: HandChecked, persona: str) -> None:
    response = signed_in(checked.region, persona).post(_url(checked, "drempel/"), {"drempel": "3"})
    assert response.status_code in (302, 404)
    assert Swv.objects.get(pk=checked.region.school.swv_id).coverage_threshold == 1
