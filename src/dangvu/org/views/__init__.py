"""Pages of the organisation tree. Reads come from selectors, writes from services; only office
staff and administrators reach the forms (others get 403).
The package (issue 18): `tree` (the tree and an organisation's page), `organisations` (its forms
and links), `reorganisations` (acts and the Excel import), `handover`, `roles`; `urls.py` keeps
`views.<name>`.
"""

from dangvu.org.views.handover import handover_plan, handover_unit
from dangvu.org.views.organisations import close, create, lineage, succeed, succession_edit, update
from dangvu.org.views.reorganisations import (
    import_confirm,
    import_template,
    import_upload,
    reorganisation_detail,
    reorganisation_links_export,
    reorganisation_list,
)
from dangvu.org.views.roles import roles
from dangvu.org.views.tree import detail, tree, tree_children

__all__ = [
    "close",
    "create",
    "detail",
    "handover_plan",
    "handover_unit",
    "import_confirm",
    "import_template",
    "import_upload",
    "lineage",
    "reorganisation_detail",
    "reorganisation_links_export",
    "reorganisation_list",
    "roles",
    "succeed",
    "succession_edit",
    "tree",
    "tree_children",
    "update",
]
