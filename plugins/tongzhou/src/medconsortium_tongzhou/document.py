"""The document this plugin encodes (通政办发〔2024〕20号) and the jurisdictions it needs."""

from __future__ import annotations

import datetime as dt

from medconsortium import Citation
from medconsortium import Jurisdiction
from medconsortium import Label
from medconsortium import Level
from medconsortium import PolicyDocument
from medconsortium import PolicyText

NANTONG_CODE = "320600"
TONGZHOU_CODE = "320612"
JIANGSU_CODE = "320000"

NANTONG = Jurisdiction(NANTONG_CODE, "nantong", Label("南通市", "Nantong"), Level.CITY, JIANGSU_CODE)
TONGZHOU = Jurisdiction(
    TONGZHOU_CODE, "tongzhou", Label("通州区", "Tongzhou District"), Level.COUNTY, NANTONG_CODE
)
JURISDICTIONS = (NANTONG, TONGZHOU)

DOC = "通政办发〔2024〕20号"

DOCUMENT = PolicyDocument(
    number=DOC,
    title="区政府办公室关于印发通州区进一步推进紧密型县域医疗卫生共同体建设实施方案的通知",
    title_en=(
        "Notice of the district government office on the implementation plan for further "
        "building tight county medical communities in Tongzhou"
    ),
    issuer=Label(
        "南通市通州区人民政府办公室",
        "General Office of the People's Government of Tongzhou District, Nantong",
    ),
    issued=dt.date(2024, 6, 22),
    jurisdiction=TONGZHOU_CODE,
    # Named in the preamble; encoded by other plugins or not at all.
    rests_on=(
        "关于进一步深化改革促进乡村医疗卫生体系健康发展的意见",
        "国卫基层发〔2023〕41号",
        "江苏省基层卫生条例",
        "苏政办发〔2024〕1号",
    ),
    text=PolicyText("medconsortium_tongzhou", "tongzhou-tongzhengbanfa-2024-20.txt"),
)

#: The day the plan was issued: its targets and rules are in force from then on.
IN_FORCE = DOCUMENT.issued


def cite(clause: str, text: str) -> Citation:
    """A citation of this document; ``text`` is copied verbatim from the original."""
    return Citation(DOC, clause, text)
