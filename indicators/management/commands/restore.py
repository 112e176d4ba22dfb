"""Restore a backup written by `manage.py backup` into an empty, migrated database.

python manage.py migrate && python manage.py restore var/backup-2026-11-26.xml

A database that holds anything of the product (an account, a plan, a bureau) is
refused: restoring would silently replace or mix with it. `--force` restores anyway.
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from indicators.models import Bureau, Plan


def holdings() -> list[str]:
    """What the database already holds, in Chinese: empty when there is nothing."""
    counts = [
        ("个账号", get_user_model().objects.count()),
        ("个规划", Plan.objects.count()),
        ("个单位", Bureau.objects.count()),
    ]
    return [f"{count}{what}" for what, count in counts if count]


class Command(BaseCommand):
    help = "从 backup 生成的XML文件恢复数据库(数据库须为空,或加 --force)。"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--force", action="store_true", help="数据库不空也恢复(会覆盖或混入现有数据)"
        )

    def handle(self, path, force=False, **options):
        held = holdings()
        if held and not force:
            raise CommandError(
                f"数据库不是空的(已有{'、'.join(held)}):请在新建并迁移好的空数据库上恢复,"
                "或确认后加 --force。"
            )
        call_command("loaddata", path, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"已从 {path} 恢复"))
