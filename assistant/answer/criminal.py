"""The 刑法 article a described situation may fall under, for `applies`.

The statutes' 罚则 end 「构成犯罪的，依照刑法有关规定追究刑事责任」 without naming the article, so an inspector
reading them does not learn which crime is in play. This module finds it, and says nothing rather than
something wrong: only the production-safety crimes in ``data/criminal_articles.txt`` are considered, each
under the condition its text sets.

- A **result crime** (重大责任事故, 重大劳动安全事故, 危险物品肇事, 工程重大安全事故, 不报谎报安全事故) needs a
  result: the article applies only when the situation tells of someone killed or injured. The best such
  article among the situation's 刑法 hits is the one shown.
- A **conduct crime** (危险作业罪, 第一百三十四条之一) needs no result, so its words must carry it: it is shown only
  when it is the situation's best 刑法 hit and the words of the situation support it (raw BM25 at least
  ``RELATED_MIN_BM25``, the bar a national counterpart must clear too).

It is a lead for the inspector, not a finding: `applies` labels it 「可能涉及的犯罪（由司法机关依法认定）」.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from assistant.datafiles import data_lines
from assistant.retrieve.search import SearcherLike
from assistant.schema import Hit
from assistant.text.query import Query

CRIMINAL_DOC = "criminal-law"
DEPTH = 10  # the situation's 刑法 hits looked through for a listed article
# someone killed or hurt: what a result crime needs (死了两个人, 重伤, 伤亡, 遇难)
_HARM = re.compile(r"死|身亡|丧生|遇难|罹难|重伤|伤亡|受伤|致残|人命")


@lru_cache(maxsize=1)
def listed() -> dict[str, str]:
    """``{article label: "result" | "conduct"}`` from ``data/criminal_articles.txt``."""
    out: dict[str, str] = {}
    for line in data_lines("criminal_articles.txt"):
        label, kind = line.split()[:2]
        out[label] = kind
    return out


def tells_of_harm(situation: str) -> bool:
    return bool(_HARM.search(situation))


def criminal_hit(searcher: SearcherLike, query: Query, related_min_bm25: float) -> Hit | None:
    """The 刑法 article ``query`` (a described situation) may fall under, or None; see the module doc."""
    if CRIMINAL_DOC not in searcher.store.documents:
        return None
    kinds = listed()
    hits = searcher.search(replace(query, situation=True), DEPTH, doc=CRIMINAL_DOC)
    if tells_of_harm(query.text):
        return next((h for h in hits if kinds.get(h.clause.label) == "result"), None)
    top = hits[0] if hits else None
    if top and kinds.get(top.clause.label) == "conduct" and top.sources.get("bm25", 0.0) >= related_min_bm25:
        return top
    return None
