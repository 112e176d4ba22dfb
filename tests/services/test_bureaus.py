"""Bureau renames and merges keep every printed name and role, and record who and why."""

import pytest

from indicators.models import Bureau, BureauAlias, IndicatorBureau
from indicators.services import RuleError, bureau_create, bureau_merge, bureau_rename
from indicators.vocabulary import BureauRole


def _links(indicator):
    return list(IndicatorBureau.objects.filter(indicator=indicator).order_by("position"))


def test_merging_a_lead_into_a_co_bureau_keeps_one_lead_link_with_both_names(
    culture13, planning_admin
):
    """13th plan, 13. 文化创意产业产值: 区文旅局 lead, 区经济开发区 co-responsible."""
    lead, co = _links(culture13)
    assert (lead.role, co.role) == (BureauRole.LEAD, BureauRole.CO)
    bureau_merge(source=lead.bureau, into=co.bureau, user=planning_admin, reason="机构改革")
    (kept,) = _links(culture13)
    assert kept.bureau == co.bureau
    assert kept.role == BureauRole.LEAD
    assert kept.position == 0
    assert kept.printed_name == f"{lead.printed_name}、{co.printed_name}"
    record = kept.history.first()
    assert (record.history_user, record.history_change_reason) == (planning_admin, "机构改革")


def test_merging_keeps_the_printed_name_and_role_where_only_one_was_responsible(
    forest14, planning_admin
):
    (link,) = _links(forest14)
    into = bureau_create(name="区林业局", user=planning_admin)
    bureau_merge(source=link.bureau, into=into, user=planning_admin)
    (moved,) = _links(forest14)
    assert (moved.bureau, moved.role, moved.printed_name) == (into, link.role, link.printed_name)
    assert BureauAlias.objects.get(name=link.bureau.name).bureau == into


def test_a_merge_into_itself_is_refused(forest14, planning_admin):
    bureau = _links(forest14)[0].bureau
    with pytest.raises(RuleError, match="合并到它自己"):
        bureau_merge(source=bureau, into=bureau, user=planning_admin)


def test_a_rename_keeps_the_former_name_and_who_renamed(forest14, planning_admin):
    bureau = _links(forest14)[0].bureau
    old = bureau.name
    bureau_rename(bureau=bureau, name="区园林和林业局", user=planning_admin)
    assert BureauAlias.objects.get(name=old).bureau == bureau
    assert bureau.history.first().history_user == planning_admin
    assert _links(forest14)[0].printed_name == old  # the plan printed the old name


def test_a_rename_to_another_bureaus_name_is_refused(forest14, planning_admin):
    bureau = _links(forest14)[0].bureau
    with pytest.raises(RuleError) as refused:
        bureau_rename(bureau=bureau, name="区发改局", user=planning_admin)
    assert "合并" in refused.value.errors["name"]
    assert Bureau.objects.filter(name="区园林局").exists()
