"""Forms of the entry pages. They parse what was typed; the services judge it
(services.value_check), and the forms show the verdict. Every message is Chinese."""

from __future__ import annotations

import hashlib

from django import forms

from .validation import EntryCheck, EntryRules
from .vocabulary import Kind


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
