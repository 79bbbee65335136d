"""An iCalendar (RFC 5545) feed of conferences, written by hand: CRLF line ends, lines folded at
75 octets, text escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from dangvu.core.text import clean_text
from dangvu.meetings.models import Conference

DEFAULT_LENGTH = dt.timedelta(hours=3)


def escape(text: str) -> str:
    """TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, every line break
    (CRLF, a bare CR or LF, a vertical tab…) as \\n, other control characters dropped, so that no
    stored value can start a line of its own in the feed."""
    text = clean_text(text)  # NFC; CR, VT, FF, U+2028… become "\n"; controls removed
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces (never inside a UTF-8 character), each
    continuation starting with a space."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
            limit = 74  # the leading space counts
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_feed(conferences: Iterable[Conference], *, host: str, url_for: dict[int, str]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Dangvu//Conferences//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    stamp = _utc(timezone.now())
    for conference in conferences:
        description = conference.committee.name
        if conference.chair:
            description += f"\n{conference.chair.full_name}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:conference-{conference.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(conference.starts_at)}",
            f"DTEND:{_utc(conference.starts_at + DEFAULT_LENGTH)}",
            f"SUMMARY:{escape(conference.title)}",
            f"DESCRIPTION:{escape(description)}",
        ]
        if conference.place:
            lines.append(f"LOCATION:{escape(conference.place)}")
        if conference.pk in url_for:
            lines.append(f"URL:{url_for[conference.pk]}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
