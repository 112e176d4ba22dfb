"""Create or update an account with its role and bureaus.

    python manage.py create_account zhangsan --role staff --bureau 区发改局 --password '...'
    python manage.py create_account planner --role planner
    python manage.py create_account root --role superuser
    python manage.py create_account wuchang --role staff --region 420106 --bureau 区发改局

Without --password a random one is generated and printed once.
"""

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Bureau
from indicators.services import (
    RuleError,
    UnknownBureau,
    account_save,
    bureau_for_name,
    region_for_code,
)

ROLES = ["official", "planner", "staff", "superuser"]
ROLE_LABELS = {
    "official": "领导/查阅",
    "planner": "规划管理员",
    "staff": "填报员",
    "superuser": "超级管理员",
}


class Command(BaseCommand):
    help = "创建或更新账号:用户名、角色(staff/planner/official/superuser)、所属单位。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument(
            "--bureau", action="append", default=[], help="单位名称(可重复);填报员必填"
        )
        parser.add_argument("--password", help="不填则随机生成并显示一次")
        parser.add_argument("--name", default="", help="姓名")
        parser.add_argument(
            "--region", default=None, help="行政区划代码,如 420106(默认:本区 HOME_REGION)"
        )

    def handle(self, username, role, bureau, password, name, region, **options):
        try:
            region = region_for_code(region)
            bureaus = [bureau_for_name(text, region=region) for text in bureau]
            user, created, generated = account_save(
                username=username,
                role=role,
                bureaus=bureaus,
                password=password,
                name=name,
                acting_user=None,  # the server's operator
                region=region,
            )
        except UnknownBureau as error:
            names = "、".join(Bureau.objects.filter(region=region).values_list("name", flat=True))
            raise CommandError(f"{error}现有单位:{names}") from error
        except RuleError as error:
            raise CommandError(str(error)) from error
        verb = "已创建" if created else "已更新"
        where = f",单位:{'、'.join(b.name for b in bureaus)}" if bureaus else ""
        self.stdout.write(
            self.style.SUCCESS(f"{verb}账号 {user.username}({ROLE_LABELS[role]}{where})")
        )
        if generated:
            self.stdout.write(f"初始密码(只显示这一次):{generated}")
