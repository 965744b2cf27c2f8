"""Every change to a profile goes through here: the rule, the write and its audit entry
in one transaction. Views, commands, importers and the API call these; nothing else
sets a profile's state or answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.cycle.models import DuoProposal, DuoValue
from opensop.cycle.terms import terms_for
from opensop.formats.answers import check_answers
from opensop.formats.carry_over import carry_over
from opensop.formats.definition import COUNCIL_BODY_LABELS, CouncilBody, CouncilRight
from opensop.formats.source import Problem
from opensop.organisations.models import School
from opensop.overview.services import refresh_summary
from opensop.portal.services import index_profile
from opensop.profiles.models import Profile, Revision, State
from opensop.profiles.published import refresh_latest_published
from opensop.profiles.registry import format_of, registry
from opensop.refused import Refused
from opensop.workflow import notifications
from opensop.workflow.models import CouncilDecision, Outcome, StateChange


class WorkflowError(Refused):
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
    """A new year's concept, prefilled from the school's last adopted profile if there is one."""
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
        previous = prefill_source(school)
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


def prefill_source(school: School) -> Profile | None:
    """The profile a new year starts from: the last one the board adopted, not a concept
    that never got that far; only a school that never adopted one starts from its concept."""
    newest_first = school.profiles.order_by("-school_year", "-edition")
    adopted = newest_first.filter(state__in=[State.ADOPTED, State.PUBLISHED]).first()
    return adopted if adopted is not None else newest_first.first()


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


@dataclass(frozen=True)
class DuoTake:
    """One value the school takes from a DUO proposal, as proposed or corrected."""

    item_key: str
    proposed: Any
    value: Any


def take_duo_values(
    profile: Profile,
    user: AnyUser,
    taken: list[DuoTake],
    *,
    source_file: str,
    source_date: datetime.date | None,
    base_revision: int,
    proposal_id: int | None = None,
) -> Profile:
    """Save the values the school confirmed or corrected from a DUO file, with the file and
    its count date beside each: all or nothing, never over someone else's save. With
    `proposal_id` the SWV's proposal they came from counts as handled."""
    _require(bool(taken), "Kies ten minste één waarde om over te nemen.")
    with transaction.atomic():
        profile = _locked(profile)
        _require(access.may_edit(user, profile), "U mag dit profiel niet (meer) wijzigen.")
        changes = {t.item_key: t.value for t in taken}
        _refuse_conflicts(profile, user, changes, base_revision)
        profile = _save(profile, user, changes)
        DuoValue.objects.bulk_create(
            DuoValue(
                profile=profile,
                item_key=t.item_key,
                proposed=t.proposed,
                value=profile.answers.get(t.item_key),
                corrected=profile.answers.get(t.item_key) != t.proposed,
                source_file=source_file[:200],
                source_date=source_date,
                revision=profile.revision,
                taken_by=access.as_user(user),
            )
            for t in taken
        )
        if proposal_id is not None:
            DuoProposal.objects.filter(pk=proposal_id, profile=profile).update(
                taken_at=timezone.now()
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
    notes: list[str] | None = None,
) -> Profile:
    """`apply` may add to `notes` (the audit entry's text) while it checks and writes."""
    with transaction.atomic():
        profile = _locked(profile)
        _require(may(user, profile), refusal)
        if apply is not None:
            apply(profile)
        _record(profile, to, user, " ".join([note, *(notes or [])]).strip())
        profile.save()
        return profile


def submit_for_advice(profile: Profile, user: AnyUser) -> Profile:
    return _step(
        profile,
        user,
        access.may_submit_for_advice,
        refusal=(
            f"Alleen een schoolredacteur kan een concept ter {terms_for(profile).right} aanbieden."
        ),
        to=State.ADVICE,
    )


