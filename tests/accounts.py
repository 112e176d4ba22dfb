"""Accounts for tests, made the way a newcomer makes them: with create_account."""

from django.contrib.auth.models import User
from django.core.management import call_command

PASSWORD = "Hongshan-2026!"


def account(username: str, role: str, *bureaus: str) -> User:
    call_command(
        "create_account",
        username,
        role=role,
        bureau=list(bureaus),
        password=PASSWORD,
        stdout=None,
    )
    return User.objects.get(username=username)
