"""The API's and open data's URLs, flat (no include) so the roles × URLs matrix sees each."""

from __future__ import annotations

from django.urls import path, register_converter

from opensop.api import key_views, open_data_views, views


class SchoolCode:
    regex = "[0-9]{2}[A-Za-z]{2}[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(SchoolCode, "school")

urlpatterns = [
    path("api/v1/schema/", views.SchemaView.as_view(), name="api-schema"),
    path("api/v1/docs/", views.DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/samenwerkingsverbanden/", views.SwvList.as_view(), name="api-swvs"),
    path("api/v1/samenwerkingsverbanden/<int:pk>/", views.SwvDetail.as_view(), name="api-swv"),
    path("api/v1/scholen/", views.SchoolList.as_view(), name="api-schools"),
    path("api/v1/scholen/<school:code>/", views.SchoolDetail.as_view(), name="api-school"),
    path("api/v1/profielen/", views.ProfileList.as_view(), name="api-profiles"),
    path("api/v1/profielen/<int:pk>/", views.ProfileDetail.as_view(), name="api-profile"),
    path("api/v1/formaten/", views.FormatList.as_view(), name="api-formats"),
    path(
        "api/v1/formaten/<slug:format_id>/<int:version>/",
        views.FormatDetail.as_view(),
        name="api-format",
    ),
    path(
        "api/v1/ondersteuningsbehoeften/", views.SupportNeedList.as_view(), name="api-support-needs"
    ),
    # SWV staff: their API keys, and whether their norm outcomes are public.
    path("swv/<int:pk>/api-sleutels/", key_views.keys_page, name="swv-api-keys"),
    path(
        "swv/<int:pk>/api-sleutels/<int:key_pk>/intrekken/",
        key_views.revoke,
        name="swv-api-key-revoke",
    ),
    path(
        "swv/<int:pk>/api-sleutels/normuitkomsten/",
        key_views.norm_publication,
        name="swv-norm-publication",
    ),
    # Open data: the download page and its files.
    path("open-data/", open_data_views.downloads, name="open-data"),
    path("open-data/<str:name>", open_data_views.download, name="open-data-file"),
]
