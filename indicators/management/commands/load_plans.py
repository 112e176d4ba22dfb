from django.core.management.base import BaseCommand, CommandError

from indicators.services import FixtureError, RuleError, commitments_load, plans_load


class Command(BaseCommand):
    help = "载入规划原文中的两张指标表和正文中的量化目标(已载入的不会被覆盖)。"

    def handle(self, *args, **options):
        try:
            report = plans_load()
            commitments = commitments_load()
        except (FixtureError, RuleError) as error:
            raise CommandError(str(error)) from error
        if commitments:
            self.stdout.write(self.style.SUCCESS(f"已载入规划正文目标 {commitments} 项"))
        for code in report.created:
            self.stdout.write(self.style.SUCCESS(f"已载入规划 {code}"))
        for code in report.skipped:
            self.stdout.write(f"规划 {code} 已存在,未改动")
