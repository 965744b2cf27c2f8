"""Bar charts for the totals: an image with a text alternative, patterns and numbers."""

from __future__ import annotations

import pytest
from lxml import html

from opensop.overview.tables import Chart
from opensop.overview.templatetags.overview_tags import bar_chart
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
    looks = {
        s.get("class").split()[1] for s in chart.xpath(".//span[starts-with(@class, 'part ')]")
    }
    assert looks <= {"look-best", "look-good", "look-partial", "look-bad"}


def _widths(row: html.HtmlElement) -> list[int]:
    parts = row.xpath(".//span[starts-with(@class, 'part ')]")
    return [int(p.get("class").split()[-1].removeprefix("width-")) for p in parts]


def test_the_bars_are_drawn_by_the_stylesheet_not_by_style_attributes(
    checked: HandChecked,
) -> None:
    """The Content-Security-Policy blocks style attributes: a part's width is a class."""
    chart = _chart(checked, "dekking/")
    assert chart.xpath(".//*[@style]") == []
    rows = {
        r.xpath(".//span[@class='bar-label']")[0].text_content(): r
        for r in chart.xpath(".//div[@class='bar-row']")
    }
    # Dyslexie: one school specialistisch, one aanwezig, of at most two per need
    assert _widths(rows["Dyslexie"]) == [50, 50]
    assert _widths(rows["Faalangst"]) == [50]


def test_rounded_widths_add_up_to_the_bar_they_share() -> None:
    """Three parts of a third each fill the widest bar whole, not 99 %."""
    chart = Chart(
        title="t",
        table="t",
        series=["a", "b", "c"],
        looks=["best", "good", "bad"],
        rows=[("drie", [1, 1, 1]), ("twee", [1, 1, 0])],
    )
    page = html.fromstring(bar_chart(chart))
    first, second = page.xpath(".//div[@class='bar-row']")
    assert _widths(first) == [33, 34, 33]
    assert sum(_widths(first)) == 100
    assert _widths(second) == [33, 34]
