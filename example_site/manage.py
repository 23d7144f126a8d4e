#!/usr/bin/env python
"""Django's command-line utility for the wagtail-liveblog example site.

Works from the repository root (``python example_site/manage.py ...``) and
from inside ``example_site/`` (``python manage.py ...``).
"""

import os
import sys
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent


def main() -> None:
    # The site's packages (example_site, home) live next to this file; the
    # repository root holds wagtail_liveblog for an uninstalled checkout.
    for path in (SITE_DIR, SITE_DIR.parent):
        if str(path) not in sys.path:
            sys.path.insert(0 if path == SITE_DIR else len(sys.path), str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
