"""Two-way referral in the plan: the green channel of 二（三） checked on each referral, and
what 四（三） asks of a specialty alliance's lead (a referral procedure, a green channel, a
shared drug list and shared medical records) checked as governance facts.

A green channel is read as the national one is (四（一） of 国卫医发〔2016〕75号): the
receiving institution gives the referred patient priority (``Referral.priority``). It is
asked of referrals between institutions of a common consortium, in both directions
(双向); a lateral referral is neither up nor down and is not its concern.
"""

from __future__ import annotations

from medconsortium import ConsortiumKind
from medconsortium import Fact
from medconsortium import Label
from medconsortium import ReferralRule
from medconsortium import Rule
from medconsortium import Strength
from medconsortium.policy.helpers import green_channel

from .document import cite
from .governance import governance_check

GREEN_CHANNEL_SENTENCE = "建立双向转诊绿色通道"

ALLIANCE_REFERRAL_SENTENCE = (
    "专科专病联盟牵头医院要发挥专科优势，为成员单位提供技术培训支撑，加强其专科技术能力、医疗质量和服务水平，"
    "建立专科专病联盟内转诊流程和制度，形成双向转诊患者绿色通道，实现药品目录、电子病历共享共用，"
    "确保患者治疗的连贯延续性。"
)

#: What 四（三） has a specialty alliance's lead establish, as governance facts.
ALLIANCE_REFERRAL_FACTS = (
    Fact(
        "jiangsu_referral_procedure",
        Label("联盟内转诊流程和制度", "a referral procedure and rules within the consortium"),
    ),
    Fact(
        "jiangsu_referral_green_channel",
        Label("双向转诊患者绿色通道", "a green channel for patients referred both ways"),
    ),
    Fact("jiangsu_shared_drug_list", Label("药品目录共享共用", "a drug list shared by the members")),
    Fact(
        "jiangsu_shared_medical_records",
        Label("电子病历共享共用", "electronic medical records shared by the members"),
    ),
)


REFERRAL_RULES = (
    ReferralRule(
        "jiangsu.green_channel",
        Label("医联体内双向转诊绿色通道", "a two-way referral green channel within a consortium"),
        Strength.MANDATORY,
        cite("二（三）", GREEN_CHANNEL_SENTENCE),
        green_channel,  # the core's shape, shared with Linyi's 四（四）1
        description=Label(
            "绿色通道记为接收机构优先接诊（priority）；同级平转不在此列",
            "the green channel is the receiving institution's priority (priority); "
            "lateral referrals are not its concern",
        ),
    ),
)

RULES = (
    Rule(
        "jiangsu.specialty_alliance_referral",
        Label(
            "专科专病联盟内转诊流程、绿色通道、药品目录和电子病历共享",
            "a specialty alliance's referral procedure, green channel, shared drug list and records",
        ),
        Strength.MANDATORY,
        cite("四（三）", ALLIANCE_REFERRAL_SENTENCE),
        governance_check((ConsortiumKind.SPECIALTY_ALLIANCE,), tuple(f.id for f in ALLIANCE_REFERRAL_FACTS)),
        description=Label(
            "为成员单位提供技术培训支撑未记录，不检查",
            "the technical training given to members is not recorded",
        ),
    ),
)
