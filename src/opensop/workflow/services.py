"""Every change to a profile goes through here: the rule, the write and its audit entry
in one transaction. Views, commands, importers and the API call these; nothing else
sets a profile's state or answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.formats.answers import check_answers
from opensop.formats.carry_over import carry_over
from opensop.formats.source import Problem
from opensop.organisations.models import School
from opensop.overview.services import refresh_summary
from opensop.portal.services import index_profile
from opensop.profiles.models import Profile, Revision, State
from opensop.profiles.registry import format_of, registry
from opensop.workflow import notifications
from opensop.workflow.models import StateChange


class WorkflowError(Exception):
    """A forbidden step; the message is Dutch and says why."""


class StaleRevisionError(WorkflowError):
    """Someone else saved answers this save would overwrite; `conflicts` names them."""

    def __init__(self, profile: Profile, conflicts: list[str], authors: list[str]) -> None:
        super().__init__(
            "Iemand anders heeft dit profiel intussen opgeslagen; uw wijzigingen zijn niet "
            "opgeslagen. Bekijk wat er veranderd is en voer uw wijzigingen opnieuw in."
        )
        self.current_revision = profile.revision
        self.current_answers = dict(profile.answers)
        self.changed_keys = conflicts
        self.authors = authors


class InvalidAnswersError(WorkflowError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("Niet opgeslagen: " + "; ".join(p.render() for p in problems))
        self.problems = problems


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise WorkflowError(message)


def _locked(profile: Profile) -> Profile:
    return (
        Profile.objects.select_for_update()
        .select_related("school__board", "school__swv")
        .get(pk=profile.pk)
    )


def _record(profile: Profile, to: State, actor: AnyUser | None, note: str = "") -> None:
    change = StateChange.objects.create(
        profile=profile,
        from_state=profile.state,
        to_state=to,
        actor=access.as_user(actor),
        note=note,
    )
    profile.state = to
    notifications.state_changed(change)


# ------------------------------------------------------------------ answers


def save_answers(
    profile: Profile, user: AnyUser, changes: Mapping[str, Any], base_revision: int
) -> Profile:
    """Save changed answers (None clears one). All or nothing; never over someone else's save."""
    with transaction.atomic():
        profile = _locked(profile)
        _require(access.may_edit(user, profile), "U mag dit profiel niet (meer) wijzigen.")
        _refuse_conflicts(profile, user, changes, base_revision)
        return _save(profile, user, changes)


def _save(profile: Profile, user: AnyUser | None, changes: Mapping[str, Any]) -> Profile:
    definition = format_of(profile)
    merged = {**profile.answers, **changes}
    answers = {k: v for k, v in merged.items() if v is not None}
    checked = check_answers(definition, {k: answers[k] for k in changes if k in answers})
    if checked.errors:
        raise InvalidAnswersError(checked.errors)
    answers.update(checked.values)
    changed_keys = sorted(k for k in changes if profile.answers.get(k) != answers.get(k))
    if not changed_keys:
        return profile
    profile.answers = answers
    profile.revision += 1
    profile.save(update_fields=["answers", "revision", "updated_at"])
    refresh_summary(profile)  # the regional overview reads this, not the answers
    Revision.objects.create(
        profile=profile,
        number=profile.revision,
        author=access.as_user(user),
        changed_keys=changed_keys,
        answers=answers,
    )
    return profile


def save_imported_answers(
    school_id: int,
    school_year: str,
    changes: Mapping[str, Any],
    importer: AnyUser | None,
    *,
    base_revision: int | None,
) -> Profile:
    """A region's filled forms read in bulk (imports/bulk.py): the answers go into the school's
    concept for `school_year`, started when there is none, as one revision.

    The SWV's staff do this while a region switches, before schools have editors; `importer`
    None is the command line. `base_revision` is the revision the caller saw (None: no
    profile yet); a save since then raises, like any other save.
    """
    with transaction.atomic():
        school = School.objects.select_for_update().select_related("swv").get(pk=school_id)
        _require(
            importer is None or access.may_import_forms_in_bulk(importer, school.swv),
            "Alleen de medewerkers van het samenwerkingsverband lezen formulieren in bulk in.",
        )
        profile = school.profiles.filter(school_year=school_year).order_by("-edition").first()
        if profile is None:
            _require(base_revision is None, "Het profiel is intussen verwijderd.")
            definition = registry().get(school.swv.format_id, school.swv.format_version)
            _require(definition is not None, f"Het formaat van {school.swv} is niet bekend.")
            assert definition is not None
            profile = _new_profile(
                school,
                school_year=school_year,
                edition=1,
                format_id=definition.id,
                format_version=definition.version,
                answers={},
                user=importer,
            )
        else:
            profile = _locked(profile)
            _require(profile.state == State.CONCEPT, "Het profiel is niet (meer) in concept.")
            _require(
                profile.revision == base_revision,
                "Iemand heeft het profiel intussen opgeslagen; lees het formulier opnieuw in.",
            )
        return _save(profile, importer, changes)


def _refuse_conflicts(
    profile: Profile, user: AnyUser, changes: Mapping[str, Any], base_revision: int
) -> None:
    """Refuse a save that would overwrite answers saved by someone else since `base_revision`.

    Answers others saved that this save does not touch are no conflict: two people can
    fill in different sections at once, and each save keeps the other's answers. The user's
    own saves are no conflict either (an autosave still under way when they press the button).
    """
    if base_revision == profile.revision:
        return
    newer = list(
        profile.revisions.filter(number__gt=base_revision)
        .exclude(author=access.as_user(user))
        .select_related("author")
    )
    conflicts = sorted({k for r in newer for k in r.changed_keys} & set(changes))
    if conflicts:
        authors = {
            (r.author.get_full_name() or r.author.username) if r.author else "onbekend"
            for r in newer
            if set(r.changed_keys) & set(conflicts)
        }
        raise StaleRevisionError(profile, conflicts, sorted(authors))


