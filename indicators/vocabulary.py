"""The words every layer shares: kinds, directions, comparators, statuses, verdicts,
entry states, natures and roles.

Pure: no Django. Each member is a `str` (its stored value) with a Chinese `label`,
so that the models' choices, the filters, the charts, progress and the templates
all use the same names and the same labels. Compare with members, never with bare
strings such as "rate".
"""

from __future__ import annotations

import enum


class Labelled(enum.StrEnum):
    """A StrEnum whose members carry a Chinese label: `Kind.RATE.label == "增速"`."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs for a model field or a form."""
        return [(member.value, member.label) for member in cls]

    @classmethod
    def from_label(cls, label: str) -> Labelled | None:
        """The member whose label is `label`, or None."""
        return next((member for member in cls if member.label == label), None)


class Kind(Labelled):
    """What an indicator measures, which decides its target path (docs/progress.md)."""

    LEVEL = "level", "总量"
    RATE = "rate", "增速"
    SHARE = "share", "比重/比率"
    CUMULATIVE = "cumulative", "五年累计"
    QUALITATIVE = "qualitative", "定性"


class Direction(Labelled):
    INCREASE = "increase", "越高越好"
    DECREASE = "decrease", "越低越好"


class Nature(Labelled):
    """属性 of an indicator. Table 1 of the plan has no 属性 column: UNMARKED."""

    BINDING = "binding", "约束性"
    EXPECTED = "expected", "预期性"
    UNMARKED = "", "未标注"


class Comparator(Labelled):
    """How a figure bounds its number: "1145", ">1145", "≥95", "<6", "7左右", "10-15".

    ABOVE/BELOW are strict (">", "高于", "超过", "低于"); AT_LEAST/AT_MOST include the
    number ("≥", "不低于", "以上", "以内"). notation.py lists which words mean which.
    """

    EXACT = "exact", "等于"
    ABOVE = "above", "高于"  # a strict floor: ">1145", "超过9%"
    BELOW = "below", "低于"  # a strict ceiling: "<6", "低于3.8%"
    ABOUT = "about", "约"  # "7左右"
    RANGE = "range", "区间"  # "10-15"
    AT_LEAST = "at_least", "不低于"  # an inclusive floor: "≥95", "95%及以上", "不低于95%"
    AT_MOST = "at_most", "不高于"  # an inclusive ceiling: "≤6", "3.5%以内", "不超过6"


class Qualitative(Labelled):
    """The phrases a target or value may be instead of a number.

    The first three are how the plan prints qualitative targets; the others are how a
    bureau reports a qualitative indicator's year, success or failure. ATTAINMENT
    says which of them means met, partly met or not met."""

    FULL_COVERAGE = "full_coverage", "全覆盖"
    IN_STEP_WITH_GDP = "in_step_with_gdp", "与经济增长同步"
    CITY_TARGET = "city_target", "完成市下达目标"
    # "高于GDP增长": the indicator's growth must exceed GDP growth in the same years.
    ABOVE_GDP = "above_gdp", "高于经济增长"
    DONE = "done", "已完成"  # 完成, 已完成, 全面完成, 超额完成, 已实现
    PARTLY_DONE = "partly_done", "基本完成"  # 基本完成, 基本实现
    NOT_DONE = "not_done", "未完成"  # 未完成, 没有完成, 尚未完成, 未实现
    PARTLY_COVERED = "partly_covered", "基本覆盖"
    NOT_COVERED = "not_covered", "未全覆盖"  # 未覆盖, 未全覆盖, 尚未全覆盖
    MET_STANDARD = "met_standard", "达标"  # 达标, 已达标
    PARTLY_MET_STANDARD = "partly_met_standard", "基本达标"
    NOT_MET_STANDARD = "not_met_standard", "未达标"


class Attainment(Labelled):
    """What a qualitative phrase says about the goal: met, partly met or not met."""

    MET = "met", "已达到"
    PARTLY = "partly", "部分达到"
    NOT_MET = "not_met", "未达到"


ATTAINMENT: dict[Qualitative, Attainment] = {
    Qualitative.FULL_COVERAGE: Attainment.MET,
    Qualitative.IN_STEP_WITH_GDP: Attainment.MET,
    Qualitative.CITY_TARGET: Attainment.MET,
    Qualitative.ABOVE_GDP: Attainment.MET,
    Qualitative.DONE: Attainment.MET,
    Qualitative.PARTLY_DONE: Attainment.PARTLY,
    Qualitative.NOT_DONE: Attainment.NOT_MET,
    Qualitative.PARTLY_COVERED: Attainment.PARTLY,
    Qualitative.NOT_COVERED: Attainment.NOT_MET,
    Qualitative.MET_STANDARD: Attainment.MET,
    Qualitative.PARTLY_MET_STANDARD: Attainment.PARTLY,
    Qualitative.NOT_MET_STANDARD: Attainment.NOT_MET,
}


class Status(Labelled):
    """The computed (or recorded) progress of an indicator toward its target."""

    ACHIEVED = "achieved", "已完成"
    ON_TRACK = "on_track", "进度正常"
    BEHIND = "behind", "需加快"
    OFF_TRACK = "off_track", "难以完成"
    NO_DATA = "no_data", "无数据"
    QUALITATIVE = "qualitative", "定性评估"
    # A growth target on a base of 0 or below: the goal cannot be computed from growth.
    UNJUDGEABLE = "unjudgeable", "无法按增速评估"


