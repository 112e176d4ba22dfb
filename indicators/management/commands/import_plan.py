"""Import a plan file (docs/plan-file.md): all of it, or nothing.

python manage.py import_plan fixtures/plan14.xlsx [--replace-values] [--region 420106]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.planfile import read_plan_file
from indicators.services import RuleError
from indicators.services.planfiles import plan_file_import


class Command(BaseCommand):
    help = "导入规划文件(.xlsx):全部导入,或有任何问题则一项也不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace-values",
            action="store_true",
            help="文件中的数值与库中不同时,作为新版本替换(旧版本保留)",
        )
        parser.add_argument(
            "--region", help="规划所属行政区划代码,如 420106(武昌区);默认为本部署所在区"
        )

    def handle(self, file: Path, replace_values: bool, region: str | None, **options):
        if not file.is_file():
            raise CommandError(f"找不到文件 {file}")
        data = read_plan_file(file.read_bytes())
        if isinstance(data, list):
            raise CommandError("规划文件有错误,没有导入:\n" + "\n".join(map(str, data)))
        try:
            report = plan_file_import(
                data=data, user=None, replace_values=replace_values, region=region
            )
        except RuleError as error:
            raise CommandError(f"没有导入:\n{error}") from error
        if report.changes_nothing:
            self.stdout.write(f"规划 {report.code} 与库中一致,没有改动。")
            return
        for line in report.created + report.new_assessments:
            self.stdout.write(f"新建 {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"规划 {report.code}:新增数值{len(report.new_values)}项,"
                f"替换{len(report.differences)}项,未变{report.same_values}项。"
            )
        )
