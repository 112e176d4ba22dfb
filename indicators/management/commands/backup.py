"""Write the whole database to an XML file that `manage.py restore` (or loaddata) reads back.

    python manage.py backup var/backup-2026-11-26.xml

XML, not JSON: Django's JSON encoder cuts times to milliseconds, XML keeps them whole,
so a restored database is equal to the one backed up.

Everything the product holds: plans, indicators, values with all their versions,
history, assessments, target revisions, accounts. Not Django's own bookkeeping
(content types, permissions, sessions, admin log) nor login-attempt records.

The file holds password hashes and unpublished figures: it is readable by its owner only."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class Command(BaseCommand):
    help = "把整个数据库备份为XML文件。"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        # Created (or truncated) owner-only before anything is written to it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(path, 0o600)
        call_command(
            "dumpdata",
            format="xml",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            indent=1,
            output=path,
        )
        self.stdout.write(self.style.SUCCESS(f"已备份到 {path}"))
