from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.org import selectors as org_selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"memberships": org_selectors.memberships_of(request.user)},
    )
