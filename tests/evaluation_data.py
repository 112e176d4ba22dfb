"""Values and narratives for the 14th plan entered the way the office enters them:
through the services (staff enter and submit, another person approves)."""

from indicators.models import Indicator
from indicators.services import Base, value_approve, value_save
from indicators.services.narratives import narrative_approve, narrative_save
from tests.accounts import account

# number -> {year: (value, growth)}: 2021 and 2022 of some 14th-plan indicators.
VALUES = {
    1: {2021: ("1160", "7.4"), 2022: ("1200", "4.1")},  # 地区生产总值增长: a rate, behind
    3: {2021: ("97.4", ""), 2022: ("97.45", "")},  # 城镇化率: a share
    9: {2021: ("12.05", ""), 2022: ("12.08", "")},  # 受教育年限: binding, behind
    13: {2021: ("80.9", ""), 2022: ("81.5", "")},  # 人均预期寿命
    18: {2021: ("10.26", ""), 2022: ("10.27", "")},  # 森林覆盖率: binding, behind
}
CAUSE = "受城市更新和道路建设占用林地影响,新增造林面积不足。"
MEASURE = "实施江滩造林和口袋公园工程,2023年新增林地1200亩。"


def enter_approved(plan, values=VALUES) -> None:
    planner = account("guihua_data", "planner")
    reviewer = account("guihua_data_2", "planner")
    for number, years in values.items():
        indicator = Indicator.objects.get(plan=plan, number=number)
        for year, (value, growth) in sorted(years.items()):
            entry = value_save(
                indicator=indicator,
                year=year,
                value=value,
                growth=growth,
                source="统计年报",
                user=planner,
                base=Base(),
                submit=True,
                confirmation="已与统计局核对。",
            )
            value_approve(entry=entry, user=reviewer, base=Base.of(entry))


def approve_narrative(indicator, year, *, cause=CAUSE, measure=MEASURE) -> None:
    writer = account("narrative_writer", "planner")
    reviewer = account("narrative_reviewer", "planner")
    narrative = narrative_save(
        indicator=indicator,
        year=year,
        cause=cause,
        measure=measure,
        user=writer,
        base=Base(),
        submit=True,
    )
    narrative_approve(narrative=narrative, user=reviewer, base=Base.of(narrative))
