"""Forms of the entry pages. They parse what was typed; the services judge it
(services.value_check), and the forms show the verdict. Every message is Chinese."""

from __future__ import annotations

import hashlib

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from .validation import EntryCheck, EntryRules
from .vocabulary import Kind, Stage


def input_signature(*texts: str) -> str:
    """A short fingerprint of what was typed, to know the preview showed exactly it."""
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:16]


class EntryForm(forms.Form):
    """The entry form parses what was typed; services.value_check judges it. The form
    shows the check's readings, warnings and errors (on their fields)."""

    value = forms.CharField(label="总量/数值", required=False, max_length=64)
    growth = forms.CharField(label="增速(%)", required=False, max_length=64)
    source = forms.CharField(label="来源", required=False, max_length=100)
    note = forms.CharField(
        label="备注", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirmed = forms.BooleanField(label="我已核对,数值无误", required=False)
    confirm_note = forms.CharField(label="确认说明", required=False, max_length=500)
    base = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    previewed = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, rules: EntryRules, **kwargs):
        super().__init__(*args, **kwargs)
        self.check: EntryCheck | None = None
        # A NUL typed or pasted reaches the service, which says what it is ("含有看不见的
        # 字符") instead of Django's mistranslated "不允许是用空字符串".
        for field in self.fields.values():
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
        if rules.kind == Kind.RATE:
            self.fields["value"].label = "总量(如有)"
            self.fields["growth"].label = "增速(%,必填)"

    def service_arguments(self) -> dict:
        """What value_check and value_save take from this form."""
        data = self.cleaned_data
        confirmation = data["confirm_note"].strip() if data["confirmed"] else ""
        return {
            "value": data["value"],
            "growth": data["growth"],
            "source": data["source"],
            "note": data["note"],
            "confirmation": confirmation,
        }

    def show_check(self, check: EntryCheck) -> None:
        """The service's verdict on this input, its errors on their fields."""
        self.check = check
        fields = {"confirmation": "confirm_note", "year": None, "": None}
        for field, message in check.errors.items():
            self.add_error(fields.get(field, field if field in self.fields else None), message)

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
        label="退回意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    base = forms.CharField(widget=forms.HiddenInput, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel文件(.xlsx)",
        error_messages={"required": "请选择要上传的Excel文件。", "empty": "上传的文件是空的。"},
    )


class RoundForm(forms.Form):
    """Opening a collection round; services.round_open judges it."""

    plan = forms.ModelChoiceField(label="规划", queryset=None, empty_label=None)
    year = forms.IntegerField(label="年份", min_value=1900, max_value=2100)
    stage = forms.ChoiceField(label="阶段", choices=Stage.choices())
    deadline = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    grace_days = forms.IntegerField(label="宽限天数", min_value=0, max_value=60, initial=0)
    source = forms.CharField(label="预填来源", required=False, max_length=100)
    jump_points = forms.DecimalField(
        label="增速异常变动阈值(个百分点)", min_value=0, max_value=100, initial=5, decimal_places=1
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class ReopenForm(forms.Form):
    bureau = forms.ModelChoiceField(label="单位", queryset=None)
    until = forms.DateField(label="开放至", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="原因", max_length=2000)

    def __init__(self, *args, bureaus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = bureaus


class EvidenceForm(forms.Form):
    attachment = forms.FileField(label="佐证材料(PDF、PNG或JPEG)")
    base = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
