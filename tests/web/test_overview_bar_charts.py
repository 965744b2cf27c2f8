"""Bar charts for the totals: an image with a text alternative, patterns and numbers."""

from __future__ import annotations

import pytest
from lxml import html

from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _chart(checked: HandChecked, suffix: str) -> html.HtmlElement:
    swv_id = checked.region.school.swv_id
    page = signed_in(checked.region, "swv_staff").get(f"/swv/{swv_id}/overzicht/{suffix}")
    (chart,) = html.fromstring(page.content).xpath('//div[@class="bar-chart"]')
    return chart


def test_the_norm_totals_as_bars_with_the_table_named(checked: HandChecked) -> None:
    chart = _chart(checked, "normen/")
    assert chart.get("role") == "img"
    assert chart.get("aria-label") == (
        "Staafdiagram: aantal scholen per norm, naar uitkomst. "
        "De getallen staan in de tabel “Aantal scholen per norm en uitkomst”."
    )
    legend = [li.text_content() for li in chart.xpath(".//ul[@class='legend']/li")]
    assert legend == ["voldoet", "voldoet niet", "onvolledig"]
    first = chart.xpath(".//div[@class='bar-row']")[0]
    # two PO profiles of the SWV's format: De Verscheidenheid voldoet, Het Kompas onvolledig
    assert [p.text_content() for p in first.xpath(".//span[starts-with(@class, 'part ')]")] == [
        "1",
        "1",
    ]
    assert first.xpath(".//span[@class='bar-total']")[0].text_content() == "2"


def test_the_schools_per_need_and_level_as_bars(checked: HandChecked) -> None:
    chart = _chart(checked, "dekking/")
    legend = [li.text_content() for li in chart.xpath(".//ul[@class='legend']/li")]
    assert legend == ["specialistisch", "aanwezig", "in ontwikkeling", "geen"]
    labels = [s.text_content() for s in chart.xpath(".//span[@class='bar-label']")]
    assert "Dyslexie" in labels
    looks = {s.get("class") for s in chart.xpath(".//span[starts-with(@class, 'part ')]")}
    assert looks <= {"part look-best", "part look-good", "part look-partial", "part look-bad"}
