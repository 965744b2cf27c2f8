"""?sector=PO&samenwerkingsverband=3&gemeente=Heerlen&behoefte=dyslexie&niveau=aanwezig."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.request import Request

from opensop.api.queries import latest_public_profile_ids, levels_at_least
from opensop.formats.definition import Sector, SupportLevel
from opensop.formats.vocabulary import default_vocabulary
from opensop.organisations.models import School
from opensop.profiles.models import Profile, State
from opensop.profiles.published import is_latest_public


class FilterBackend(DjangoFilterBackend):
    """django-filter, skipped when the request names none of the view's filters (a plain
    list page): building and validating the filter form cost more than the page's rows, and
    with no filter values it changes nothing."""

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            name in request.query_params for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


BIGGEST_ID = 2**63 - 1  # what a database id can hold; larger numbers are a 400, not a crash


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGGEST_ID})
class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, min_value=1, max_value=BIGGEST_ID, **kwargs)


LEVEL_CHOICES = [(level.code, level.label) for level in SupportLevel]


def need_choices() -> list[tuple[str, str]]:
    return [(need.code, need.name) for need in default_vocabulary().needs]


class _NeedFilters(django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(
        field_name="swv__sector", choices=[(s.value, s.value) for s in Sector], label="sector"
    )
    samenwerkingsverband = IdFilter(field_name="swv_id", label="id van het samenwerkingsverband")
    gemeente = django_filters.CharFilter(
        field_name="municipality", lookup_expr="iexact", label="gemeente"
    )
    behoefte = django_filters.ChoiceFilter(
        choices=need_choices(), method="by_need", label="ondersteuningsbehoefte (code)"
    )
    niveau = django_filters.ChoiceFilter(
        choices=LEVEL_CHOICES,
        method="by_need",
        label="minstens dit niveau voor de behoefte (standaard: aanwezig)",
    )

    def is_valid(self) -> bool:
        """An empty value of a choice or number is a mistake (a 400), not "no filter"."""
        valid = bool(super().is_valid())
        for name, declared in self.filters.items():
            if self.data.get(name) == "" and not isinstance(declared, django_filters.CharFilter):
                self.form.add_error(name, "Geef een waarde, of laat deze parameter weg.")
                valid = False
        return valid

    def by_need(self, rows: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return rows  # applied once in filter_queryset, where both values are known

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().filter_queryset(queryset)
        need = self.form.cleaned_data.get("behoefte")
        if not need:
            return rows
        level = self.form.cleaned_data.get("niveau") or SupportLevel.AANWEZIG.code
        return self.filter_need(rows, need, levels_at_least(level))

    def filter_need(self, rows: QuerySet[Any], need: str, levels: list[str]) -> QuerySet[Any]:
        raise NotImplementedError


class SchoolFilter(_NeedFilters):
    naam = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="naam")
    plaats = django_filters.CharFilter(field_name="city", lookup_expr="iexact", label="plaats")

    class Meta:
        model = School
        fields: list[str] = []

    def filter_need(self, rows: QuerySet[Any], need: str, levels: list[str]) -> QuerySet[Any]:
        offering = latest_public_profile_ids()
        if SupportLevel.IN_ONTWIKKELING.code in levels:
            offering = offering.filter(**{f"summary__needs__{need}__in": levels})
        else:
            # At least 'aanwezig': the indexed rows of offered needs (portal.OfferedNeed)
            # find them without reading every profile's summary; 'specialistisch' checks
            # the summary of those only.
            offering = offering.filter(offered_needs__need=need)
            if SupportLevel.AANWEZIG.code not in levels:
                offering = offering.filter(**{f"summary__needs__{need}__in": levels})
        return rows.filter(pk__in=offering.values("school_id"))


class ProfileFilter(_NeedFilters):
    sector = django_filters.ChoiceFilter(
        field_name="school__swv__sector",
        choices=[(s.value, s.value) for s in Sector],
        label="sector",
    )
    samenwerkingsverband = IdFilter(
        field_name="school__swv_id", label="id van het samenwerkingsverband"
    )
    gemeente = django_filters.CharFilter(
        field_name="school__municipality", lookup_expr="iexact", label="gemeente"
    )
    school = django_filters.CharFilter(method="by_school", label="school (brin + vestiging)")
    schooljaar = django_filters.CharFilter(field_name="school_year", label="schooljaar")
    status = django_filters.ChoiceFilter(
        field_name="state",
        choices=State.choices,
        label="status (alleen met een API-sleutel zijn er andere dan 'published')",
    )
    laatste = django_filters.ChoiceFilter(
        choices=[("true", "ja"), ("false", "nee")],
        method="only_latest",
        label="true: alleen het nieuwste gepubliceerde profiel per school",
    )

    class Meta:
        model = Profile
        fields: list[str] = []

    def by_school(self, rows: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return rows.filter(school__brin=value[:4].upper(), school__location=value[4:6] or "00")

    def only_latest(self, rows: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value != "true":
            return rows
        # A join with the stored newest public profile per school (profiles/published.py).
        return rows.filter(is_latest_public())

    def filter_need(self, rows: QuerySet[Any], need: str, levels: list[str]) -> QuerySet[Any]:
        return rows.filter(Q(**{f"summary__needs__{need}__in": levels}))
