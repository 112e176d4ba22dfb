"""Start the next plan from the previous one.

    python manage.py start_plan --from 14th --code 15th --name "“十五五”规划" \\
        --start 2026 --end 2030 --indicators 1 3 5 8 9 11 18

The chosen indicators continue, linked to their predecessors; each baseline is
the approved value of the base year (start - 1) where one exists, else empty;
targets are left for the planning admin. Running it again creates nothing new.
"""

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Plan
from indicators.services import RuleError, plan_start_from


class Command(BaseCommand):
    help = "由上一个规划创建新规划,选择延续的指标。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="previous", required=True, help="上一个规划的代码,如 14th"
        )
        parser.add_argument("--code", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument("--title", default="")
        parser.add_argument("--start", type=int, required=True)
        parser.add_argument("--end", type=int, required=True)
        parser.add_argument(
            "--indicators", type=int, nargs="*", help="延续的指标序号;不填则全部延续"
        )

    def handle(self, previous, code, name, title, start, end, indicators, **options):
        plan = Plan.objects.filter(code=previous).first()
        if plan is None:
            raise CommandError(f"没有代码为“{previous}”的规划。")
        numbers = indicators or list(plan.indicators.values_list("number", flat=True))
        try:
            new_plan, made = plan_start_from(
                previous=plan,
                code=code,
                name=name,
                title=title or name,
                start_year=start,
                end_year=end,
                numbers=numbers,
                user=None,  # the server's operator
            )
        except RuleError as error:
            raise CommandError(str(error)) from error
        with_baseline = sum(1 for i in made if not i.baseline.is_blank)
        self.stdout.write(
            self.style.SUCCESS(
                f"{new_plan.name}:新建{len(made)}项延续指标,其中{with_baseline}项有基期值;"
                f"共{new_plan.indicators.count()}项。"
            )
        )
