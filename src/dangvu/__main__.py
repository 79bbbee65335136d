"""The `dangvu` console script: Django's manage.py under the project's own name.

``dangvu extract FILE`` goes straight to the pure extraction command line (dangvu.extraction.cli),
before Django is configured: reading a text needs neither settings nor a database, so it works in a
plain shell without DEBUG or SECRET_KEY.
"""

import os
import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "extract":
        from dangvu.extraction.cli import main as extract_main

        sys.exit(extract_main(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
