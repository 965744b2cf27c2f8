"""The SWV's API keys page: make a key (shown once), revoke one, and choose whether the
SWV's norm outcomes are public. SWV staff and site admins; nobody else finds the page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from opensop.accounts import access
from opensop.api import services
from opensop.api.models import ApiKey
from opensop.organisations.models import Swv


class KeyForm(forms.Form):
    naam = forms.CharField(
        label="Naam van de sleutel",
        max_length=100,
        help_text="Waarvoor of voor wie, bijv. 'Website SWV' of 'Onderzoek 2026'.",
    )


class NormPublicationForm(forms.Form):
    openbaar = forms.BooleanField(
        label="Normuitkomsten per school openbaar maken in de API en de open data",
        required=False,
    )


def _page(
    request: HttpRequest,
    swv: Swv,
    form: KeyForm,
    new_key: str | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "swv": swv,
        "form": form,
        "keys": ApiKey.objects.filter(swv=swv).select_related("created_by", "revoked_by"),
        "new_key": new_key,
        "norm_form": NormPublicationForm(initial={"openbaar": swv.publishes_norm_results}),
    }
    return render(request, "api/keys.html", context, status=status)


@never_cache  # the page that shows a new key once must not be kept by a browser or proxy
@require_http_methods(["GET", "HEAD", "POST"])
def keys_page(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "manage_api_keys")
    if request.method != "POST":
        return _page(request, swv, KeyForm())
    form = KeyForm(request.POST)
    if not form.is_valid():
        return _page(request, swv, form, status=400)
    _, plain = services.create_key(swv, form.cleaned_data["naam"], access.as_user(request.user))
    return _page(request, swv, KeyForm(), new_key=plain)


@require_POST
def revoke(request: HttpRequest, pk: int, key_pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "manage_api_keys")
    key = get_object_or_404(ApiKey, pk=key_pk, swv=swv)
    services.revoke_key(key, access.as_user(request.user))
    messages.success(request, f"De sleutel '{key.name}' is ingetrokken; hij werkt niet meer.")
    return redirect("swv-api-keys", pk=swv.pk)


@require_POST
def norm_publication(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "manage_api_keys")
    form = NormPublicationForm(request.POST)
    form.is_valid()  # a checkbox: absent means off
    publishes = bool(form.cleaned_data.get("openbaar"))
    services.set_norm_publication(swv, publishes, access.as_user(request.user))
    messages.success(
        request,
        "De normuitkomsten zijn nu openbaar."
        if publishes
        else "De normuitkomsten zijn niet (meer) openbaar.",
    )
    return redirect("swv-api-keys", pk=swv.pk)
