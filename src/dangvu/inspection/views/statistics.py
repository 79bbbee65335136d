"""The statistics page: counts per level for a period, drill-down, Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangvu.core import policy
from dangvu.core.dates import today
from dangvu.inspection import exports
from dangvu.inspection.forms import StatisticsForm
from dangvu.inspection.statistics import SHOWN, Statistics, count_labels, inspection_statistics
from dangvu.org.models import Organisation


def _statistics(request: HttpRequest) -> tuple[StatisticsForm, Statistics]:
    if not policy.allowed(request.user, "inspection.use"):
        raise Http404(_("No such page."))
    form = StatisticsForm(request.GET or None, user=request.user)
    start, end = form.period(today().year)
    under = None
    raw = request.GET.get("under", "")
    if raw.isdigit():
        under = Organisation.objects.filter(pk=int(raw)).first()
        if not policy.allowed(request.user, "inspection_statistics.read", under):
            raise Http404(_("No such organisation."))
    return form, inspection_statistics(request.user, start=start, end=end, under=under)


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    form, stats = _statistics(request)
    labels = count_labels()
    parent = stats.under.parent if stats.under is not None else None
    up = parent if policy.allowed(request.user, "inspection_statistics.read", parent) else None
    return render(
        request,
        "inspection/statistics.html",
        {
            "form": form,
            "stats": stats,
            "headings": [labels[c] for c in SHOWN],
            "query": request.GET.urlencode(),
            "up": up,
        },
    )


@login_required
def statistics_export_view(request: HttpRequest) -> HttpResponse:
    _form, stats = _statistics(request)
    response = HttpResponse(
        exports.statistics_workbook(stats),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="thong-ke-kiem-tra.xlsx"'
    return response
