"""The plan file (docs/plan-file.md): one .xlsx workbook that holds a whole plan.

`read_plan_file(data)` gives a `PlanFile` or the list of what is wrong, each error
with its sheet, its row and the reason in Chinese; `write_plan_file(plan_file)` gives
the bytes of the same layout, so that write → read gives the same PlanFile.

Pure: openpyxl and dataclasses, no ORM. What needs the database (bureaus, the
previous plan, what is already stored) is checked by services/planfiles.py.
Every figure is kept as printed and read by `printed.read_printed`; a number typed as
a number in Excel is read as the cell displays it.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from .notation import NotationError
from .printed import read_printed
from .vocabulary import JUDGED_STATUSES, Direction, Kind, Nature, NoteKind, Status, Verdict

try:  # the display-format renderer of the upload reader, once merged
    from .excel_cells import displayed as _displayed
except ImportError:  # pragma: no cover - depends on the branch
    _displayed = None

# Bounds, checked before openpyxl parses anything. The upload reader on main has the
# same kind of caps (spreadsheets.MAX_BYTES ...): swap these for them once merged.
MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ROWS = 5000  # rows of one sheet: 200 indicators x 15 years is 3,000 values
MAX_COLUMNS = 30
FIGURE_LIMIT = 64  # characters, as FigureField
TEXT_LIMIT = 4000

PRINTED_SOURCE = "规划纲要原文"  # the 来源 of a figure the plan document itself prints

PLAN_SHEET, INDICATOR_SHEET, VALUE_SHEET = "规划", "指标", "数值"
FOOTNOTE_SHEET, NOTE_SHEET, ASSESSMENT_SHEET = "表注", "指标说明", "评估"

PLAN_KEYS = ["代码", "名称", "全称", "起始年", "结束年", "基期年", "来源"]
PLAN_OPTIONAL_KEYS = ["上一个规划", "指标表标题", "说明"]
# (sheet, required columns, optional columns), in the order they are written.
SHEETS = {
    PLAN_SHEET: (["项目", "内容"], []),
    INDICATOR_SHEET: (
        [
            "序号",
            "类别",
            "指标",
            "单位",
            "类型",
            "方向",
            "基期值",
            "目标值",
            "年均增长或累计",
            "属性",
            "责任单位",
            "比较指标",
        ],
        ["延续指标", "伴随数值", "完成情况", "基期年", "目标年", "说明"],
    ),
    VALUE_SHEET: (["序号", "年份", "总量或数值", "增速", "来源"], ["伴随数值"]),
    FOOTNOTE_SHEET: (["编号", "内容", "涉及指标", "口径调整年份"], []),
    NOTE_SHEET: (["序号", "类型", "内容"], []),
    ASSESSMENT_SHEET: (["序号", "年份", "结论", "评估日期", "理由"], []),
}
REQUIRED_SHEETS = [PLAN_SHEET, INDICATOR_SHEET, VALUE_SHEET]
VALUE_COLUMNS = ["序号", "年份", "总量或数值", "增速", "伴随数值", "来源"]

# The words of the file. Reading also takes the app's longer labels.
KIND_WORDS = {
    "总量": Kind.LEVEL,
    "增速": Kind.RATE,
    "比重": Kind.SHARE,
    "累计": Kind.CUMULATIVE,
    "定性": Kind.QUALITATIVE,
}
KIND_READ = KIND_WORDS | {kind.label: kind for kind in Kind} | {"比率": Kind.SHARE}
KIND_WRITE = {kind: word for word, kind in KIND_WORDS.items()}
DIRECTION_READ = {d.label: d for d in Direction} | {"": Direction.INCREASE}
NATURE_READ = {"约束性": Nature.BINDING, "预期性": Nature.EXPECTED, "": Nature.UNMARKED}
VERDICT_READ = {v.label: v.value for v in Verdict} | {"": ""}
NOTE_KIND_READ = {k.label: k for k in NoteKind} | {"": NoteKind.READING}
STATUS_READ = {s.label: s for s in JUDGED_STATUSES}
LIST_SEPARATORS = re.compile(r"[、,,;;]")


# ---------------------------------------------------------------- the data


@dataclass
class PlanHeader:
    code: str
    name: str
    title: str
    start_year: int
    end_year: int
    base_year: int
    source: str
    previous: str = ""
    table_title: str = ""
    note: str = ""


@dataclass
class IndicatorRow:
    number: int
    category: str
    name: str
    unit: str
    kind: Kind
    direction: Direction
    baseline: str
    target: str
    target_growth: str
    nature: Nature
    bureaus: list[str]
    reference: int | None = None  # 比较指标: the 序号 an in-step target is judged against
    continues: int | None = None  # 延续指标: the 序号 in the previous plan
    companion_label: str = ""
    official_assessment: str = ""  # 完成情况 printed by the plan (Verdict value) or ""
    baseline_year: int | None = None  # None: the plan's base year
    target_year: int | None = None  # None: the plan's end year
    note: str = ""  # 说明: one more note (kind 其他) before those of the 指标说明 sheet
    line: int = field(default=0, compare=False)


@dataclass
class ValueRow:
    number: int
    year: int
    value: str
    growth: str
    companion: str
    source: str
    line: int = field(default=0, compare=False)

    @property
    def printed(self) -> bool:
        """A figure the plan document itself prints (kept apart from later revisions)."""
        return self.source == PRINTED_SOURCE


@dataclass
class FootnoteRow:
    number: int
    text: str
    indicators: list[int]
    break_year: int | None = None
    line: int = field(default=0, compare=False)


@dataclass
class NoteRow:
    number: int
    kind: NoteKind
    text: str
    line: int = field(default=0, compare=False)


@dataclass
class AssessmentRow:
    number: int
    year: int
    status: Status
    assessed_on: datetime.date
    reason: str
    line: int = field(default=0, compare=False)


@dataclass
class PlanFile:
    plan: PlanHeader
    indicators: list[IndicatorRow]
    values: list[ValueRow] = field(default_factory=list)
    footnotes: list[FootnoteRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)

    def indicator(self, number: int) -> IndicatorRow | None:
        return next((row for row in self.indicators if row.number == number), None)


@dataclass(frozen=True)
class PlanFileError:
    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else "文件"
        if self.row:
            where += f"第{self.row}行"
        return f"{where}:{self.reason}"


# ---------------------------------------------------------------- reading


def read_plan_file(data: bytes) -> PlanFile | list[PlanFileError]:
    """The plan in a plan file, or every error found (sheet, row, reason)."""
    refused = _bounds(data)
    if refused:
        return [PlanFileError("", None, refused)]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return [PlanFileError("", None, "文件不是Excel表格(.xlsx),或已损坏。")]
    try:
        return _read_workbook(workbook)
    finally:
        workbook.close()


def _bounds(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        return f"文件超过{MAX_BYTES // 1024 // 1024} MB的上限。"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNCOMPRESSED:
                return "文件解压后过大,不是正常的规划文件。"
    except zipfile.BadZipFile:
        return "文件不是Excel表格(.xlsx),或已损坏。"
    return ""


class _Errors(list):
    def add(self, sheet: str, row: int | None, reason: str) -> None:
        self.append(PlanFileError(sheet, row, reason))


def _read_workbook(workbook) -> PlanFile | list[PlanFileError]:
    errors = _Errors()
    names = list(workbook.sheetnames)
    for name in names:
        if name not in SHEETS:
            errors.add(name, None, f"不是规划文件的工作表;应为:{'、'.join(SHEETS)}。")
    for name in REQUIRED_SHEETS:
        if name not in names:
            errors.add(name, None, "缺少这个工作表。")
    if errors:
        return list(errors)
    tables = {name: _table(workbook[name], name, errors) for name in names}
    if errors:
        return list(errors)
    header = _plan_header(tables[PLAN_SHEET], errors)
    if header is None:
        return list(errors)
    indicators = _indicators(tables[INDICATOR_SHEET], header, errors)
    numbers = {row.number for row in indicators}
    plan_file = PlanFile(
        plan=header,
        indicators=indicators,
        values=_values(tables[VALUE_SHEET], header, numbers, errors),
        footnotes=_footnotes(tables.get(FOOTNOTE_SHEET, []), header, numbers, errors),
        notes=_notes(tables.get(NOTE_SHEET, []), numbers, errors),
        assessments=_assessments(tables.get(ASSESSMENT_SHEET, []), numbers, errors),
    )
    return list(errors) if errors else plan_file


def _cell_text(cell) -> str:
    """A cell as it shows: text as typed, a number as its format displays it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if _displayed is not None:
            return _displayed(value, cell.number_format)
        if "%" in (cell.number_format or ""):
            return f"{_plain(value * 100)}%"
        return _plain(value)
    return str(value).strip()


