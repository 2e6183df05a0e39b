"""临政办发〔2017〕60号, the jurisdiction that issued it (临沂市) and its divisions."""

from __future__ import annotations

import datetime as dt

from medconsortium import Citation
from medconsortium import Jurisdiction
from medconsortium import Label
from medconsortium import Level
from medconsortium import PolicyDocument
from medconsortium import PolicyText

CODE = "371300"
SHANDONG = "370000"

JURISDICTION = Jurisdiction(CODE, "linyi", Label("临沂市", "Linyi"), Level.CITY, SHANDONG)

DOC = "临政办发〔2017〕60号"

#: The day the plan was signed; the 2017 targets run from here to the year end.
ISSUED = dt.date(2017, 10, 26)

DOCUMENT = PolicyDocument(
    number=DOC,
    title="临沂市人民政府办公室关于印发临沂市医疗联合体建设工作方案的通知",
    title_en="Notice of the General Office of the Linyi Municipal People's Government on the "
    "work plan for building medical consortia in Linyi",
    issuer=Label("临沂市人民政府办公室", "General Office of the Linyi Municipal People's Government"),
    issued=ISSUED,
    # The text is dated 2017年10月26日 and was printed (印发) on 2017年10月31日.
    printed=dt.date(2017, 10, 31),
    jurisdiction=CODE,
    # The provincial plan it implements is named, not encoded (its text is not among ours).
    rests_on=("鲁政办发〔2017〕51号",),
    text=PolicyText("medconsortium_linyi", "linyi-linzhengbanfa-2017-60.txt"),
)


def cite(clause: str, text: str) -> Citation:
    """A citation of 临政办发〔2017〕60号 (``text`` verbatim from the document)."""
    return Citation(DOC, clause, text)


# GB/T 2260 county-level divisions of 临沂市. The document's "市主城区" / "五区" is the
# urban core: the three districts below (the other two of the "five" are development
# zones without a division code of their own, inside them).
URBAN_DISTRICTS: dict[str, Label] = {
    "371302": Label("兰山区", "Lanshan District"),
    "371311": Label("罗庄区", "Luozhuang District"),
    "371312": Label("河东区", "Hedong District"),
}

COUNTIES: dict[str, Label] = {
    "371321": Label("沂南县", "Yinan County"),
    "371322": Label("郯城县", "Tancheng County"),
    "371323": Label("沂水县", "Yishui County"),
    "371324": Label("兰陵县", "Lanling County"),
    "371325": Label("费县", "Fei County"),
    "371326": Label("平邑县", "Pingyi County"),
    "371327": Label("莒南县", "Junan County"),
    "371328": Label("蒙阴县", "Mengyin County"),
    "371329": Label("临沭县", "Linshu County"),
}

#: The code of a county named in the text, by its Chinese name.
COUNTY_BY_NAME: dict[str, str] = {label.zh: code for code, label in COUNTIES.items()}
