"""Send the reminders that are due: deadlines within 3 days, and late bureaus.

Idempotent (each reminder has a unique key), so cron may run it every hour:
    0 * * * *  cd /srv/hongshan && .venv/bin/python manage.py send_reminders
"""

from django.core.management.base import BaseCommand

from indicators.services import reminders_send


class Command(BaseCommand):
    help = "发送到期的填报提醒(截止前3天、逾期未报);同一提醒不会重复发送。"

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"已发送{sent}条提醒。")
