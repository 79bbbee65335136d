"""Writes to the organisation tree. Each service asks the org policy (`permissions.py`) inside its
transaction before writing anything, checks the rule it names, writes atomically and leaves an
audit entry; views, the API, imports and the demo all go through here.
The package, along its seams: `organisations` (create, update, close), `successions` (the act and
its links), `people` (terms, people, positions, roles), `accounts` (user accounts of imported
people). Callers import from `dangvu.org.services` as before.
"""

from dangvu.org.services._common import ORG_AUDIT_FIELDS, folded_name
from dangvu.org.services.accounts import account_create, account_setup_link
from dangvu.org.services.organisations import (
    organisation_close,
    organisation_create,
    organisation_update,
    parent_error,
)
from dangvu.org.services.people import (
    membership_end,
    membership_grant,
    person_create,
    position_assign,
    term_create,
)
from dangvu.org.services.successions import (
    link_graph,
    reorganisation_create,
    succession_add,
    succession_remove,
    succession_update,
)

__all__ = [
    "ORG_AUDIT_FIELDS",
    "account_create",
    "account_setup_link",
    "folded_name",
    "link_graph",
    "membership_end",
    "membership_grant",
    "organisation_close",
    "organisation_create",
    "organisation_update",
    "parent_error",
    "person_create",
    "position_assign",
    "reorganisation_create",
    "succession_add",
    "succession_remove",
    "succession_update",
    "term_create",
]
