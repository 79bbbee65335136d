from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.org import selectors as org_selectors
from dangvu.workspace.todo import todo_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The home page: what to do next (việc cần làm), then the user's roles."""
    return render(
        request,
        "workspace/home.html",
        {
            "todo": todo_for(request.user),
            "memberships": org_selectors.memberships_of(request.user),
        },
    )
