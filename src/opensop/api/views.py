"""/api/v1/: read-only. Anyone reads the public data; an SWV's API key also reads every
profile of its own schools (accounts/access.py). docs/api.md describes it for users."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from opensop.accounts.access import may_read_norm_results, may_read_personal_answers
from opensop.api import queries, serializers
from opensop.api.filters import ProfileFilter, SchoolFilter
from opensop.api.models import ApiKey
from opensop.api.pagination import PAGE_PARAMETERS
from opensop.formats.vocabulary import default_vocabulary
from opensop.organisations.models import School, Swv
from opensop.profiles.models import Profile
from opensop.profiles.published import public_version
from opensop.profiles.registry import registry


def key_swv_id(request: Request) -> int | None:
    return request.auth.swv_id if isinstance(request.auth, ApiKey) else None


class SwvList(generics.ListAPIView[Swv]):
    """Alle samenwerkingsverbanden."""

    serializer_class = serializers.SwvSerializer
    queryset = Swv.objects.order_by("code", "pk")


class SwvDetail(generics.RetrieveAPIView[Swv]):
    serializer_class = serializers.SwvSerializer
    queryset = Swv.objects.all()


class _PublicIds:
    """A list whose filtered ids are the same for everyone without an API key: the paginator
    keeps them in the cache per version of the public data (pagination.py)."""

    def ids_cache_key(self, request: Request) -> str | None:
        if key_swv_id(request) is not None:  # a key also reads its SWV's unpublished profiles
            return None
        filters = sorted(
            (name, value)
            for name, values in request.query_params.lists()
            if name not in PAGE_PARAMETERS
            for value in values
        )
        stamp = repr((type(self).__name__, filters, public_version()))
        return "api-ids-" + hashlib.sha256(stamp.encode()).hexdigest()


class _SchoolView(generics.GenericAPIView[School]):
    newest: dict[int, queries.NewestProfile] | None = None

    def with_newest_profiles(self, schools: list[School]) -> list[School]:
        self.newest = queries.newest_public_profiles([school.pk for school in schools])
        return schools

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        context["newest_profiles"] = self.newest or {}
        return context


class SchoolList(_PublicIds, _SchoolView, generics.ListAPIView[School]):
    """Alle scholen (vestigingen), met het niveau per ondersteuningsbehoefte uit hun
    nieuwste gepubliceerde profiel."""

    serializer_class = serializers.SchoolSerializer
    filterset_class = SchoolFilter

    def get_queryset(self) -> QuerySet[School]:
        return queries.schools()

    def page_rows(self, ids: list[int]) -> list[School]:
        return self.with_newest_profiles(list(queries.schools().filter(pk__in=ids)))

    def ids_in_one_query(self, request: Request) -> bool:
        """With a need filter (a search of every newest public profile) all the matching
        ids at once, at most one per school, cost less than that search twice (count, page)."""
        return "behoefte" in request.query_params


class SchoolDetail(_SchoolView, generics.RetrieveAPIView[School]):
    serializer_class = serializers.SchoolSerializer

    def get_object(self) -> School:
        code: str = self.kwargs["code"].upper()
        school = queries.schools().filter(brin=code[:4], location=code[4:]).first()
        if school is None:
            raise Http404
        return self.with_newest_profiles([school])[0]


class _ProfileView(generics.GenericAPIView[Profile]):
    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()
        own = key_swv_id(self.request)
        context["shows_norms"] = lambda swv: may_read_norm_results(swv, own)
        context["reads_personal_data"] = lambda swv_id: may_read_personal_answers(swv_id, own)
        return context


class ProfileList(_PublicIds, _ProfileView, generics.ListAPIView[Profile]):
    """Gepubliceerde profielen (zonder antwoorden; die staan bij één profiel). Met een
    API-sleutel ook alle profielen van de eigen scholen, in elke status."""

    serializer_class = serializers.ProfileSerializer
    filterset_class = ProfileFilter

    def get_queryset(self) -> QuerySet[Profile]:
        return queries.profiles(key_swv_id(self.request))

    def page_rows(self, ids: list[int]) -> QuerySet[Profile]:
        return queries.profile_rows(ids)


class ProfileDetail(_ProfileView, generics.RetrieveAPIView[Profile]):
    """Eén profiel met al zijn antwoorden, in de woorden van het formaat."""

    serializer_class = serializers.ProfileDetailSerializer

    def get_queryset(self) -> QuerySet[Profile]:
        return queries.profiles(key_swv_id(self.request), with_answers=True)


class FormatList(APIView):
    """De formaten (vragenlijsten) die samenwerkingsverbanden gebruiken."""

    @extend_schema(responses=serializers.FormatSerializer(many=True))
    def get(self, request: Request) -> Response:
        definitions = sorted(registry(), key=lambda d: (d.id, d.version))
        return Response([serializers.format_summary(d) for d in definitions])


class FormatDetail(APIView):
    @extend_schema(responses=serializers.FormatDetailSerializer)
    def get(self, request: Request, format_id: str, version: int) -> Response:
        definition = registry().get(format_id, version)
        if definition is None:
            raise Http404
        return Response(serializers.format_detail(definition))


class SupportNeedList(APIView):
    """De gedeelde woordenlijst van ondersteuningsbehoeften, met synoniemen."""

    @extend_schema(responses=serializers.SupportNeedSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response([serializers.support_need(n) for n in default_vocabulary().needs])


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema: the same document for everyone, so outside the request limits
    (and it asks nothing of the database)."""

    throttle_classes = ()


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI, its scripts and styles served from our own static files (the sidecar).
    Under the Content-Security-Policy no script or style may be inline: the split view
    serves the start script from this URL with `?script` (drf-spectacular's way for a
    strict policy), and our template takes the page's few style rules from a stylesheet."""

    throttle_classes = ()
    template_name = "api/swagger_ui.html"
