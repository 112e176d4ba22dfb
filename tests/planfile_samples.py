"""A plan file written by hand (openpyxl, not write_plan_file) in the documented
layout of docs/plan-file.md, with each printed form real plan tables use."""

import io

from openpyxl import Workbook

HANDWRITTEN_CODE = "15th-demo"

PLAN = [
    ("代码", HANDWRITTEN_CODE),
    ("名称", "“十五五”规划(示例)"),
    ("全称", "洪山区国民经济和社会发展第十五个五年规划纲要(示例)"),
    ("起始年", 2026),  # typed as numbers: read as the cell shows them
    ("结束年", 2030),
    ("基期年", 2025),
    ("来源", "手工编写的示例规划文件"),
]
INDICATOR_HEADERS = [
    "序号", "类别", "指标", "单位", "类型", "方向", "基期值", "目标值", "年均增长或累计",
    "属性", "责任单位", "比较指标", "说明",
]  # fmt: skip
INDICATORS = [
    [1, "经济发展", "常住人口城镇化率", "%", "比重", "越高越好", "60.6*", "65", "",
     "预期性", "区公安分局", "", ""],
    [2, "绿色生态", "单位地区生产总值能源消耗降低", "%", "累计", "越高越好", "", "", "〔13.5〕",
     "约束性", "区发改局", "", ""],
    [3, "创新驱动", "全社会研发经费投入增长", "%", "增速", "越高越好", "",
     "＞7、力争投入强度高于“十三五”时期实际", "", "预期性", "区科经局", "", ""],
    [4, "经济发展", "全员劳动生产率增长", "%", "增速", "越高越好", "—", "—", ">7",
     "预期性", "区发改局", "", ""],
    [5, "民生福祉", "城镇调查失业率", "%", "定性", "越低越好", "", "保持在合理区间、各年度视情提出",
     "", "预期性", "区人力资源局", "", "规划原文的表述,没有数值。"],
    [6, "民生福祉", "居民人均可支配收入增长", "%", "增速", "越高越好", "", "高于GDP增长", "",
     "预期性", "区发改局、区人力资源局", 7, ""],
    [7, "经济发展", "地区生产总值增长", "%", "增速", "越高越好", 1080, "", "7左右",
     "预期性", "区发改局", "", ""],
]  # fmt: skip
VALUES = [
    (7, 2026, "", 0.072, "统计公报"),  # a number in a percent-formatted cell: "7.2%"
    (6, 2026, "", "7.5%", "统计公报"),
    (1, 2026, 61.2, "", "统计公报"),
]
FOOTNOTES = [(1, "*为第七次全国人口普查口径。", "1", "")]
NOTES = [(3, "原文不一致", "“力争投入强度高于‘十三五’时期实际”是目标的附加说明,与下限7一起保留。")]


def handwritten_plan_file(*, indicators=None, values=None, drop_sheet: str = "") -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets = {
        "规划": (["项目", "内容"], PLAN),
        "指标": (INDICATOR_HEADERS, INDICATORS if indicators is None else indicators),
        "数值": (
            ["序号", "年份", "总量或数值", "增速", "来源"],
            VALUES if values is None else values,
        ),
        "表注": (["编号", "内容", "涉及指标", "口径调整年份"], FOOTNOTES),
        "指标说明": (["序号", "类型", "内容"], NOTES),
    }
    for title, (headers, rows) in sheets.items():
        if title == drop_sheet:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
    if drop_sheet != "数值":
        workbook["数值"]["D2"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
