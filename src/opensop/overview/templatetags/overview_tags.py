"""An overview table as HTML, built in Python: a page of 150 schools × 13 needs has
2,000 cells, which the template language renders too slowly for the page's time budget."""

from __future__ import annotations

import functools
import html

from django import forms, template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from opensop.overview.tables import Cell, Chart, Table

register = template.Library()


def _cell(cell: Cell, header: bool) -> str:
    # Decimals the Dutch way (12,5); the exports keep them numbers.
    value = f"{cell.value:.1f}".replace(".", ",") if isinstance(cell.value, float) else cell.value
    # The standard library's escape: what Django's escape() does, without its lazy-string
    # and SafeString wrapping per call, which was a third of a large page's time.
    text = str(value) if isinstance(value, int) else html.escape(value)
    if cell.link:
        text = f'<a href="{html.escape(cell.link)}">{text}</a>'
    if cell.details:
        # One escape for all lines, then a list item per line: a school has dozens. Quotes
        # need no escaping outside attributes: two passes fewer over kilobytes of text.
        items = html.escape(cell.details, quote=False).replace("\n", "</li><li>")
        text = f"<details><summary>{text}</summary><ul><li>{items}</li></ul></details>"
    attributes = _class_attribute(cell.css, cell.is_number)
    if header:
        return f'<th scope="row"{attributes}>{text}</th>'
    return f"<td{attributes}>{text}</td>"


@functools.cache
def _class_attribute(css: str, number: bool) -> str:
    """A handful of distinct classes over thousands of cells: each made once."""
    classes = f"{css} number".strip() if number else css
    return f' class="{html.escape(classes)}"' if classes else ""


@register.simple_tag
def overview_table(table: Table, heading_id: str) -> SafeString:
    """The table in a focusable scroll region named by its heading (wide tables scroll)."""
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    body = "".join(
        "<tr>"
        + "".join(_cell(c, table.row_headers and i == 0) for i, c in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    region = (
        f'class="table-scroll" role="region" tabindex="0" aria-labelledby="{escape(heading_id)}"'
    )
    caption = f'<caption class="visually-hidden">{escape(table.caption)}</caption>'
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<div {region}><table class="overview">{caption}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


@register.simple_tag
def filter_select(field: forms.BoundField) -> SafeString:
    """A labelled select for the filter form. A board filter can offer a hundred boards;
    Django's widget templates take a quarter of a millisecond per option."""
    choices = getattr(field.field, "choices", [])
    chosen = str(field.value() or "")
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>'
        f"{escape(label)}</option>"
        for value, label in choices
    )
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<div class="field"><label for="{escape(field.id_for_label)}">{escape(field.label)}'
        f'</label><select name="{escape(field.html_name)}" id="{escape(field.id_for_label)}">'
        f"{options}</select></div>"
    )


# A segment narrower than this share of the bar has no room for its number.
ROOM_FOR_NUMBER = 0.06


@register.simple_tag
def bar_chart(chart: Chart) -> SafeString:
    """Stacked bars in HTML and CSS: each part has a pattern (not only a colour) and its
    number; the legend names the patterns. One image for screen readers, with the table
    of the same numbers as its long description."""
    widest = max([sum(values) for _, values in chart.rows] or [0]) or 1
    legend = "".join(
        f'<li><span class="swatch look-{escape(look)}"></span>{escape(name)}</li>'
        for name, look in zip(chart.series, chart.looks, strict=True)
    )
    bars = "".join(_bar(label, values, chart.looks, widest) for label, values in chart.rows)
    return mark_safe(  # noqa: S308 - every value above is escaped
        f'<div class="bar-chart" role="img" aria-label="{escape(chart.text_alternative)}">'
        f'<ul class="legend">{legend}</ul><div class="bars">{bars}</div></div>'
    )


def _bar(label: str, values: list[int], looks: list[str], widest: int) -> str:
    """A part's width is a class (`width-37`, whole percent, in opensop.css): the
    Content-Security-Policy allows no style attribute. The widths are rounded where the
    parts end, so together they are the bar's own share and no rounding adds up."""
    parts = []
    running = reached = 0
    for v, look in zip(values, looks, strict=True):
        running += v
        end = round(100 * running / widest)
        if v:
            parts.append(
                f'<span class="part look-{escape(look)} width-{end - reached}">'
                f"{v if v / widest >= ROOM_FOR_NUMBER else ''}</span>"
            )
        reached = end
    return (
        f'<div class="bar-row"><span class="bar-label">{escape(label)}</span>'
        f'<span class="bar">{"".join(parts)}</span>'
        f'<span class="bar-total">{sum(values)}</span></div>'
    )
