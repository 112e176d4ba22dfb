"""Documents generated from the data, for any plan and any `as_of` year: the
完成情况表 (xlsx, docx), the 评估报告 (docx, pdf) and the charts they embed.
Each carries the plan's name, 数据截至 and the date of printing. They read through
evaluation.py (approved figures and approved narratives only)."""
