"""Filled PDF forms with real AcroForm fields, built with pikepdf for the tests and the bench."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

RADIO = 1 << 15


@dataclass(frozen=True)
class Radio:
    """A radio group: its export values and the one chosen (None: none)."""

    options: Sequence[str]
    chosen: str | None


@dataclass(frozen=True)
class Choice:
    options: Sequence[str]
    chosen: Sequence[str]


FieldValue = str | bool | Radio | Choice


def _appearance(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    return pdf.make_stream(b"", BBox=[0, 0, 10, 10], Subtype=Name.Form, Type=Name.XObject)


def _widget(pdf: pikepdf.Pdf, page: pikepdf.Dictionary, y: int, **extra: object) -> Dictionary:
    widget = Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=[50, y, 300, y + 14], P=page)
    for key, value in extra.items():
        widget[f"/{key}"] = value
    return widget


def _field(
    pdf: pikepdf.Pdf, page: pikepdf.Dictionary, name: str, value: FieldValue, y: int
) -> pikepdf.Object:
    if isinstance(value, bool):
        state = Name.On if value else Name.Off
        normal = Dictionary(On=_appearance(pdf), Off=_appearance(pdf))
        return pdf.make_indirect(
            _widget(
                pdf,
                page,
                y,
                FT=Name.Btn,
                T=String(name),
                V=state,
                AS=state,
                AP=Dictionary(N=normal),
            )
        )
    if isinstance(value, Radio):
        parent = pdf.make_indirect(Dictionary(FT=Name.Btn, Ff=RADIO, T=String(name)))
        if value.chosen is not None:
            parent.V = Name("/" + value.chosen)
        kids = []
        for index, option in enumerate(value.options):
            normal = Dictionary({"/" + option: _appearance(pdf), "/Off": _appearance(pdf)})
            state = Name("/" + option) if option == value.chosen else Name.Off
            kid = _widget(
                pdf, page, y - 16 * index, Parent=parent, AS=state, AP=Dictionary(N=normal)
            )
            kids.append(pdf.make_indirect(kid))
        parent.Kids = Array(kids)
        return parent
    if isinstance(value, Choice):
        chosen = [String(c) for c in value.chosen]
        return pdf.make_indirect(
            _widget(
                pdf,
                page,
                y,
                FT=Name.Ch,
                T=String(name),
                Opt=Array([String(o) for o in value.options]),
                V=chosen[0] if len(chosen) == 1 else Array(chosen),
            )
        )
    return pdf.make_indirect(_widget(pdf, page, y, FT=Name.Tx, T=String(name), V=String(value)))


def filled_form(values: Mapping[str, FieldValue], *, parent: str | None = None) -> bytes:
    """A one-page PDF whose AcroForm holds `values` (optionally under one parent field)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0].obj
    fields = [
        _field(pdf, page, name, value, 800 - 20 * i)
        for i, value in enumerate(values.values())
        for name in [list(values)[i]]
    ]
    if parent is not None:
        group = pdf.make_indirect(Dictionary(T=String(parent), Kids=Array(fields)))
        for field in fields:
            field.Parent = group
        fields = [group]
    widgets = []
    for field in fields:
        for leaf in _leaves(field):
            widgets.append(leaf)
    page.Annots = pdf.make_indirect(Array(widgets))
    pdf.Root.AcroForm = pdf.make_indirect(Dictionary(Fields=Array(fields), NeedAppearances=True))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _leaves(field: pikepdf.Object) -> list[pikepdf.Object]:
    kids = field.get("/Kids")
    if kids is None:
        return [field]
    return [leaf for kid in kids for leaf in _leaves(kid)]
