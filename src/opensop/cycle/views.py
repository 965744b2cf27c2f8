"""The SWV's school years: which regime, and the deadline for its schools. (Figures from
DUO files: imports/duo/.)"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opensop.accounts import access
from opensop.cycle import services
from opensop.cycle.forms import RegimeYearForm


@require_http_methods(["GET", "POST"])
def regime_years(request: HttpRequest, pk: int) -> HttpResponse:
    swv = access.swv_for(request.user, pk, "set_regime")
    form = RegimeYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor = request.user if isinstance(request.user, User) else None
        try:
            row = services.set_regime_year(
                swv, data["school_year"], data["regime"], data["deadline"], actor
            )
        except services.CycleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Schooljaar {row.school_year}: {row.get_regime_display()} opgeslagen."
            )
            return redirect("swv-regime-years", pk=swv.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "cycle/regime_years.html",
        {"swv": swv, "form": form, "years": swv.regime_years.all()},
        status=status,
    )
