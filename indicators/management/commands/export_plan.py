"""Export a plan as a plan file (docs/plan-file.md): approved values only.

python manage.py export_plan 14th plan14.xlsx
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Plan
from indicators.planfile_export import plan_file_bytes


class Command(BaseCommand):
    help = "把一个规划导出为规划文件(.xlsx),只含已审核通过的数值。"

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("file", type=Path)

    def handle(self, code: str, file: Path, **options):
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"没有代码为“{code}”的规划。")
        file.write_bytes(plan_file_bytes(plan))
        self.stdout.write(self.style.SUCCESS(f"已导出 {plan.name} 到 {file}"))
