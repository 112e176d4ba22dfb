"""Evidence behind a value: a scan or PDF of the 统计快报, attached to an open version.

The file is checked by its first bytes (PDF, PNG or JPEG), never by its name or the
browser's content type, and kept under MEDIA_ROOT with a random name; it is served
only by entry_views.value_attachment, to those who may see the value."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from ..models import YearlyValue
from ..permissions import can_enter
from ..vocabulary import EntryState
from .values import Base, EntryError, _claim, _locked, _save

# (first bytes, extension, content type)
EVIDENCE_KINDS = [
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
]
NAME_LIMIT = 200


def evidence_kind(head: bytes) -> tuple[str, str] | None:
    """(extension, content type) of a PDF, PNG or JPEG by its magic bytes, else None."""
    for magic, extension, content_type in EVIDENCE_KINDS:
        if head.startswith(magic):
            return extension, content_type
    return None


def evidence_check(*, name: str, data: bytes) -> dict[str, str]:
    """Why a file cannot be attached ({"attachment": message}), or {}."""
    limit = settings.EVIDENCE_MAX_BYTES
    if not data:
        return {"attachment": "文件是空的。"}
    if len(data) > limit:
        return {
            "attachment": f"文件有{len(data) / 1048576:.1f} MB,超过{limit // 1048576} MB的上限。"
        }
    if evidence_kind(data[:16]) is None:
        return {"attachment": "只能上传PDF、PNG或JPEG格式的扫描件或照片。"}
    return {}


@transaction.atomic
def value_attach(*, entry: YearlyValue, user, name: str, data: bytes, base: Base) -> YearlyValue:
    """Attach evidence to an open version (a draft or a returned value) of a year that
    is open for entry; it replaces the version's earlier attachment, which the history
    keeps."""
    indicator = entry.indicator
    if not can_enter(user, indicator):
        raise EntryError("这不是您所在单位负责的指标。")
    if entry.state not in (EntryState.DRAFT, EntryState.RETURNED):
        raise EntryError("佐证材料只能附在草稿或被退回的数值上;请先保存草稿。")
    _, why = _locked(indicator, entry.year)
    if why:
        raise EntryError(why)
    errors = evidence_check(name=name, data=data)
    if errors:
        raise EntryError(errors)
    _claim(entry, base)
    extension, _ = evidence_kind(data[:16])
    entry.attachment.save(f"evidence.{extension}", ContentFile(data), save=False)
    entry.attachment_name = (name.strip() or f"佐证材料.{extension}")[-NAME_LIMIT:]
    _save(entry, user, f"附上佐证材料:{entry.attachment_name}")
    return entry