def _plain(number: float) -> str:
    text = format(round(number, 10), "f") if isinstance(number, float) else str(number)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _table(sheet, name: str, errors: _Errors) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for each non-empty row under the header row."""
    required, optional = SHEETS[name]
    rows = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)
    header_cells = next(rows, ())
    headers = [_cell_text(cell) for cell in header_cells]
    while headers and headers[-1] == "":
        headers.pop()
    missing = [column for column in required if column not in headers]
    unknown = [h for h in headers if h not in required + optional]
    doubled = sorted({h for h in headers if h and headers.count(h) > 1})
    if missing or unknown or doubled or "" in headers:
        detail = []
        if missing:
            detail.append("缺少列:" + "、".join(missing))
        if unknown:
            detail.append("不认识的列:" + "、".join(unknown))
        if doubled:
            detail.append("重复的列:" + "、".join(doubled))
        if "" in headers:
            detail.append("有空白的列名")
        errors.add(name, 1, "表头不对(" + ";".join(detail) + ")。")
        return []
    table = []
    for cells in rows:
        line = cells[0].row if cells and hasattr(cells[0], "row") else None
        if line is not None and line > MAX_ROWS + 1:
            errors.add(name, None, f"超过{MAX_ROWS}行,不是正常的规划文件。")
            return []
        if any(getattr(cell, "data_type", "") == "f" for cell in cells):
            errors.add(name, line, "有公式,请改为直接填写印刷的内容。")
            continue
        texts = [_cell_text(cell) for cell in cells]
        if any(texts[len(headers) :]):
            errors.add(name, line, "在表头以外的列还有内容。")
        texts = texts[: len(headers)] + [""] * (len(headers) - len(texts))
        row = dict(zip(headers, texts, strict=True))
        if any(row.values()):
            table.append((line, row))
    return table


def _integer(text: str, sheet: str, line: int | None, column: str, errors: _Errors) -> int | None:
    try:
        return int(text)
    except ValueError:
        errors.add(sheet, line, f"{column}“{text}”不是整数。" if text else f"{column}不能为空。")
        return None


def _optional_integer(text, sheet, line, column, errors) -> int | None:
    return None if text == "" else _integer(text, sheet, line, column, errors)


def _figure(text: str, sheet: str, line: int, column: str, errors: _Errors) -> str:
    """The figure as printed, after checking it reads (printed.read_printed)."""
    if len(text) > FIGURE_LIMIT:
        errors.add(sheet, line, f"{column}超过{FIGURE_LIMIT}个字。")
        return text
    try:
        read_printed(text)
    except NotationError as error:
        errors.add(sheet, line, f"{column}无法识别:{error}")
    return text


def _text(text: str, sheet, line, column, errors, *, limit: int = TEXT_LIMIT) -> str:
    if len(text) > limit:
        errors.add(sheet, line, f"{column}超过{limit}个字。")
    return text


def _plan_header(table, errors: _Errors) -> PlanHeader | None:
    items: dict[str, str] = {}
    for line, row in table:
        key = row["项目"]
        if key not in PLAN_KEYS + PLAN_OPTIONAL_KEYS:
            errors.add(PLAN_SHEET, line, f"不认识的项目“{key}”;应为:{'、'.join(PLAN_KEYS)}。")
        elif key in items:
            errors.add(PLAN_SHEET, line, f"项目“{key}”重复了。")
        else:
            items[key] = row["内容"]
    for key in PLAN_KEYS:
        if not items.get(key):
            errors.add(PLAN_SHEET, None, f"缺少“{key}”。")
    if errors:
        return None
    lines = {row["项目"]: line for line, row in table}
    years = {
        key: _integer(items[key], PLAN_SHEET, lines[key], key, errors)
        for key in ("起始年", "结束年", "基期年")
    }
    if errors:
        return None
    if years["结束年"] < years["起始年"]:
        errors.add(PLAN_SHEET, lines["结束年"], "结束年不能早于起始年。")
        return None
    if not re.fullmatch(r"[-a-zA-Z0-9_]{1,20}", items["代码"]):
        errors.add(PLAN_SHEET, lines["代码"], "代码只能由字母、数字、-和_组成,最多20个字符。")
        return None
    return PlanHeader(
        code=items["代码"],
        name=items["名称"],
        title=items["全称"],
        start_year=years["起始年"],
        end_year=years["结束年"],
        base_year=years["基期年"],
        source=items["来源"],
        previous=items.get("上一个规划", ""),
        table_title=items.get("指标表标题", ""),
        note=items.get("说明", ""),
    )


def _choice(text, choices: dict, sheet, line, column, errors):
    if text in choices:
        return choices[text]
    words = "、".join(word for word in choices if word)
    errors.add(sheet, line, f"{column}“{text}”无法识别,应为:{words}。")
    return None


def _indicators(table, header: PlanHeader, errors: _Errors) -> list[IndicatorRow]:
    sheet = INDICATOR_SHEET
    rows: list[IndicatorRow] = []
    seen: dict[int, int] = {}
    for line, cells in table:
        before = len(errors)
        number = _integer(cells["序号"], sheet, line, "序号", errors)
        if number is not None and number in seen:
            errors.add(sheet, line, f"序号{number}重复了(第{seen[number]}行已有)。")
        elif number is not None:
            seen[number] = line
        for column in ("类别", "指标"):
            if not cells[column]:
                errors.add(sheet, line, f"{column}不能为空。")
        bureaus = [name.strip() for name in LIST_SEPARATORS.split(cells["责任单位"])]
        bureaus = [name for name in bureaus if name]
        if not bureaus:
            errors.add(sheet, line, "责任单位不能为空。")
        elif len(set(bureaus)) < len(bureaus):
            errors.add(sheet, line, "责任单位中有重复的单位。")
        row = IndicatorRow(
            number=number or 0,
            category=_text(cells["类别"], sheet, line, "类别", errors, limit=50),
            name=_text(cells["指标"], sheet, line, "指标", errors, limit=100),
            unit=_text(cells["单位"], sheet, line, "单位", errors, limit=20),
            kind=_choice(cells["类型"], KIND_READ, sheet, line, "类型", errors),
            direction=_choice(cells["方向"], DIRECTION_READ, sheet, line, "方向", errors),
            baseline=_figure(cells["基期值"], sheet, line, "基期值", errors),
            target=_figure(cells["目标值"], sheet, line, "目标值", errors),
            target_growth=_figure(cells["年均增长或累计"], sheet, line, "年均增长或累计", errors),
            nature=_choice(cells["属性"], NATURE_READ, sheet, line, "属性", errors),
            bureaus=bureaus,
            reference=_optional_integer(cells["比较指标"], sheet, line, "比较指标", errors),
            continues=_optional_integer(cells.get("延续指标", ""), sheet, line, "延续指标", errors),
            companion_label=_text(
                cells.get("伴随数值", ""), sheet, line, "伴随数值", errors, limit=50
            ),
            official_assessment=_choice(
                cells.get("完成情况", ""), VERDICT_READ, sheet, line, "完成情况", errors
            ),
            baseline_year=_optional_integer(cells.get("基期年", ""), sheet, line, "基期年", errors),
            target_year=_optional_integer(cells.get("目标年", ""), sheet, line, "目标年", errors),
            note=_text(cells.get("说明", ""), sheet, line, "说明", errors),
            line=line,
        )
        if len(errors) == before:
            rows.append(row)
    if not table:
        errors.add(sheet, None, "没有指标。")
    numbers = {row.number for row in rows} | set(seen)
    for row in rows:
        if row.reference is not None and row.reference not in numbers:
            errors.add(sheet, row.line, f"比较指标{row.reference}不存在(本规划没有这个序号)。")
        elif row.reference == row.number:
            errors.add(sheet, row.line, "比较指标不能是这项指标自己。")
        if row.continues is not None and not header.previous:
            errors.add(sheet, row.line, "填了延续指标,但“规划”表没有填“上一个规划”。")
    return rows


def _values(table, header: PlanHeader, numbers: set[int], errors: _Errors) -> list[ValueRow]:
    sheet = VALUE_SHEET
    rows, seen = [], {}
    for line, cells in table:
        before = len(errors)
        number = _integer(cells["序号"], sheet, line, "序号", errors)
        year = _integer(cells["年份"], sheet, line, "年份", errors)
        if number is not None and number not in numbers:
            errors.add(sheet, line, f"序号{number}在“指标”表中没有。")
        if year is not None and not header.start_year <= year <= header.end_year:
            errors.add(
                sheet,
                line,
                f"年份{year}不在规划期({header.start_year}—{header.end_year}年)内;"
                "基期年的数值填在“指标”表的基期值。",
            )
        if (number, year) in seen:
            errors.add(sheet, line, f"序号{number}的{year}年重复了(第{seen[number, year]}行已有)。")
        seen[number, year] = line
        figures = {
            column: _figure(cells.get(column, ""), sheet, line, column, errors)
            for column in ("总量或数值", "增速", "伴随数值")
        }
        if not any(figures.values()):
            errors.add(sheet, line, "没有数值(总量或数值、增速、伴随数值都是空的)。")
        if not cells["来源"]:
            errors.add(sheet, line, f"来源不能为空(规划印发的数值写“{PRINTED_SOURCE}”)。")
        source = _text(cells["来源"], sheet, line, "来源", errors, limit=100)
        if len(errors) == before:
            rows.append(
                ValueRow(
                    number=number,
                    year=year,
                    value=figures["总量或数值"],
                    growth=figures["增速"],
                    companion=figures["伴随数值"],
                    source=source,
                    line=line,
                )
            )
    return rows


def _numbers_list(text: str, sheet, line, column, numbers, errors) -> list[int]:
    found = []
    for part in (p.strip() for p in LIST_SEPARATORS.split(text)):
        if not part:
            continue
        number = _integer(part, sheet, line, column, errors)
        if number is not None and number not in numbers:
            errors.add(sheet, line, f"{column}中的序号{number}在“指标”表中没有。")
        elif number is not None:
            found.append(number)
    return found


def _footnotes(table, header: PlanHeader, numbers, errors: _Errors) -> list[FootnoteRow]:
    sheet = FOOTNOTE_SHEET
    rows, seen = [], set()
    for line, cells in table:
        before = len(errors)
        number = _integer(cells["编号"], sheet, line, "编号", errors)
        if number in seen:
            errors.add(sheet, line, f"编号{number}重复了。")
        seen.add(number)
        if not cells["内容"]:
            errors.add(sheet, line, "内容不能为空。")
        indicators = _numbers_list(cells["涉及指标"], sheet, line, "涉及指标", numbers, errors)
        break_year = _optional_integer(cells["口径调整年份"], sheet, line, "口径调整年份", errors)
        if break_year is not None and not header.start_year <= break_year <= header.end_year:
            errors.add(sheet, line, f"口径调整年份{break_year}不在规划期内。")
        if len(errors) == before:
            rows.append(FootnoteRow(number, cells["内容"], indicators, break_year, line=line))
    return rows


def _notes(table, numbers, errors: _Errors) -> list[NoteRow]:
    sheet = NOTE_SHEET
    rows = []
    for line, cells in table:
        before = len(errors)
        number = _integer(cells["序号"], sheet, line, "序号", errors)
        if number is not None and number not in numbers:
            errors.add(sheet, line, f"序号{number}在“指标”表中没有。")
        kind = _choice(cells["类型"], NOTE_KIND_READ, sheet, line, "类型", errors)
        if not cells["内容"]:
            errors.add(sheet, line, "内容不能为空。")
        text = _text(cells["内容"], sheet, line, "内容", errors)
        if len(errors) == before:
            rows.append(NoteRow(number, kind, text, line=line))
    return rows


def _date(text: str, sheet, line, column, errors) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        errors.add(sheet, line, f"{column}“{text}”不是日期,应写成2026-01-31。")
        return None


def _assessments(table, numbers, errors: _Errors) -> list[AssessmentRow]:
    sheet = ASSESSMENT_SHEET
    rows = []
    for line, cells in table:
        before = len(errors)
        number = _integer(cells["序号"], sheet, line, "序号", errors)
        if number is not None and number not in numbers:
            errors.add(sheet, line, f"序号{number}在“指标”表中没有。")
        year = _integer(cells["年份"], sheet, line, "年份", errors)
        status = _choice(cells["结论"], STATUS_READ, sheet, line, "结论", errors)
        assessed_on = _date(cells["评估日期"], sheet, line, "评估日期", errors)
        if not cells["理由"]:
            errors.add(sheet, line, "理由不能为空。")
        if len(errors) == before:
            rows.append(AssessmentRow(number, year, status, assessed_on, cells["理由"], line=line))
    return rows


# ---------------------------------------------------------------- writing


def write_plan_file(plan_file: PlanFile) -> bytes:
    """The plan file's bytes: every sheet of the layout, each cell as printed (text)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = plan_file.plan
    plan_rows = [
        ("代码", header.code),
        ("名称", header.name),
        ("全称", header.title),
        ("起始年", header.start_year),
        ("结束年", header.end_year),
        ("基期年", header.base_year),
        ("来源", header.source),
        ("上一个规划", header.previous),
        ("指标表标题", header.table_title),
        ("说明", header.note),
    ]
    _sheet(workbook, PLAN_SHEET, ["项目", "内容"], plan_rows)
    required, optional = SHEETS[INDICATOR_SHEET]
    _sheet(
        workbook,
        INDICATOR_SHEET,
        required + optional,
        [
            (
                row.number,
                row.category,
                row.name,
                row.unit,
                KIND_WRITE[row.kind],
                Direction(row.direction).label,
                row.baseline,
                row.target,
                row.target_growth,
                row.nature.label if row.nature else "",
                "、".join(row.bureaus),
                row.reference,
                row.continues,
                row.companion_label,
                row.official_assessment,
                row.baseline_year,
                row.target_year,
                row.note,
            )
            for row in plan_file.indicators
        ],
    )
    _sheet(
        workbook,
        VALUE_SHEET,
        VALUE_COLUMNS,
        [(v.number, v.year, v.value, v.growth, v.companion, v.source) for v in plan_file.values],
    )
    _sheet(
        workbook,
        FOOTNOTE_SHEET,
        SHEETS[FOOTNOTE_SHEET][0],
        [
            (n.number, n.text, "、".join(map(str, n.indicators)), n.break_year)
            for n in plan_file.footnotes
        ],
    )
    _sheet(
        workbook,
        NOTE_SHEET,
        SHEETS[NOTE_SHEET][0],
        [(n.number, NoteKind(n.kind).label, n.text) for n in plan_file.notes],
    )
    _sheet(
        workbook,
        ASSESSMENT_SHEET,
        SHEETS[ASSESSMENT_SHEET][0],
        [
            (a.number, a.year, Status(a.status).label, a.assessed_on.isoformat(), a.reason)
            for a in plan_file.assessments
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook, title: str, headers: list[str], rows) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(["" if value is None else value for value in values])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # As printed: text stays text ("3.50%", "-2.2"); nothing runs as a formula.
                cell.data_type = "s"
                cell.number_format = "@"
            if cell.value == "":
                cell.value = None
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMNOPQR", _widths(title), strict=False):
        sheet.column_dimensions[column].width = width


def _widths(title: str) -> list[int]:
    return {
        PLAN_SHEET: [12, 80],
        INDICATOR_SHEET: [6, 10, 36, 8, 6, 10, 10, 14, 14, 8, 24, 8, 8, 20, 10, 8, 8, 40],
        VALUE_SHEET: [6, 8, 12, 10, 10, 24],
        FOOTNOTE_SHEET: [6, 80, 12, 12],
        NOTE_SHEET: [6, 14, 100],
        ASSESSMENT_SHEET: [6, 8, 10, 12, 80],
    }[title]
