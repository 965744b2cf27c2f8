"""Reading every AcroForm field of a filled PDF form with pikepdf (Django-free).

Fields come as the PDF states them: text (one or more lines), checkboxes with their export
value (`On`, `Yes`, `Ja`, ... or `Off`), radio groups with the chosen export value, and
choice fields with the chosen entries. Whatever the input, the only error is
`UnreadableFileError` with a Dutch message.
"""

from __future__ import annotations

import enum
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

from opensop.imports.errors import DEFAULT_MAX_BYTES, UnreadableFileError, check_size

RADIO, PUSHBUTTON, MULTI_SELECT = 1 << 15, 1 << 16, 1 << 21
MAX_FIELDS = 5000  # far more than any SOP form; guards against a field tree built to loop
MAX_DEPTH = 32
# What pikepdf and qpdf raise for a broken file, at opening or while walking its objects.
BROKEN = (
    pikepdf.PdfError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RuntimeError,
    RecursionError,
    OverflowError,
    NotImplementedError,
    OSError,
)


class FieldKind(enum.StrEnum):
    TEXT = "tekstveld"
    CHECKBOX = "vinkje"
    RADIO = "keuzerondje"
    CHOICE = "keuzelijst"


@dataclass(frozen=True)
class FormField:
    name: str  # fully qualified, as `form.page1.Naam`
    partial: str  # the last part, which carries the label text
    kind: FieldKind
    text: str = ""  # text fields, the chosen radio export value, the first choice
    checked: bool = False  # checkboxes; radios: whether one is chosen
    chosen: tuple[str, ...] = ()  # choice fields (several when multi-select)

    @property
    def shown(self) -> str:
        """The value as the preview shows it."""
        if self.kind == FieldKind.CHECKBOX:
            return f"aangevinkt ({self.text})" if self.checked else "niet aangevinkt"
        if self.kind == FieldKind.CHOICE:
            return ", ".join(self.chosen)
        return self.text

    @property
    def empty(self) -> bool:
        if self.kind == FieldKind.CHECKBOX:
            return False  # 'not ticked' is an answer too
        return not (self.text.strip() or self.chosen)