# Worse first: the order officials read them in.
STATUS_ORDER = [
    Status.OFF_TRACK,
    Status.BEHIND,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.UNJUDGEABLE,
    Status.QUALITATIVE,
    Status.NO_DATA,
]
# The statuses a planning admin may record by judgement.
JUDGED_STATUSES = [Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND, Status.OFF_TRACK]
# A binding indicator in one of these is reported to the government first.
NEEDS_ATTENTION = [Status.BEHIND, Status.OFF_TRACK]


class MidTermClass(Labelled):
    """Where an indicator stands against the plan's time-proportional pace (序时进度),
    in the words of the mid-term evaluation (中期评估); docs/progress.md gives the rules.

    At or after the target year ACHIEVED reads "目标已实现"; the final verdict
    (Verdict) of progress.assess stays the authority there.
    """

    ACHIEVED = "achieved", "提前实现"  # the end target is already met
    AHEAD = "ahead", "快于预期"
    ON_PACE = "on_pace", "基本符合预期"
    BEHIND = "behind", "滞后于预期"
    NO_DATA = "no_data", "无数据"
    QUALITATIVE = "qualitative", "定性评估"
    UNJUDGEABLE = "unjudgeable", "无法按增速评估"


# Best first, the order of the mid-term report's sentence "4项提前实现,5项快于预期……".
MID_TERM_ORDER = [
    MidTermClass.ACHIEVED,
    MidTermClass.AHEAD,
    MidTermClass.ON_PACE,
    MidTermClass.BEHIND,
    MidTermClass.UNJUDGEABLE,
    MidTermClass.QUALITATIVE,
    MidTermClass.NO_DATA,
]


class Verdict(Labelled):
    """The final verdict at the target year, in the words of the plan's 完成情况 column."""

    ACHIEVABLE = "可以完成", "可以完成"
    UNLIKELY = "难以完成", "难以完成"


class EntryState(Labelled):
    """Where one version of a yearly value stands in the entry workflow."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已通过"
    SUPERSEDED = "superseded", "已被新版本取代"


# At most one version of an indicator's year is open (being entered or reviewed).
OPEN_STATES = [EntryState.DRAFT, EntryState.SUBMITTED, EntryState.RETURNED]


class Role(Labelled):
    """An account's role. Superusers have no Role: they may do everything."""

    STAFF = "staff", "填报员"
    PLANNER = "planner", "规划管理员"
    OFFICIAL = "official", "领导/查阅"


class BureauRole(Labelled):
    """A bureau's part in an indicator, as the plan prints its 责任单位 (lead first)."""

    LEAD = "lead", "牵头单位"
    CO = "co", "配合单位"


class NoteKind(Labelled):
    """Our own notes on an indicator."""

    READING = "reading", "数据读取说明"
    DISCREPANCY = "discrepancy", "原文不一致"
    CONTINUITY = "continuity", "跨规划衔接"
    OTHER = "other", "其他"


class Source(Labelled):
    """Where a plan states an indicator: its table of main indicators, or its text."""

    TABLE = "table", "主要指标表"
    TEXT = "text", "规划正文"


class CommitmentKind(Labelled):
    """What a commitment of the plan's text promises (docs/commitments.md)."""

    LEVEL = "level", "数值目标"
    COUNT = "count", "建设项目数"
    COVERAGE = "coverage", "覆盖"
    ELIMINATION = "elimination", "消除"


class Stage(Labelled):
    """The stages a year's statistics pass through, earliest first: an estimate late in
    the year, the preliminary figure early the next year, the final yearbook figure.
    A later stage is a new version of the value; pages show the best one and say which."""

    ESTIMATE = "estimate", "预计"
    PRELIMINARY = "preliminary", "快报"
    FINAL = "final", "年报"


STAGE_ORDER = [Stage.ESTIMATE, Stage.PRELIMINARY, Stage.FINAL]
# The 来源 a round pre-fills for each stage (the bureau may change it).
STAGE_SOURCES = {
    Stage.ESTIMATE: "统计预计",
    Stage.PRELIMINARY: "统计快报",
    Stage.FINAL: "统计年报",
}


class RoundState(Labelled):
    """A collection round is open for entry until its planning admin closes it (and,
    even open, locks after its deadline plus grace days)."""

    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


class NoticeKind(Labelled):
    """What an in-app notice (and its email) is about."""

    ROUND_OPENED = "round_opened", "填报开始"
    DEADLINE = "deadline", "即将截止"
    LATE = "late", "已逾期"
    RETURNED = "returned", "数值被退回"
    APPROVED = "approved", "数值已通过"
    REOPENED = "reopened", "重新开放"


class BoardState(Labelled):
    """One indicator of a bureau in a round, on the 填报进度 board (DHIS2's
    completeness and timeliness)."""

    DONE = "done", "已报"
    DONE_LATE = "done_late", "逾期报送"
    RETURNED = "returned", "已退回"
    DRAFT = "draft", "草稿未提交"
    PENDING = "pending", "未报"
    LATE = "late", "逾期未报"


class RegionLevel(Labelled):
    """A level of the administrative tree (regions)."""

    CITY = "city", "市"
    DISTRICT = "district", "区"
    STREET = "street", "街道"
