"""A filled PDF form into a profile: a preview, then one revision (or a new profile) with
the file kept as its source, all in one transaction.

The answers are written only through the workflow services (`save_answers`,
`start_profile`), so the rules, checks and revision of any other save apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.formats.definition import FormatDefinition
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import FormMapping, map_form
from opensop.imports.models import ImportedForm
from opensop.imports.pdf_form import read_form_fields
from opensop.imports.sources import import_transaction
from opensop.profiles.models import Profile
from opensop.profiles.registry import format_of, registry
from opensop.refused import Refused
from opensop.workflow import services as workflow


class FormImportRefusedError(Refused):
    """The user may not import into this profile; the message is Dutch."""


class PreviewOutdatedError(Refused):
    """The profile was saved after the preview: what the user confirmed is no longer so."""

    def __init__(self) -> None:
        super().__init__(
            "Iemand anders heeft dit profiel intussen opgeslagen, dus de voorvertoning klopt niet "
            "meer. Lees het formulier opnieuw in en bekijk wat er dan gebeurt."
        )


@dataclass(frozen=True)
class FormPreview:
    profile: Profile
    mapping: FormMapping
    base_revision: int
    # Set when the form states another school year: a new profile for it is made.
    new_year: str | None = None


def max_bytes() -> int:
    return int(settings.OPENSOP_IMPORT_MAX_BYTES)


def preview_form(profile: Profile, user: AnyUser, data: bytes) -> FormPreview:
    """What importing `data` into `profile` would do; writes nothing."""
    if not access.may_import_form(user, profile):
        raise FormImportRefusedError(
            "Alleen een schoolredacteur leest een formulier in, in een concept."
        )
    fields = read_form_fields(data, max_bytes())
    mapping = map_form(format_of(profile), fields, profile.answers)
    year = mapping.school_year
    if year is None or year == profile.school_year:
        return FormPreview(profile, mapping, profile.revision)
    if profile.school.profiles.filter(school_year=year).exists():
        raise UnreadableFileError(
            f"Dit formulier is van schooljaar {year}, en voor dat jaar is er al een profiel. "
            f"Open dat profiel en lees het formulier daar in."
        )
    # A new profile starts from last year's answers; the form's answers go over them.
    return FormPreview(profile, map_form(_new_format(profile), fields, {}), 0, new_year=year)


def _new_format(profile: Profile) -> FormatDefinition:
    swv = profile.school.swv
    definition = registry().get(swv.format_id, swv.format_version)
    if definition is None:
        raise UnreadableFileError(f"Het formaat van {swv} is niet bekend.")
    return definition


def import_form(
    profile: Profile,
    user: AnyUser,
    data: bytes,
    file_name: str,
    *,
    base_revision: int,
    overwrite: Iterable[str] = (),
) -> ImportedForm:
    """Save the form's answers as one revision (or a new profile) and keep the file.

    Reads and maps the file again: the preview wrote nothing. A save by someone else
    since the preview raises `StaleRevisionError`; any error leaves nothing behind.
    """
    with import_transaction() as keep:
        profile = (
            Profile.objects.select_for_update().select_related("school__swv").get(pk=profile.pk)
        )
        preview = preview_form(profile, user, data)
        if preview.new_year is None and profile.revision != base_revision:
            raise PreviewOutdatedError
        answers = preview.mapping.answers_to_save(overwrite)
        if not answers:
            raise UnreadableFileError(
                "Er valt niets over te nemen: elk herkend antwoord staat al zo in het profiel."
            )
        if preview.new_year is not None:
            target = workflow.start_profile(profile.school_id, preview.new_year, user)
            target = workflow.save_answers(target, user, answers, target.revision)
        else:
            target = workflow.save_answers(profile, user, answers, base_revision)
        return keep(target, user, data, name=file_name, kind=ImportedForm.FORM, taken=len(answers))
