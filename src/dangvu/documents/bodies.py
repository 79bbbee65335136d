"""Who issues a Party document and where: the place (địa danh), the superior body and the
issuing body of the header, from the organisation tree. One copy for every document (the notice,
the report, the conference papers)."""

from __future__ import annotations

from typing import Protocol

# The committee names a kind of committee then a place: "Quận ủy Long Biên".
COMMITTEE_PREFIXES = ("Thành ủy ", "Tỉnh ủy ", "Quận ủy ", "Huyện ủy ", "Thị ủy ", "Đảng ủy ")
# The Party organisation a committee leads, as the header of its subordinates writes it.
PARTY_ORGANISATION = {
    "Thành ủy ": "Đảng bộ thành phố ",
    "Tỉnh ủy ": "Đảng bộ tỉnh ",
    "Quận ủy ": "Đảng bộ quận ",
    "Huyện ủy ": "Đảng bộ huyện ",
    "Thị ủy ": "Đảng bộ thị xã ",
    "Đảng ủy ": "Đảng bộ ",
}
# Administrative words before a place name ("Đảng ủy phường Bồ Đề" is in "Bồ Đề").
PLACE_WORDS = ("phường ", "xã ", "thị trấn ", "đặc khu ")


class OrganisationLike(Protocol):
    name: str
    short_name: str

    @property
    def parent(self) -> OrganisationLike | None: ...


def committee_word(committee: OrganisationLike) -> str:
    """ "Quận ủy" for "Quận ủy Long Biên"; the whole name when it names no kind."""
    for prefix in COMMITTEE_PREFIXES:
        if committee.name.startswith(prefix):
            return prefix.strip()
    return committee.name


def place_of(committee: OrganisationLike) -> str:
    """ "Long Biên" from "Quận ủy Long Biên", "Bồ Đề" from "Đảng ủy phường Bồ Đề"."""
    name = committee.name
    for prefix in COMMITTEE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    for word in PLACE_WORDS:
        if name.lower().startswith(word):
            name = name[len(word) :]
            break
    return name[:1].upper() + name[1:]


def superior_body_of(committee: OrganisationLike) -> str:
    """The Party organisation above the committee, as the header names it: under "Thành ủy Hà
    Nội" it is "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; empty at the top of the tree."""
    parent = committee.parent
    if parent is None:
        return ""
    name = parent.name
    for prefix, organisation in PARTY_ORGANISATION.items():
        if name.startswith(prefix):
            name = organisation + name[len(prefix) :]
            break
    return name.upper()


def issuing_body_of(committee: OrganisationLike) -> str:
    return committee.name.upper()
