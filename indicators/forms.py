"""Forms of the entry pages. They read figures with notation.parse and check them
with validation.check_entry; every message is Chinese."""

from __future__ import annotations

import hashlib

from django import forms

from .validation import EntryCheck, EntryRules, check_entry
from .vocabulary import Kind


def input_signature(*texts: str) -> str:
    """A short fingerprint of what was typed, to know the preview showed exactly it."""
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:16]


class EntryForm(forms.Form):
    value = forms.CharField(label="总量/数值", required=False, max_length=64)
    growth = forms.CharField(label="增速(%)", required=False, max_length=64)
    source = forms.CharField(
        label="来源",
        max_length=100,
        error_messages={"required": "请填写数据来源,如统计快报、统计年报。"},
    )
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confirmed = forms.BooleanField(label="我已核对,数值无误", required=False)
    confirm_note = forms.CharField(label="确认说明", required=False, max_length=500)
    base = forms.CharField(widget=forms.HiddenInput, required=False)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rules: EntryRules, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules, self.year = rules, year
        self.check: EntryCheck | None = None
        if rules.kind == Kind.RATE:
            self.fields["value"].label = "总量(如有)"
            self.fields["growth"].label = "增速(%,必填)"

    def clean(self):
        data = super().clean()
        self.check = check_entry(
            self.rules, self.year, data.get("value", ""), data.get("growth", "")
        )
        for field, message in self.check.errors.items():
            self.add_error(None if field == "year" else field, message)
        if self.check.ok and self.check.warnings:
            if not data.get("confirmed"):
                self.add_error("confirmed", "数值有需要确认的地方(见上方提示),请勾选确认。")
            if not (data.get("confirm_note") or "").strip():
                self.add_error("confirm_note", "请说明为何这个数值是对的。")
        return data

    @property
    def signature(self) -> str:
        data = self.cleaned_data
        return input_signature(data.get("value", ""), data.get("growth", ""))

    @property
    def was_previewed(self) -> bool:
        """The user has seen the parsed reading of exactly these figures."""
        return self.cleaned_data.get("previewed") == self.signature


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="退回意见",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "退回时必须写明意见。"},
    )
    base = forms.CharField(widget=forms.HiddenInput)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel文件(.xlsx)",
        error_messages={"required": "请选择要上传的Excel文件。", "empty": "上传的文件是空的。"},
    )
