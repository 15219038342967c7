"""The index knows what each provision is: every piece carries its article's role, and the build
stores the penalty → duty links (small corpora here; the real laws are checked in test_provisions*)."""

from __future__ import annotations

import pytest

from assistant.index.build import build_index
from assistant.index.store import open_index
from tests.conftest import FakeConfigFactory

pytestmark = pytest.mark.unit

LAW = """第一章 总则
第一条 生产经营单位不得将生产经营项目发包给不具备安全生产条件或者相应资质的单位。
第二条 生产经营单位应当对从业人员进行安全生产教育和培训。
第二章 法律责任
第三条 生产经营单位将生产经营项目发包给不具备安全生产条件或者相应资质的单位的，责令限期改正，处十万元以上二十万元以下的罚款。
第四条 生产经营单位未对从业人员进行安全生产教育和培训的，责令限期改正，处五万元以下的罚款。
"""
CARD = 'id = "toy-law"\ntitle = "安全生产示范法"\nkind = "regulation"\nlevel = "法律"\n'


def test_every_clause_carries_its_role_and_the_links_reach_the_index(fake_config: FakeConfigFactory) -> None:
    config = fake_config({"law.txt": LAW, "law.txt.toml": CARD})
    build_index(config, progress=False)
    store = open_index(config.index_path)
    roles = {c.label: c.role for c in store.clauses}
    assert roles["第一条"] == "禁止" and roles["第二条"] == "义务"
    assert roles["第三条"] == roles["第四条"] == "罚则"
    links = {(x.penalty, x.duty) for x in store.links}
    assert ("第三条", "第一条") in links and ("第四条", "第二条") in links
    assert store.provision("toy-law", "第三条").role == "罚则"  # type: ignore[union-attr]
