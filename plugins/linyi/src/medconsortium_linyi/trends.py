"""The trend 临政办发〔2017〕60号 states without a number (issue 12): 五（二） has the
reimbursement ratio at primary care institutions raised continually (不断提高基层医疗卫生机构
报销比例). No ratio is given, so it is a rising trend against the year before, never a
threshold.

>>> TARGETS[0].operator.value, TARGETS[0].value
('rising', None)
"""

from __future__ import annotations

from medconsortium import Indicator
from medconsortium import Label
from medconsortium import Metric
from medconsortium import MetricValue
from medconsortium import Operator
from medconsortium import Period
from medconsortium import Target
from medconsortium import Unit

from .document import ISSUED
from .document import cite

REIMBURSEMENT = "linyi_primary_care_reimbursement_ratio"

METRICS = (
    Metric(
        REIMBURSEMENT,
        Label(
            "基层医疗卫生机构医保报销比例（%）",
            "medical-insurance reimbursement ratio at primary care institutions (%)",
        ),
        "percent",
    ),
)

INDICATORS = (
    Indicator(
        REIMBURSEMENT,
        Label("基层医疗卫生机构报销比例", "reimbursement ratio at primary care institutions"),
        Unit.PERCENT,
        MetricValue(REIMBURSEMENT),
    ),
)

TARGETS = (
    Target(
        "linyi.primary_care_reimbursement",
        Label("不断提高基层医疗卫生机构报销比例", "the primary care reimbursement ratio rises continually"),
        cite("五（二）", "不断提高基层医疗卫生机构报销比例"),
        indicator=REIMBURSEMENT,
        operator=Operator.RISING,
        period=Period(ISSUED),
        note=Label(
            "“不断提高”未给出数值，按逐年上升评估（与上一年比较）",
            "'raised continually' gives no number: assessed as rising year on year",
        ),
    ),
)
