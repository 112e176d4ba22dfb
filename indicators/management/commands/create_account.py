"""Create or update an account with its role and bureaus.

    python manage.py create_account zhangsan --role staff --bureau 区发改局 --password '...'
    python manage.py create_account planner --role planner
    python manage.py create_account root --role superuser

Without --password a random one is generated and printed once.
"""

import secrets

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.models import Account, Bureau, BureauAlias, Role

ROLES = {"staff": Role.STAFF, "planner": Role.PLANNER, "official": Role.OFFICIAL, "superuser": None}


class Command(BaseCommand):
    help = "创建或更新账号:用户名、角色(staff/planner/official/superuser)、所属单位。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument(
            "--bureau", action="append", default=[], help="单位名称(可重复);填报员必填"
        )
        parser.add_argument("--password", help="不填则随机生成并显示一次")
        parser.add_argument("--name", default="", help="姓名")

    @transaction.atomic
    def handle(self, username, role, bureau, password, name, **options):
        bureaus = [self._bureau(text) for text in bureau]
        if role == "staff" and not bureaus:
            raise CommandError("填报员必须指定至少一个 --bureau。")
        user, created = User.objects.get_or_create(username=username)
        generated = password is None and created
        if generated:
            password = secrets.token_urlsafe(12)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(";".join(error.messages)) from error
            user.set_password(password)
        if name:
            user.first_name = name
        user.is_superuser = user.is_staff = role == "superuser"
        if role == "planner":
            user.is_staff = True  # planning admins work in the Django admin too
        user.save()
        if ROLES[role] is None:
            Account.objects.filter(user=user).delete()
        else:
            account, _ = Account.objects.update_or_create(user=user, defaults={"role": ROLES[role]})
            account.bureaus.set(bureaus)
        verb = "已创建" if created else "已更新"
        where = f",单位:{'、'.join(b.name for b in bureaus)}" if bureaus else ""
        self.stdout.write(self.style.SUCCESS(f"{verb}账号 {username}({role}{where})"))
        if generated:
            self.stdout.write(f"初始密码(只显示这一次):{password}")

    def _bureau(self, text: str) -> Bureau:
        bureau = Bureau.objects.filter(name=text).first()
        if bureau is None:
            alias = BureauAlias.objects.filter(name=text).select_related("bureau").first()
            if alias is None:
                names = "、".join(Bureau.objects.values_list("name", flat=True))
                raise CommandError(f"没有名为“{text}”的单位。现有单位:{names}")
            bureau = alias.bureau
        return bureau
