"""Unlock accounts locked after failed logins: django-axes' axes_reset, in Chinese.

python manage.py unlock fgj ylj     # these accounts
python manage.py unlock             # every account
"""

from axes.utils import reset
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "解除登录失败造成的锁定:给出用户名则只解除这些账号,不给则解除全部。"

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", help="用户名(可多个)")

    def handle(self, usernames, **options):
        if not usernames:
            count = reset()
            self.stdout.write(self.style.SUCCESS(f"已解除全部锁定,清除了{count}条登录失败记录。"))
            return
        for username in usernames:
            count = reset(username=username)
            if count:
                self.stdout.write(
                    self.style.SUCCESS(f"已解除 {username} 的锁定,清除了{count}条登录失败记录。")
                )
            else:
                self.stdout.write(f"{username} 没有登录失败记录,无需解除。")
