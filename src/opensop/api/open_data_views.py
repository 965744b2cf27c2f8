"""/open-data/: the files of the last `export_open_data`, with their date and licence."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from opensop.api.open_data import KINDS, LICENCE, LICENCE_URL, read_manifest

CONTENT_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}


def _manifest() -> dict[str, Any] | None:
    return read_manifest(default_storage, str(settings.OPENSOP_OPEN_DATA_PREFIX))


def _by_swv(files: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for file in files:
        grouped.setdefault(file["samenwerkingsverband"], []).append(file)
    return sorted(grouped.items())


@require_safe
def downloads(request: HttpRequest) -> HttpResponse:
    manifest = _manifest()
    files = manifest["bestanden"] if manifest else []
    context = {
        "manifest": manifest,
        "national": [f for f in files if not f["samenwerkingsverband"]],
        "per_swv": _by_swv([f for f in files if f["samenwerkingsverband"]]),
        "kinds": KINDS,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
    }
    return render(request, "api/open_data.html", context)


@require_safe
def download(request: HttpRequest, name: str) -> FileResponse:
    manifest = _manifest()
    # Only names the manifest lists: nothing else in the storage is reachable from here.
    if manifest is None or name not in {f["naam"] for f in manifest["bestanden"]}:
        raise Http404
    path = f"{settings.OPENSOP_OPEN_DATA_PREFIX}/{name}"
    if not default_storage.exists(path):
        raise Http404
    suffix = name[name.rfind(".") :]
    return FileResponse(
        default_storage.open(path, "rb"),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