def read_form_fields(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> list[FormField]:
    """Every filled-in field of a PDF form, in the form's order."""
    check_size(data, max_bytes)
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFileError("Dit is geen PDF-bestand.")
    if b"%%EOF" not in data[-2048:]:
        # qpdf would recover what it can; half a form must not pass for a whole one.
        raise UnreadableFileError(
            "Dit PDF-bestand is beschadigd of onvolledig: het einde ontbreekt. Sla het opnieuw "
            "op of upload het nog eens."
        )
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            fields = list(_fields(pdf))
    except pikepdf.PasswordError as exc:
        raise UnreadableFileError(
            "Dit PDF-bestand is beveiligd met een wachtwoord. Sla het zonder wachtwoord op "
            "en probeer het opnieuw."
        ) from exc
    except UnreadableFileError:
        raise
    except BROKEN as exc:
        raise UnreadableFileError(
            "Dit PDF-bestand is beschadigd of onvolledig en kan niet gelezen worden."
        ) from exc
    if not fields:
        raise UnreadableFileError(
            "Dit PDF-bestand heeft geen invulvelden: het is geen ingevuld formulier. Is het een "
            "document met tekst, of een scan? Dat kan hier niet ingelezen worden."
        )
    return fields


def _fields(pdf: pikepdf.Pdf) -> Iterator[FormField]:
    acroform = pdf.Root.get("/AcroForm")
    if not isinstance(acroform, pikepdf.Dictionary):
        return
    roots = acroform.get("/Fields")
    if not isinstance(roots, pikepdf.Array):
        return
    seen: set[tuple[int, int]] = set()
    count = 0
    for root in roots:
        for found in _walk(root, "", {}, seen, 0):
            count += 1
            if count > MAX_FIELDS:
                raise UnreadableFileError(
                    f"Dit formulier heeft meer dan {MAX_FIELDS} velden; dat is geen SOP-formulier."
                )
            yield found


INHERITED = ("/FT", "/Ff", "/V")


def _walk(
    node: object,
    parent_name: str,
    inherited: dict[str, object],
    seen: set[tuple[int, int]],
    depth: int,
) -> Iterator[FormField]:
    if not isinstance(node, pikepdf.Dictionary) or depth > MAX_DEPTH:
        return
    if node.is_indirect:
        if node.objgen in seen:
            return  # a field tree that points back at itself
        seen.add(node.objgen)
    own = str(node["/T"]) if isinstance(node.get("/T"), pikepdf.String) else ""
    name = f"{parent_name}.{own}" if parent_name and own else (own or parent_name)
    state = {**inherited, **{key: node[key] for key in INHERITED if key in node}}
    kids = node.get("/Kids")
    child_fields = (
        [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/T" in kid]
        if isinstance(kids, pikepdf.Array)
        else []
    )
    if child_fields:
        for kid in child_fields:
            yield from _walk(kid, name, state, seen, depth + 1)
        return
    if own or name:
        field = _field(node, name, own or name.rsplit(".", 1)[-1], state, kids)
        if field is not None:
            yield field


def _field(
    node: pikepdf.Dictionary, name: str, partial: str, state: dict[str, object], kids: object
) -> FormField | None:
    kind = state.get("/FT")
    flags = _flags(state.get("/Ff"))
    value = state.get("/V")
    if kind == "/Tx":
        return FormField(name, partial, FieldKind.TEXT, text=_text(value))
    if kind == "/Ch":
        chosen = _choices(value, node.get("/Opt"))
        return FormField(
            name, partial, FieldKind.CHOICE, text=chosen[0] if chosen else "", chosen=chosen
        )
    if kind == "/Btn" and not flags & PUSHBUTTON:
        export = _button_state(node, value, kids)
        if flags & RADIO:
            return FormField(name, partial, FieldKind.RADIO, text=export, checked=bool(export))
        return FormField(
            name,
            partial,
            FieldKind.CHECKBOX,
            text=export or _on_value(node, kids),
            checked=bool(export),
        )
    return None  # signatures, push buttons, fields without a type


def _flags(value: object) -> int:
    if isinstance(value, int):
        return value
    try:
        return int(str(value))  # a pikepdf integer object
    except (TypeError, ValueError):
        return 0


def _text(value: object) -> str:
    if isinstance(value, pikepdf.String):
        return str(value).replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, pikepdf.Stream):  # rich text kept as a stream
        return value.read_bytes().decode("utf-8", errors="replace")
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    return ""


def _choices(value: object, options: object) -> tuple[str, ...]:
    values = list(value) if isinstance(value, pikepdf.Array) else [value]
    display = _option_labels(options)
    chosen = [_text(v) for v in values]
    return tuple(display.get(c, c) for c in chosen if c.strip())


def _option_labels(options: object) -> dict[str, str]:
    """Export value → the text shown, for options given as [export, shown] pairs."""
    labels: dict[str, str] = {}
    if isinstance(options, pikepdf.Array):
        for option in options:
            if isinstance(option, pikepdf.Array) and len(option) == 2:
                labels[_text(option[0])] = _text(option[1])
    return labels


def _button_state(node: pikepdf.Dictionary, value: object, kids: object) -> str:
    """The chosen export value, or '' when off. /V says it; else the widget's /AS."""
    if isinstance(value, pikepdf.Name):
        state = str(value)[1:]
        return "" if state == "Off" else state
    if isinstance(value, pikepdf.String):  # some writers store the state as a string
        state = str(value)
        return "" if state in ("", "Off") else state
    for widget in [node, *(kids if isinstance(kids, pikepdf.Array) else [])]:
        if isinstance(widget, pikepdf.Dictionary):
            appearance = widget.get("/AS")
            if isinstance(appearance, pikepdf.Name) and str(appearance) != "/Off":
                return str(appearance)[1:]
    return ""


def _on_value(node: pikepdf.Dictionary, kids: object) -> str:
    """The export value the box would have when ticked (for the preview), usually 'On'."""
    for widget in [node, *(kids if isinstance(kids, pikepdf.Array) else [])]:
        if not isinstance(widget, pikepdf.Dictionary):
            continue
        appearances = widget.get("/AP")
        normal = appearances.get("/N") if isinstance(appearances, pikepdf.Dictionary) else None
        if isinstance(normal, pikepdf.Dictionary):
            for key in normal.keys():  # noqa: SIM118 - pikepdf dictionaries
                if key != "/Off":
                    return str(key)[1:]
    return "On"
