"""?pagina=2&per_pagina=100: at most 100 per page (docs/api.md); a wrong value is a 400."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Model, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

PAGE_PARAMETERS = ("pagina", "per_pagina")


class Pages(PageNumberPagination):
    page_size = 50
    max_page_size = 100
    page_query_param, page_size_query_param = PAGE_PARAMETERS
    invalid_page_message = "Deze pagina bestaat niet."

    def get_page_size(self, request: Request) -> int:
        _checked(request, self.page_query_param, 1, None)
        size = _checked(request, self.page_size_query_param, 1, self.max_page_size)
        return size or self.page_size

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        """Count and order by ids only, then read the page's rows by id: sorting whole rows
        would read every profile's large answers (SQLite keeps them in the row)."""
        ids: list[Any] | None = super().paginate_queryset(
            _ids(queryset, request, view), request, view
        )
        if ids is None:
            return None
        # The view may read the rows from its unfiltered base query: the ids are already
        # the filtered, permitted ones, and the filters need not run a second time.
        page_rows = getattr(view, "page_rows", None)
        found = page_rows(ids) if page_rows else queryset.filter(pk__in=ids)
        rows: dict[Any, Model] = {row.pk: row for row in found}
        # A cached id whose row has gone since (a school without profiles deleted) is left out.
        return [rows[pk] for pk in ids if pk in rows]

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


# The key holds the version of the public data (`ids_cache_key`); the time limit only bounds
# what no stamp records: the summaries of published profiles rebuilt by a command.
IDS_CACHE_SECONDS = 5 * 60


def _ids(queryset: QuerySet[Any], request: Request, view: Any) -> Any:
    """The filtered, ordered ids of the whole list (a query or a list: Django pages both).

    Counting and ordering every public profile cost PostgreSQL more than the rest of the
    page; the view names a cache key when the list is the same for everyone who asks (no
    API key) and changes only with the public data, so the ids are kept per version.
    """
    all_ids = queryset.values_list("pk", flat=True)
    cache_key = getattr(view, "ids_cache_key", None)
    key = cache_key(request) if cache_key is not None else None
    if key is not None:
        found: list[Any] | None = cache.get(key)
        if found is None:
            found = list(all_ids)
            cache.set(key, found, IDS_CACHE_SECONDS)
        return found
    one_query = getattr(view, "ids_in_one_query", None)
    if one_query is not None and one_query(request):
        # Counting and then reading a page ran a costly filter twice; the view knows
        # when the ids it filters to are few enough to read all at once instead.
        return list(all_ids)
    return all_ids


def _checked(request: Request, name: str, lowest: int, highest: int | None) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < lowest or (highest is not None and int(raw) > highest):
        limit = f"van {lowest} tot en met {highest}" if highest else f"vanaf {lowest}"
        raise ValidationError({name: [f"Geef een heel getal {limit}."]})
    return int(raw)