COUNCIL_FILE_TYPES = (".pdf", ".docx", ".doc", ".odt", ".txt")
COUNCIL_FILE_LIMIT = 10 * 1024 * 1024
FAVOURABLE = {
    CouncilRight.ADVIES: Outcome.POSITIVE_ADVICE,
    CouncilRight.INSTEMMING: Outcome.CONSENT,
}
OUTCOMES = {
    CouncilRight.ADVIES: (Outcome.POSITIVE_ADVICE, Outcome.NEGATIVE_ADVICE),
    CouncilRight.INSTEMMING: (Outcome.CONSENT, Outcome.CONSENT_REFUSED),
}
NEGATIVE = (Outcome.NEGATIVE_ADVICE, Outcome.CONSENT_REFUSED)


def record_advice(
    profile: Profile,
    user: AnyUser,
    date: datetime.date,
    text: str,
    *,
    outcome: str | None = None,
    document: File[bytes] | None = None,
) -> Profile:
    """The council's advice or consent, as the format and regime ask (cycle/terms.py).

    Advice, positive or negative, and consent keep the state 'ter advies' until the board
    adopts; a refused consent sends the profile back to concept with the reason. Without an
    outcome an advice counts as positive (the form before there was a choice).
    """
    with transaction.atomic():
        profile = _locked(profile)
        terms = terms_for(profile)
        _require(
            access.may_record_advice(user, profile),
            f"Alleen een MR-lid van deze school legt het {terms.right} van de {terms.body} vast, "
            f"zolang het {terms.short} {terms.waiting} ligt.",
        )
        chosen = _outcome(terms.step.right, outcome, terms.body)
        _check_council_text(chosen, text, document, terms.right)
        decision = CouncilDecision(
            profile=profile,
            body=terms.step.body.value,
            right=terms.step.right.value,
            outcome=chosen,
            date=date,
            text=text.strip(),
            recorded_by=access.as_user(user),
        )
        if document is not None:
            decision.document.save(_file_name(document.name or "bestand"), document, save=False)
        decision.save()
        shown = text.strip() or f"zie bijlage ({_file_name(decision.document.name)})"
        if chosen == Outcome.CONSENT_REFUSED:
            profile.advice_date, profile.advice_text = None, ""
            note = f"Geen instemming {terms.body} van {date:%d-%m-%Y}: {text.strip()}"
            _record(profile, State.CONCEPT, user, note)
            profile.save()
            return profile
        profile.advice_date, profile.advice_text = date, shown
        profile.save(update_fields=["advice_date", "advice_text", "updated_at"])
        _record(profile, State(profile.state), user, _decision_note(chosen, terms.body, date))
        return profile


def _outcome(right: CouncilRight, outcome: str | None, body: str) -> Outcome:
    if outcome in (None, "") and right == CouncilRight.ADVIES:
        return Outcome.POSITIVE_ADVICE
    allowed = OUTCOMES[right]
    _require(
        outcome in allowed,
        f"Kies de uitkomst: {' of '.join(o.label for o in allowed)} van de {body}.",
    )
    return Outcome(str(outcome))


def _check_council_text(
    outcome: Outcome, text: str, document: File[bytes] | None, right: str
) -> None:
    if outcome in NEGATIVE:
        _require(
            bool(text.strip()),
            "Vul de redenen in: waarom is het advies negatief of stemt de raad niet in?",
        )
    _require(
        bool(text.strip()) or document is not None,
        f"Vul de tekst van het {right} in, of voeg het {right} toe als bestand.",
    )
    if document is None:
        return
    name = (document.name or "").lower()
    _require(
        name.endswith(COUNCIL_FILE_TYPES),
        f"Het bestand {_file_name(document.name or '')} kan niet: kies een PDF, "
        "Word-, OpenDocument- of tekstbestand.",
    )
    _require(
        (document.size or 0) <= COUNCIL_FILE_LIMIT,
        "Het bestand is groter dan 10 MB; kies een kleiner bestand.",
    )


def _file_name(path: str | None) -> str:
    return PurePath(path or "").name


