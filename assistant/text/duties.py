"""What a party's duties are: the question that asks it, and the article that lists them.

「老板对安全生产到底要管哪些事？」「安全员平时主要管些什么？」 ask for a list of duties. Their words are those of many
articles (安全生产法 第五条: the head is 第一责任人; 第一百一十三条 on closing), which search put first; the answer is the
article whose lead-in gives that party 「下列职责」: 第二十一条 (主要负责人), 第二十五条 (安全生产管理机构以及安全生产管理
人员), 煤矿安全生产条例 第十八条, 矿山安全法 第三十四条 (主管部门 「行使下列管理职责」).
"""

from __future__ import annotations

import re

# what the question asks: the things a party is to do (「管哪些事」「该干哪些活儿」「要履行哪些职责」「负哪些责任」)
_ASKS_DUTIES = re.compile(
    r"(?:哪些|什么|啥)(?:职责|事|事情|活|活儿|工作|责任|义务)|管(?:些|哪些|什么|啥)|(?:职责|义务)(?:有|是|包括)(?:哪些|什么)"
)
# a liability, not a duty: what is borne for an accident or a breach (「矿长要负什么责任」 after a death)
_LIABILITY = re.compile(r"事故|死|伤|违|罚|处分|追究|坐牢|判|出事|后果")
# a party by its role: 主要负责人, 安全生产管理人员, 主管部门, 安全员, 调查组
_ROLE = re.compile(r"(?:负责人|人员|部门|机构|员|组|委员会|政府)$")
# the lead-in that lists a party's duties, its subject before 负有/履行/行使; an answer quotes it, and with it the whole
# list (``answer.extractive._with_list``), not the one or two 项 whose words the question shares
DUTIES_LEAD = re.compile(r"([^。：:；;\n]{2,60}?)(?:负有|履行|行使)下列(?:管理|安全生产)?职责")


def asks_the_duties(text: str) -> bool:
    """The question asks what a party's duties are, not what it bears for a breach."""
    return bool(_ASKS_DUTIES.search(text)) and not _LIABILITY.search(text)


def roles(words: tuple[str, ...]) -> tuple[str, ...]:
    """The question's words (and the statutes' words for them) that name a party by its role."""
    return tuple(dict.fromkeys(w for w in words if len(w) >= 2 and _ROLE.search(w)))


def lists_the_duties_of(text: str, parties: tuple[str, ...]) -> bool:
    """The article's lead-in gives one of ``parties`` a list of duties."""
    m = DUTIES_LEAD.search(text)
    return m is not None and any(party in m.group(1) for party in parties)
