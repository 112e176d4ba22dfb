"""Notices: an in-app inbox per user, emailed as well when the user has an address.

Each notice has a unique key (what it is about and for whom), so that a service or
`send_reminders` run twice never sends the same thing twice. The email is sent once
the transaction that created the notice commits, and only then marked as sent.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..models import Bureau, CollectionRound, Notice, Role, YearlyValue
from ..vocabulary import BoardState, NoticeKind

SUBJECT_PREFIX = "[洪山区规划指标]"


def notice_send(*, user, kind: NoticeKind, text: str, link: str = "", key: str) -> Notice | None:
    """A notice to `user`, unless one with `key` was already sent (then None)."""
    if Notice.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            notice = Notice.objects.create(user=user, kind=kind, text=text, link=link, key=key)
    except IntegrityError:  # the same notice, sent at the same moment by another run
        return None
    if user.email:
        transaction.on_commit(lambda: _email(notice.pk))
    return notice


def _email(pk: int) -> None:
    notice = Notice.objects.select_related("user").get(pk=pk)
    if notice.emailed_at is not None:
        return
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notice.link}" if notice.link else ""
    send_mail(
        f"{SUBJECT_PREFIX}{notice.get_kind_display()}",
        notice.text + link,
        settings.DEFAULT_FROM_EMAIL,
        [notice.user.email],
    )
    Notice.objects.filter(pk=pk, emailed_at__isnull=True).update(emailed_at=timezone.now())


def notices_read(*, user) -> int:
    """Mark every unread notice of `user` as read; the number marked."""
    return Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def bureau_staff(bureau_pks) -> list:
    """Active staff accounts of these bureaus."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True, account__role=Role.STAFF, account__bureaus__in=list(bureau_pks)
        )
        .distinct()
    )


def _grid_link(round: CollectionRound, bureau_pk: int) -> str:
    return reverse("round_grid", args=[round.pk, bureau_pk])


def notify_round_opened(round: CollectionRound) -> None:
    bureaus = Bureau.objects.filter(indicators__plan=round.plan_id).distinct()
    for bureau in bureaus:
        for user in bureau_staff([bureau.pk]):
            notice_send(
                user=user,
                kind=NoticeKind.ROUND_OPENED,
                text=f"{round.title}填报已开始({bureau.name}),请于{round.deadline:%Y-%m-%d}前提交。",
                link=_grid_link(round, bureau.pk),
                key=f"round-opened:{round.pk}:{bureau.pk}:{user.pk}",
            )


def notify_reopened(round: CollectionRound, bureau: Bureau, until: datetime.date) -> None:
    for user in bureau_staff([bureau.pk]):
        notice_send(
            user=user,
            kind=NoticeKind.REOPENED,
            text=f"{round.title}已为{bureau.name}重新开放填报,至{until:%Y-%m-%d}。",
            link=_grid_link(round, bureau.pk),
            key=f"reopened:{round.pk}:{bureau.pk}:{until:%Y%m%d}:{user.pk}",
        )


def notify_value_decided(entry: YearlyValue, *, approved: bool) -> None:
    """The person who entered a value hears that it was approved or returned (and why)."""
    user = entry.entered_by
    if user is None:
        return
    name = f"{entry.indicator.name} {entry.year}年"
    link = reverse("entry_edit", args=[entry.indicator_id, entry.year])
    if approved:
        notice_send(
            user=user,
            kind=NoticeKind.APPROVED,
            text=f"{name}的数值已通过审核。",
            link=link,
            key=f"approved:{entry.pk}:{entry.revision}",
        )
    else:
        notice_send(
            user=user,
            kind=NoticeKind.RETURNED,
            text=f"{name}的数值被退回:{entry.review_comment}",
            link=link,
            key=f"returned:{entry.pk}:{entry.revision}",
        )


REMINDER_DAYS = 3  # deadlines this close (in days) are reminded of


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the staff of every bureau with indicators not yet reported in an open
    round: when its deadline is within REMINDER_DAYS, and again once it is late.
    Idempotent: each reminder has its key. The number of notices sent."""
    from ..round_selectors import round_board

    today = today or timezone.localdate()
    sent = 0
    for round in CollectionRound.objects.filter(state="open").select_related("plan"):
        days = (round.deadline - today).days
        late = days < 0
        if not late and days > REMINDER_DAYS:
            continue
        if today > round.locks_on:
            continue  # locked: only a reopening lets them report now
        for row in round_board(round):
            missing = [
                cell
                for cell in row["cells"]
                if cell.state
                in (BoardState.PENDING, BoardState.DRAFT, BoardState.RETURNED, BoardState.LATE)
            ]
            if not missing:
                continue
            bureau = row["bureau"]
            names = "、".join(f"{i.number}. {i.name}" for i in missing[:5])
            more = f"等{len(missing)}项" if len(missing) > 5 else ""
            if late:
                kind, key = NoticeKind.LATE, f"late:{round.pk}:{bureau.pk}"
                text = (
                    f"{round.title}已于{round.deadline:%Y-%m-%d}截止,{bureau.name}还有"
                    f"{len(missing)}项未报({names}{more});{round.locks_on:%Y-%m-%d}后将锁定。"
                )
            else:
                kind, key = NoticeKind.DEADLINE, f"deadline:{round.pk}:{bureau.pk}"
                text = (
                    f"{round.title}将于{round.deadline:%Y-%m-%d}截止,{bureau.name}还有"
                    f"{len(missing)}项未报:{names}{more}。"
                )
            for user in bureau_staff([bureau.pk]):
                notice = notice_send(
                    user=user,
                    kind=kind,
                    text=text,
                    link=_grid_link(round, bureau.pk),
                    key=f"{key}:{user.pk}",
                )
                sent += notice is not None
    return sent
