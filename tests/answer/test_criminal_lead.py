"""`applies` names the 刑法 article a situation may fall under only where the crime's own condition holds: a
result crime (重大责任事故罪 …) only when someone was killed or hurt, the conduct crime (危险作业罪) only when the
situation's words carry it; no other 刑法 article is ever named."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.config import Config

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def applies(config: Config, situation: str) -> list[dict]:  # type: ignore[type-arg]
    options = ["--corpus", str(config.corpus_dir), "--index-dir", str(config.index_dir)]
    result = CliRunner().invoke(
        cli, [*options, "applies", situation, "--json", "-k", "5"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["clauses"]  # type: ignore[no-any-return]


def crimes(rules: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [r["clause"] for r in rules if r["criminal"]]


def test_forcing_workers_in_until_three_die_names_article_134_near_the_top(laws_config: Config) -> None:
    rules = applies(laws_config, "班长明知道工作面顶板有冒落危险，还硬逼着工人进去干活，结果塌了死了3个人")
    assert crimes(rules) == ["第一百三十四条"]
    crime = next(r for r in rules if r["criminal"])
    assert rules.index(crime) <= 1 and crime["doc_id"] == "criminal-law"
    assert any("有期徒刑" in p["text"] for p in crime["penalties"])


def test_pulling_a_gas_alarms_probe_is_the_conduct_crime_without_any_result(laws_config: Config) -> None:
    assert crimes(applies(laws_config, "为了多出矿，矿上把井下一氧化碳报警仪的探头给拔了")) == [
        "第一百三十四条之一"
    ]


@pytest.mark.parametrize(
    "situation",
    [
        "执法人员到矿上检查，矿长把大门锁了不让进",  # 刑法's best hit is 第四百零二条, not a listed crime
        "矿长一年到头不管安全，安全责任制、规章制度都没建",  # best hit 第一百三十二条 (铁路), never named
        "检查发现这家铁矿一直没有专职安全员，安全科就挂了个牌子",
    ],
)
def test_a_situation_that_is_no_crime_names_none(laws_config: Config, situation: str) -> None:
    assert crimes(applies(laws_config, situation)) == []