def _decision_note(outcome: Outcome, body: str, date: datetime.date) -> str:
    # The positive advice keeps the words the audit trail always had.
    prefix = {
        Outcome.POSITIVE_ADVICE: "Advies",
        Outcome.NEGATIVE_ADVICE: "Negatief advies",
        Outcome.CONSENT: "Instemming",
    }[outcome]
    return f"{prefix} {body} van {date:%d-%m-%Y} vastgelegd."


def current_decision(profile: Profile) -> CouncilDecision | None:
    """The decision of this round: the newest, while the profile has a recorded advice."""
    if profile.advice_date is None:
        return None
    return profile.council_decisions.order_by("-recorded_at", "-pk").first()


def adopt(
    profile: Profile,
    user: AnyUser,
    date: datetime.date,
    signatory_school: str,
    signatory_board: str,
    *,
    deviation_reason: str = "",
) -> Profile:
    """The board adopts. After a negative advice it may (the law), stating why it deviates;
    without consent where consent is required it cannot."""
    _require(
        bool(signatory_school.strip() and signatory_board.strip()),
        "Vul de namen in van wie tekent namens school en namens bestuur.",
    )
    notes: list[str] = []

    def apply(p: Profile) -> None:
        notes.extend(_deviation(p, deviation_reason))
        p.adopted_on, p.signatory_school, p.signatory_board = (
            date,
            signatory_school.strip(),
            signatory_board.strip(),
        )
        p.adopted_by = access.as_user(user)

    terms = terms_for(profile)
    return _step(
        profile,
        user,
        access.may_adopt,
        refusal=f"Alleen het bestuur stelt vast, en pas na het {terms.right} van de {terms.body}.",
        to=State.ADOPTED,
        apply=apply,
        notes=notes,
    )


def _deviation(profile: Profile, reason: str) -> list[str]:
    """Check the council's decision allows adoption; the audit note when the board deviates."""
    terms = terms_for(profile)
    decision = current_decision(profile)
    if terms.consent:
        _require(
            decision is not None and decision.outcome == Outcome.CONSENT,
            f"Zonder instemming van de {terms.body} kan het bestuur niet vaststellen.",
        )
    if decision is None or decision.outcome != Outcome.NEGATIVE_ADVICE:
        return []
    _require(
        bool(reason.strip()),
        f"De {decision_body(decision)} gaf negatief advies: leg uit waarom het bestuur "
        "daarvan afwijkt.",
    )
    decision.deviation_reason = reason.strip()
    decision.save(update_fields=["deviation_reason"])
    return [f"Afgeweken van negatief advies: {reason.strip()}"]


def decision_body(decision: CouncilDecision) -> str:
    return COUNCIL_BODY_LABELS.get(CouncilBody(decision.body), decision.body)


def return_to_concept(profile: Profile, user: AnyUser, reason: str) -> Profile:
    terms = terms_for(profile)
    _require(
        bool(reason.strip()), f"Geef een reden om het {terms.short} terug te zetten naar concept."
    )

    def apply(p: Profile) -> None:
        p.advice_date, p.advice_text = None, ""

    return _step(
        profile,
        user,
        access.may_return_to_concept,
        refusal=f"Terug naar concept kan alleen zolang het {terms.short} {terms.waiting} ligt."
        if not terms.old_step
        else "Terug naar concept kan alleen tijdens de adviesfase.",
        to=State.CONCEPT,
        note=reason.strip(),
        apply=apply,
    )


def publish(profile: Profile, user: AnyUser) -> Profile:
    def apply(p: Profile) -> None:
        p.published_at = timezone.now()
        index_profile(p)  # what the public search reads (portal/models.py)

    with transaction.atomic():
        published = _step(
            profile,
            user,
            access.may_publish,
            refusal="Alleen een vastgesteld profiel kan gepubliceerd worden.",
            to=State.PUBLISHED,
            apply=apply,
        )
        # Now saved as published: it may be its school's newest public profile.
        refresh_latest_published([published.school_id])
        return published
