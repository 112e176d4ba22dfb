from django.core.management.base import BaseCommand, CommandError

from indicators.services import FixtureError, plans_load


class Command(BaseCommand):
    help = "载入规划原文中的两张指标表(已载入的规划不会被覆盖)。"

    def handle(self, *args, **options):
        try:
            report = plans_load()
        except FixtureError as error:
            raise CommandError(str(error)) from error
        for code in report.created:
            self.stdout.write(self.style.SUCCESS(f"已载入规划 {code}"))
        for code in report.skipped:
            self.stdout.write(f"规划 {code} 已存在,未改动")
