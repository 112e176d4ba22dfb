"""Restore a backup written by `manage.py backup` into an empty, migrated database.

python manage.py migrate && python manage.py restore var/backup-2026-11-26.xml
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from indicators.models import Plan


class Command(BaseCommand):
    help = "从 backup 生成的XML文件恢复数据库(数据库须为空)。"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        if Plan.objects.exists():
            raise CommandError("数据库不是空的:请在新建并迁移好的空数据库上恢复。")
        call_command("loaddata", path, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"已从 {path} 恢复"))
