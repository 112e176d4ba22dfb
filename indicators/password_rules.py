"""Password rules in Chinese where Django's own translation is missing: Django 5.2
changed the minimum-length message and its Chinese catalogue has no text for it."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短:至少需要{self.min_length}个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要{self.min_length}个字符。"
