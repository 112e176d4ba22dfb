"""Responsible bureaus (责任单位): names, aliases, renames, merges, and the bureaus of
an indicator. Each plan keeps the names it printed (IndicatorBureau.printed_name)."""

from __future__ import annotations

import datetime

from django.db import transaction

from ..models import Bureau, BureauAlias, Indicator, IndicatorBureau, Plan, Region
from ..vocabulary import BureauRole
from .changes import RuleError, plans_changed, recorded, require_planner, text_error

NAME_LIMIT = 50


class UnknownBureau(RuleError):
    """A printed name that is neither a bureau's name nor a former name."""


def bureau_for_name(name: str, region: Region | None = None) -> Bureau:
    """The bureau a printed name refers to, by its current name or a former one, in
    `region` (regions: every district has its 区发改局). Without a region the name must
    be unambiguous across regions. Raises UnknownBureau."""
    bureaus = Bureau.objects.filter(name=name)
    aliases = BureauAlias.objects.select_related("bureau").filter(name=name)
    if region is not None:
        bureaus, aliases = bureaus.filter(region=region), aliases.filter(region=region)
    found = list(bureaus[:2]) or [alias.bureau for alias in aliases[:2]]
    if not found:
        where = f"{region.name}" if region is not None else ""
        raise UnknownBureau(f"{where}没有名为“{name}”的单位(也不是哪个单位的曾用名)。")
    if len(found) > 1:
        raise UnknownBureau(f"多个行政区划都有名为“{name}”的单位,请指明行政区划。")
    return found[0]


def _plans_of(bureau: Bureau) -> list[Plan]:
    return list(Plan.objects.filter(indicators__indicator_bureaus__bureau=bureau).distinct())


@transaction.atomic
def bureau_create(
    *, name: str, user, aliases: list[tuple[str, str]] = (), region: Region | None = None
) -> Bureau:
    """A bureau of `region` (default: the deployment's own district), with its former
    names (name, note); an existing one is returned as is."""
    from .regions import region_for_code

    require_planner(user, "新建单位")
    region = region_for_code(region)
    name = name.strip()
    if not name or len(name) > NAME_LIMIT:
        raise RuleError({"name": f"单位名称不能为空,最多{NAME_LIMIT}个字。"})
    bureau = Bureau.objects.filter(name=name, region=region).first()
    if bureau is None:
        bureau = recorded(Bureau(name=name, region=region), user=user, reason="新建单位")
    for alias, note in aliases:
        if not BureauAlias.objects.filter(name=alias, region=region).exists():
            recorded(
                BureauAlias(bureau=bureau, name=alias, note=note, region=region),
                user=user,
                reason="曾用名",
            )
    return bureau


@transaction.atomic
def bureau_rename(*, bureau: Bureau, name: str, user, reason: str = "") -> Bureau:
    """Rename a bureau; its former name stays findable as an alias."""
    require_planner(user, "修改单位名称")
    name = name.strip()
    if not name or len(name) > NAME_LIMIT:
        raise RuleError({"name": f"单位名称不能为空,最多{NAME_LIMIT}个字。"})
    if error := text_error(name, label="单位名称"):
        raise RuleError({"name": error})
    if name == bureau.name:
        return bureau
    if (
        BureauAlias.objects.filter(name=name, region=bureau.region_id)
        .exclude(bureau=bureau)
        .exists()
    ):
        raise RuleError({"name": f"“{name}”是另一个单位的曾用名;要合并请使用“合并”。"})
    if Bureau.objects.filter(name=name, region=bureau.region_id).exclude(pk=bureau.pk).exists():
        raise RuleError({"name": f"已有名为“{name}”的单位;要合并请使用“合并”。"})
    alias = BureauAlias.objects.filter(name=name, bureau=bureau).first()
    if alias is not None:  # the new name was a former name: no longer an alias
        alias._history_user, alias._change_reason = user, f"恢复为正式名称“{name}”"
        alias.delete()
    if not BureauAlias.objects.filter(name=bureau.name, region=bureau.region_id).exists():
        recorded(
            BureauAlias(
                bureau=bureau,
                region_id=bureau.region_id,
                name=bureau.name,
                note=f"{datetime.date.today():%Y-%m-%d}前的名称",
            ),
            user=user,
            reason="改名前的名称",
        )
    old = bureau.name
    bureau.name = name
    recorded(bureau, user=user, reason=reason.strip() or f"由“{old}”改名")
    plans_changed(_plans_of(bureau))
    return bureau


