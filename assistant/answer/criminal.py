"""The 刑法 article a described situation may fall under, for `applies`.

The statutes' 罚则 end 「构成犯罪的，依照刑法有关规定追究刑事责任」 without naming the article, so an inspector
reading them does not learn which crime is in play. This module finds it, and says nothing rather than
something wrong: only the production-safety crimes in ``data/criminal_articles.txt`` are considered, each
under the condition its text sets.

- A **result crime** (重大责任事故, 重大劳动安全事故, 危险物品肇事, 工程重大安全事故, 不报谎报安全事故) needs a
  result: the article applies only when the situation tells of someone killed or injured, and, where the
  list gives the crime's own conduct (不报、谎报 for 第一百三十九条之一; unsafe facilities for 第一百三十五条;
  dangerous goods for 第一百三十六条; a project's quality for 第一百三十七条), only when the situation's words say
  it. The best-ranked of those among the situation's 刑法 hits is shown, and only when none fits, the general
  one, 第一百三十四条 (违反有关安全管理的规定; 强令冒险作业): ranked alone, 第一百三十五条 came first for stories of
  a forced entry under a cracked roof.
- A **conduct crime** (危险作业罪, 第一百三十四条之一) needs no result, so the situation must tell of the conduct
  one of its 项 names, in the list's words (a monitor switched off, production after an order to stop, mining
  without a permit), and the article must be among the situation's 刑法 hits. (Until stop 26's end it was shown
  when it was the best 刑法 hit with raw BM25 ≥ 4: that named it for a missing 注册安全工程师 and missed it for
  production after a stop order.)

It is a lead for the inspector, not a finding: `applies` labels it 「可能涉及的犯罪（由司法机关依法认定）」.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.retrieve.search import CRIMINAL_DOC, SearcherLike
from assistant.schema import Hit
from assistant.text.crimes import fits, listed, tells_of_harm
from assistant.text.query import Query

DEPTH = 10  # the situation's 刑法 hits looked through for a listed article


def criminal_hit(searcher: SearcherLike, query: Query) -> Hit | None:
    """The 刑法 article ``query`` (a described situation) may fall under, or None; see the module doc."""
    if CRIMINAL_DOC not in searcher.store.documents:
        return None
    crimes = listed()
    hits = searcher.search(replace(query, situation=True), DEPTH, doc=CRIMINAL_DOC)
    if tells_of_harm(query.text):
        fitting = [h for h in hits if fits(crimes.get(h.clause.label), "result", query.text)]
        # a crime whose own conduct the story tells of, before the general one (第一百三十四条)
        specific = [h for h in fitting if crimes[h.clause.label].conduct is not None]
        return next(iter(specific or fitting), None)
    return next((h for h in hits if fits(crimes.get(h.clause.label), "conduct", query.text)), None)
