"""The document this plugin encodes: 苏卫医政〔2019〕17号 (江苏省医疗联合体建设规划（试行）)."""

from __future__ import annotations

import datetime as dt

from medconsortium import Citation
from medconsortium import DatePrecision
from medconsortium import Label
from medconsortium import PolicyDocument
from medconsortium import PolicyText

DOC = "苏卫医政〔2019〕17号"

#: GB/T 2260 code of 江苏省; the core registers the province itself.
JIANGSU = "320000"

#: The text carries the year in its number (〔2019〕) but no day of issue, so the first day
#: of that year stands in; no rule here depends on the day (see ``rules.py``).
ISSUED = dt.date(2019, 1, 1)

DOCUMENT = PolicyDocument(
    number=DOC,
    title="关于印发江苏省医疗联合体建设规划（试行）的通知",
    title_en="Notice on issuing the Jiangsu medical consortium construction plan (trial)",
    issuer=Label("江苏省卫生健康委员会", "Jiangsu Provincial Health Commission"),
    issued=ISSUED,
    issued_precision=DatePrecision.YEAR,
    jurisdiction=JIANGSU,
    rests_on=("国办发〔2017〕32号", "苏医改办发〔2017〕15号"),
    text=PolicyText("medconsortium_jiangsu", "jiangsu-suweiyizheng-2019-17.txt"),
)


def cite(clause: str, text: str) -> Citation:
    """A citation of this document: the clause path and the sentence, verbatim."""
    return Citation(DOC, clause, text)
