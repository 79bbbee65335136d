"""Import a reorganisation (or plain organisations and people) from one Excel workbook, all or
nothing.

Sheets (each optional, at least one present):
- "Quyết định": the act (number, date, issuer, effective day), one row;
- "Tổ chức": units to create (with an order key);
- "Cập nhật": units to rename, retype, reorder or close (a last day);
- "Kế thừa": successor links (old code, new code, kind, the resolution's wording and clause);
- "Nhân sự": people and their positions;
- "Vai trò": roles (memberships) of user accounts.

`read_workbook` (or `read_payload` for the API) checks every row against every rule the confirm
applies — the permission of the user for the row's target, codes, lengths, types, dates, parents
that exist and are not outlived, and the succession rules of `succession_rules` on the links as
they will stand — naming sheet and row; `apply_plan` writes a plan without errors through the
services, in one transaction, so a change in between rolls everything back.

The package, along its seams: `reading` (sheets, columns, the plan, one value's checks),
`check_base`/`check_units`/`check_links`/`check_people` (the checks by sheet), `checking` (read
and check), `writing` (apply), `template` (the template and a reorganisation's links). Callers
import from `dangvu.org.imports` as before.
"""

from dangvu.org.imports.checking import Checker, check_plan, read_payload, read_workbook
from dangvu.org.imports.reading import (
    ACT_COLUMNS,
    ACT_SHEET,
    CODE_PATTERN,
    LIMITS,
    LINK_COLUMNS,
    LINK_SHEET,
    LISTS_SHEET,
    MAX_ROWS,
    OPTIONAL_COLUMNS,
    ORG_COLUMNS,
    ORG_SHEET,
    PEOPLE_COLUMNS,
    PEOPLE_SHEET,
    ROLE_COLUMNS,
    ROLE_SHEET,
    UPDATE_COLUMNS,
    UPDATE_SHEET,
    ImportFileError,
    ImportPlan,
    Row,
)
from dangvu.org.imports.template import links_workbook, template_workbook
from dangvu.org.imports.writing import apply_plan, apply_plan_or_error

__all__ = [
    "ACT_COLUMNS",
    "ACT_SHEET",
    "CODE_PATTERN",
    "LIMITS",
    "LINK_COLUMNS",
    "LINK_SHEET",
    "LISTS_SHEET",
    "MAX_ROWS",
    "OPTIONAL_COLUMNS",
    "ORG_COLUMNS",
    "ORG_SHEET",
    "PEOPLE_COLUMNS",
    "PEOPLE_SHEET",
    "ROLE_COLUMNS",
    "ROLE_SHEET",
    "UPDATE_COLUMNS",
    "UPDATE_SHEET",
    "Checker",
    "ImportFileError",
    "ImportPlan",
    "Row",
    "apply_plan",
    "apply_plan_or_error",
    "check_plan",
    "links_workbook",
    "read_payload",
    "read_workbook",
    "template_workbook",
]