@transaction.atomic
def bureau_merge(*, source: Bureau, into: Bureau, user, reason: str = "") -> Bureau:
    """Merge `source` into `into`: its indicators, staff and names move over.

    Every indicator keeps the role (lead or co-responsible) and the printed name of
    each bureau. Where both were responsible for the same indicator, one link is
    kept: lead if either was lead, at the earlier position, with both printed names."""
    require_planner(user, "合并单位")
    if source.pk == into.pk:
        raise RuleError("不能把单位合并到它自己。")
    if source.region_id != into.region_id:
        raise RuleError("只能合并同一行政区划的单位。")
    why = reason.strip() or f"“{source.name}”并入“{into.name}”"
    plans = _plans_of(source)
    for link in IndicatorBureau.objects.filter(bureau=source).select_related("indicator"):
        kept = IndicatorBureau.objects.filter(indicator=link.indicator, bureau=into).first()
        if kept is None:
            link.bureau = into
            recorded(link, user=user, reason=why)
            continue
        first, second = sorted([kept, link], key=lambda each: each.position)
        kept.position = first.position
        kept.role = BureauRole.LEAD if BureauRole.LEAD in {kept.role, link.role} else kept.role
        kept.printed_name = _joined(first.printed_name, second.printed_name)
        link._history_user, link._change_reason = user, f"{why};印刷名称保留在合并后的单位上"
        link.delete()
        recorded(kept, user=user, reason=why)
    for account in source.accounts.all():
        account.bureaus.remove(source)
        account.bureaus.add(into)
        recorded(account, user=user, reason=why)
    for alias in source.aliases.all():
        alias.bureau = into
        recorded(alias, user=user, reason=why)
    merged_name = source.name
    source._history_user, source._change_reason = user, why
    source.delete()
    if not BureauAlias.objects.filter(name=merged_name, region=into.region_id).exists():
        recorded(
            BureauAlias(
                bureau=into, region_id=into.region_id, name=merged_name, note=f"已并入{into.name}"
            ),
            user=user,
            reason=why,
        )
    plans_changed(plans)
    return into


def _joined(first: str, second: str) -> str:
    names = [name for part in (first, second) for name in part.split("、") if name]
    return "、".join(dict.fromkeys(names))


def indicator_bureaus_add(*, indicator: Indicator, printed_names: list[str], user, reason: str):
    """Responsible bureaus as printed, lead first: each by its current name or a former
    one. Raises UnknownBureau. The caller ends its write with plan_changed."""
    named = []
    for printed_name in printed_names:
        bureau = bureau_for_name(printed_name, region=indicator.plan.region)
        if bureau.pk in {b.pk for b, _ in named}:
            raise RuleError(f"“{printed_name}”在责任单位中重复了。")
        named.append((bureau, printed_name))
    links_add(indicator=indicator, bureaus=named, user=user, reason=reason)


def links_add(*, indicator: Indicator, bureaus: list[tuple[Bureau, str]], user, reason: str):
    """Add responsible bureaus (bureau, printed name) after those the indicator has: the
    first bureau of an indicator is its lead (牵头单位), the others co-responsible;
    a bureau already responsible is kept as it is."""
    taken = set(indicator.indicator_bureaus.values_list("bureau_id", flat=True))
    position = len(taken)
    for bureau, printed_name in bureaus:
        if bureau.pk in taken:
            continue
        recorded(
            IndicatorBureau(
                indicator=indicator,
                bureau=bureau,
                role=BureauRole.LEAD if position == 0 else BureauRole.CO,
                position=position,
                printed_name=printed_name,
            ),
            user=user,
            reason=reason,
        )
        taken.add(bureau.pk)
        position += 1


@transaction.atomic
def indicator_bureau_save(*, link: IndicatorBureau, user, reason: str = "") -> IndicatorBureau:
    """Add or change one responsible bureau of an indicator (the admin's inline)."""
    require_planner(user, "修改责任单位")
    if not link.printed_name:
        link.printed_name = link.bureau.name
    if link.bureau.region_id != link.indicator.plan.region_id:
        raise RuleError({"bureau": f"“{link.bureau.name}”不是本规划所在行政区划的单位。"})
    duplicate = IndicatorBureau.objects.filter(indicator=link.indicator, bureau=link.bureau)
    if duplicate.exclude(pk=link.pk).exists():
        raise RuleError({"bureau": f"“{link.bureau.name}”已是这项指标的责任单位。"})
    recorded(link, user=user, reason=reason or "管理后台修改责任单位")
    plans_changed([link.indicator.plan])
    return link


@transaction.atomic
def bureau_alias_save(*, alias: BureauAlias, user, reason: str = "") -> BureauAlias:
    """Add or change a former name of a bureau; a name is a bureau's or an alias, not both
    (within the bureau's region)."""
    require_planner(user, "修改单位别名")
    alias.region_id = alias.bureau.region_id
    if Bureau.objects.filter(name=alias.name, region=alias.region_id).exists():
        raise RuleError({"name": f"“{alias.name}”是一个单位的正式名称,不能作为别名。"})
    recorded(alias, user=user, reason=reason or "管理后台修改别名")
    return alias


__all__ = [
    "UnknownBureau",
    "bureau_alias_save",
    "bureau_create",
    "bureau_for_name",
    "bureau_merge",
    "bureau_rename",
    "indicator_bureau_save",
    "indicator_bureaus_add",
]
