"""The API's error answers in Dutch, as {"fout": "..."} plus DRF's field details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

MESSAGES: dict[type[exceptions.APIException], str] = {
    exceptions.NotFound: "Niet gevonden.",
    exceptions.MethodNotAllowed: "Deze API kan alleen lezen (GET).",
    exceptions.NotAcceptable: "Deze API antwoordt alleen in JSON.",
    exceptions.PermissionDenied: "U mag dit niet opvragen.",
}


def _throttled(exc: exceptions.Throttled) -> str:
    seconds = getattr(exc, "wait", None)  # set by DRF, missing from its type stubs
    wait = f" Probeer het over {int(seconds) + 1} seconden opnieuw." if seconds else ""
    return f"Te veel verzoeken.{wait} Zie de limieten in de documentatie."


def dutch_errors(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.Throttled):
        response.data = {"fout": _throttled(exc)}
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {"fout": "De vraag klopt niet; zie 'velden'.", "velden": response.data}
    else:
        message = next((m for cls, m in MESSAGES.items() if isinstance(exc, cls)), None)
        response.data = {"fout": message or str(exc.detail)}
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A URL that matches no page: JSON under /api/ (as the schema says), else Django's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"fout": "Niet gevonden."}, status=404)
    return page_not_found(request, exception)
