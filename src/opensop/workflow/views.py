"""Every state change of the profiles of an SWV's schools, newest first, for its staff;
and the files of the councils' decisions on a profile."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opensop.accounts import access
from opensop.cycle.terms import TermsBook
from opensop.organisations.models import School, Swv
from opensop.profiles.models import State
from opensop.workflow.models import CouncilDecision, StateChange

PER_PAGE = 50


class StateChangeFilter(forms.Form):
    school = forms.ModelChoiceField(
        queryset=School.objects.none(), required=False, empty_label="Alle scholen"
    )
    status = forms.ChoiceField(
        label="Nieuwe status",
        choices=[("", "Alle statussen"), *State.choices],
        required=False,
    )

    def __init__(self, swv: Swv, book: TermsBook, data: dict[str, str] | None = None) -> None:
        super().__init__(data)
        school = self.fields["school"]
        assert isinstance(school, forms.ModelChoiceField)
        school.queryset = swv.schools.order_by("name")
        school.label = "School"
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        advice = book.advice_label(swv)
        status.choices = [
            ("", "Alle statussen"),
            *((v, advice if v == State.ADVICE else label) for v, label in State.choices),
        ]

    def apply(self, changes: QuerySet[StateChange]) -> QuerySet[StateChange]:
        """The changes that match; all of them while the filter is empty or invalid."""
        if not self.is_valid():
            return changes
        if self.cleaned_data["school"] is not None:
            changes = changes.filter(profile__school=self.cleaned_data["school"])
        if self.cleaned_data["status"]:
            changes = changes.filter(to_state=self.cleaned_data["status"])
        return changes


def changes_of(swv: Swv) -> QuerySet[StateChange]:
    return (
        StateChange.objects.filter(profile__school__swv=swv)
        .select_related("profile__school", "actor")
        .order_by("-at", "-pk")
    )


@require_safe
def state_changes(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "read_state_changes")
    query = {k: request.GET[k] for k in ("school", "status") if k in request.GET}
    book = TermsBook([swv.pk])
    selection = StateChangeFilter(swv, book, query or None)
    page = Paginator(selection.apply(changes_of(swv)), PER_PAGE).get_page(request.GET.get("pagina"))
    for change in page.object_list:
        change.from_label = book.state_label(swv.pk, change.profile, change.from_state)
        change.to_label = book.state_label(swv.pk, change.profile, change.to_state)
    return render(
        request,
        "workflow/state_changes.html",
        {"swv": swv, "filter": selection, "page": page, "filtered": any(query.values())},
    )


@require_safe
def council_document(request: HttpRequest, pk: int, decision_pk: int) -> FileResponse:
    """The file a council's advice or consent came in: for the school and its SWV."""
    profile = access.profile_for(request.user, pk, "read_council_documents")
    decision = CouncilDecision.objects.filter(profile=profile, pk=decision_pk).first()
    if decision is None or not decision.document:
        raise Http404
    name = PurePath(decision.document.name).name
    return FileResponse(decision.document.open("rb"), as_attachment=True, filename=name)