def start_profile(school_id: int, school_year: str, user: AnyUser) -> Profile:
    """A new year's concept, prefilled from the school's latest profile where there is one."""
    with transaction.atomic():
        school = School.objects.select_for_update().select_related("swv").get(pk=school_id)
        _require(
            access.may_start_profile(user, school),
            "Alleen een schoolredacteur van deze school start een nieuw profiel.",
        )
        _require(
            not school.profiles.filter(school_year=school_year).exists(),
            f"Er is al een profiel voor schooljaar {school_year}.",
        )
        definition = registry().get(school.swv.format_id, school.swv.format_version)
        _require(definition is not None, f"Het formaat van {school.swv} is niet bekend.")
        assert definition is not None
        previous = school.profiles.order_by("-school_year", "-edition").first()
        answers: dict[str, Any] = {}
        if previous is not None:
            answers = carry_over(previous.answers, format_of(previous), definition).answers
        return _new_profile(
            school,
            school_year=school_year,
            edition=1,
            format_id=definition.id,
            format_version=definition.version,
            answers=answers,
            user=user,
        )


def start_correction(profile: Profile, user: AnyUser) -> Profile:
    """A published profile never changes: a correction is a new edition; the old one stays."""
    with transaction.atomic():
        profile = _locked(profile)
        _require(
            access.may_start_correction(user, profile),
            "Alleen een schoolredacteur corrigeert een gepubliceerd profiel, "
            "en alleen de laatste versie.",
        )
        edition = profile.edition + 1
        return _new_profile(
            profile.school,
            school_year=profile.school_year,
            edition=edition,
            format_id=profile.format_id,
            format_version=profile.format_version,
            answers=dict(profile.answers),
            user=user,
        )


def _new_profile(
    school: School,
    *,
    school_year: str,
    edition: int,
    format_id: str,
    format_version: int,
    answers: dict[str, Any],
    user: AnyUser | None,
) -> Profile:
    profile = Profile.objects.create(
        school=school,
        school_year=school_year,
        edition=edition,
        format_id=format_id,
        format_version=format_version,
        answers=answers,
        revision=1 if answers else 0,
    )
    refresh_summary(profile)
    if answers:
        Revision.objects.create(
            profile=profile,
            number=1,
            author=access.as_user(user),
            changed_keys=sorted(answers),
            answers=answers,
        )
    return profile


# ------------------------------------------------------------------ workflow steps


def _step(
    profile: Profile,
    user: AnyUser,
    may: Callable[[AnyUser, Profile], bool],
    *,
    refusal: str,
    to: State,
    note: str = "",
    apply: Callable[[Profile], None] | None = None,
) -> Profile:
    with transaction.atomic():
        profile = _locked(profile)
        _require(may(user, profile), refusal)
        if apply is not None:
            apply(profile)
        _record(profile, to, user, note)
        profile.save()
        return profile


def submit_for_advice(profile: Profile, user: AnyUser) -> Profile:
    return _step(
        profile,
        user,
        access.may_submit_for_advice,
        refusal="Alleen een schoolredacteur kan een concept ter advies aanbieden.",
        to=State.ADVICE,
    )


def record_advice(profile: Profile, user: AnyUser, date: datetime.date, advice: str) -> Profile:
    """The council's advice: recorded with its date; the state stays 'ter advies'."""
    _require(bool(advice.strip()), "Vul het advies van de (G)MR in.")
    with transaction.atomic():
        profile = _locked(profile)
        _require(
            access.may_record_advice(user, profile),
            "Alleen een MR-lid van deze school legt het advies vast, tijdens de adviesfase.",
        )
        profile.advice_date, profile.advice_text = date, advice.strip()
        profile.save(update_fields=["advice_date", "advice_text", "updated_at"])
        _record(
            profile, State(profile.state), user, f"Advies (G)MR van {date:%d-%m-%Y} vastgelegd."
        )
        return profile


def adopt(
    profile: Profile,
    user: AnyUser,
    date: datetime.date,
    signatory_school: str,
    signatory_board: str,
) -> Profile:
    _require(
        bool(signatory_school.strip() and signatory_board.strip()),
        "Vul de namen in van wie tekent namens school en namens bestuur.",
    )

    def apply(p: Profile) -> None:
        p.adopted_on, p.signatory_school, p.signatory_board = (
            date,
            signatory_school.strip(),
            signatory_board.strip(),
        )
        p.adopted_by = access.as_user(user)

    return _step(
        profile,
        user,
        access.may_adopt,
        refusal="Alleen het bestuur stelt vast, en pas na het advies van de (G)MR.",
        to=State.ADOPTED,
        apply=apply,
    )


def return_to_concept(profile: Profile, user: AnyUser, reason: str) -> Profile:
    _require(bool(reason.strip()), "Geef een reden om het profiel terug te zetten naar concept.")

    def apply(p: Profile) -> None:
        p.advice_date, p.advice_text = None, ""

    return _step(
        profile,
        user,
        access.may_return_to_concept,
        refusal="Terug naar concept kan alleen tijdens de adviesfase.",
        to=State.CONCEPT,
        note=reason.strip(),
        apply=apply,
    )


def publish(profile: Profile, user: AnyUser) -> Profile:
    def apply(p: Profile) -> None:
        p.published_at = timezone.now()
        index_profile(p)  # what the public search reads (portal/models.py)

    return _step(
        profile,
        user,
        access.may_publish,
        refusal="Alleen een vastgesteld profiel kan gepubliceerd worden.",
        to=State.PUBLISHED,
        apply=apply,
    )
