"""``manage.py liveblog_openapi``: write API v2's OpenAPI document.

Generated from the read side's shapes (``readmodel/shapes.py``), which API
v3 declares too; the package ships the result as
``wagtail_liveblog/api/v2/openapi.json`` and a test checks it is current.
Needs pydantic (Wagtail 8). ``--check`` only says whether the shipped
file is current (exit status 1 when not).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ...api.v2.openapi import DOCUMENT_PATH, build_document, document_text


class Command(BaseCommand):
    help = "Write API v2's OpenAPI document from the read side's shapes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check that the shipped document is current.",
        )

    def handle(self, *args, check: bool = False, **options):
        try:
            text = document_text(build_document())
        except ImportError as error:
            raise CommandError(
                f"Generating the document needs pydantic (Wagtail 8): {error}"
            ) from None
        current = DOCUMENT_PATH.read_text(encoding="utf-8")
        if check:
            if text != current:
                raise CommandError(
                    f"{DOCUMENT_PATH} is out of date: run manage.py liveblog_openapi"
                )
            self.stdout.write("The shipped OpenAPI document is current.")
            return
        DOCUMENT_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOCUMENT_PATH}")
