"""One Vietnamese date format on every page (11/9/2020; 14:00, 11/9/2020), and a refused form
(an expired CSRF token) answered in Vietnamese inside the site's layout."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.template import engines
from django.test import Client
from django.utils import translation

from tests.factories import UserFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "dangvu"
# A date written for people; machine formats (input values, URLs, ISO 8601) stay.
DISPLAY_FORMAT = re.compile(r"""\|date:["'](?!Y-m-d["']|c["']|Y-m-d\\TH:i["'])""")


def render(source: str, **context: Any) -> str:
    return engines["django"].from_string(source).render(context)


def test_no_template_writes_a_date_its_own_way() -> None:
    # The public portal keeps the shape of the committee's published site (12/09/2020 | 09:38).
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("templates/**/*")
        if path.suffix in {".html", ".txt"} and "portal" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DISPLAY_FORMAT.search(line)
    ]
    assert offenders == []


def test_filters_and_bare_values_read_the_same() -> None:
    moment = dt.datetime(2020, 10, 2, 7, 0, tzinfo=dt.UTC)  # 14:00 in Hà Nội
    day = dt.date(2020, 9, 11)
    with translation.override("vi"):
        assert render("{{ d|vn_date }}", d=day) == "11/9/2020"
        assert render("{{ d }}", d=day) == "11/9/2020"
        assert render("{{ m|vn_datetime }}", m=moment) == "14:00, 2/10/2020"
        assert render("{{ m }}", m=moment) == "14:00, 2/10/2020"
        assert render("{{ m|vn_date }}", m=moment) == "2/10/2020"
        assert render("{{ d|vn_datetime }}", d=day) == "11/9/2020"
        assert render("{{ d|vn_date }}", d=None) == ""


def test_an_expired_form_is_refused_in_vietnamese_in_the_layout(db: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/notifications/read-all/", {})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in page
    assert 'class="topbar"' in page
    assert "Forbidden" not in page
    assert "CSRF verification" not in page
