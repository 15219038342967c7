"""Retrieval and answers as the corpus grows with unrelated text (a script, not a test).

    python benchmarks/bench_robustness.py [--clauses 1000] [--sets retrieval answers laws]

Adds ``--clauses`` articles of office rules (报销, 考勤, 会议室, 公车, 印章 …, made from templates with a
fixed seed, in five documents) to a private copy of the shipped corpus, indexes it with the bundled
embedding (the repository's embedding cache is copied first, so only the new articles are embedded),
and runs the chosen eval sets on both the shipped corpus and the grown one. Prints each gated rate
side by side with its change and writes ``benchmarks/results-robustness.json``.

The target (issue 12): first citation may drop by at most 0.02.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.config import load_config  # noqa: E402
from assistant.evaluate.runner import run_evals  # noqa: E402
from assistant.index.build import build_index  # noqa: E402
from assistant.numerals import int_to_cn  # noqa: E402

RESULTS = Path(__file__).with_name("results-robustness.json")
WATCH = (
    "retrieval.hybrid.hit@1",
    "retrieval.hybrid.hit@5",
    "answers.first_citation_accuracy",
    "answers.false_refusal_rate",
    "answers.refusal_recall",
    "laws.retrieval.hybrid.hit@1",
    "laws.answers.first_citation_accuracy",
    "laws.answers.false_refusal_rate",
    "laws.answers.refusal_recall",
)

WHO = [
    "员工",
    "部门负责人",
    "行政部",
    "财务部",
    "人力资源部",
    "办公室",
    "值班人员",
    "新入职员工",
    "实习生",
    "项目经理",
]
WHAT = [
    ("差旅费报销", "应当在出差结束后{n}个工作日内提交报销单并附发票原件"),
    ("请假", "应当提前{n}天通过办公系统提出申请，经直接上级批准"),
    ("考勤", "每月迟到超过{n}次的，扣发当月全勤奖"),
    ("会议室预约", "应当至少提前{n}小时在系统中预约，使用后恢复桌椅"),
    ("办公用品领用", "每季度领用一次，单次领用金额不超过{n}00元"),
    ("公务用车", "应当填写派车单，行驶超过{n}0公里的须经分管领导同意"),
    ("印章使用", "应当登记用印事由，重要合同须经{n}名以上负责人会签"),
    ("保密管理", "涉密文件不得私自复印，离岗时应当在{n}日内交回"),
    ("培训费用", "参加外部培训费用超过{n}000元的，应当签订服务期协议"),
    ("固定资产", "每年盘点{n}次，报废须经资产管理小组审批"),
    ("接待", "公务接待陪餐人数不超过{n}人，不得安排高档菜肴"),
    ("加班", "加班应当事先申请，每月累计不超过{n}0小时"),
]


def office_rules(n: int, seed: int = 1) -> dict[str, str]:
    """``n`` articles of office rules in five documents (statute layout: 第X条)."""
    rng = random.Random(seed)
    per_doc = -(-n // 5)
    docs = {}
    made = 0
    for d in range(5):
        title = f"某某集团公司内部管理制度（第{int_to_cn(d + 1)}册）"
        lines = [title]
        for i in range(1, per_doc + 1):
            if made >= n:
                break
            who = rng.choice(WHO)
            topic, rule = rng.choice(WHAT)
            lines.append(f"第{int_to_cn(i)}条　{who}办理{topic}，{rule.format(n=rng.randint(2, 9))}。")
            made += 1
        docs[f"office-rules-{d + 1}.txt"] = "\n".join(lines) + "\n"
    return docs


def grown_config(root: Path, n: int):  # noqa: ANN201 - a Config
    base = load_config()
    corpus = root / "corpus"
    shutil.copytree(base.corpus_dir, corpus)
    for name, text in office_rules(n).items():
        (corpus / name).write_text(text, encoding="utf-8")
    index_dir = root / "indexes"
    index_dir.mkdir()
    cache = base.index_dir / ".cache"
    if cache.is_dir():
        shutil.copytree(cache, index_dir / ".cache", ignore=shutil.ignore_patterns("*.tmp*"))
    config = base.with_overrides(corpus_dir=corpus, index_dir=index_dir)
    report = build_index(config, progress=True)
    assert not report.failed, [f.message for f in report.failed]
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=1000)
    parser.add_argument("--sets", nargs="+", default=["retrieval", "answers", "laws"])
    args = parser.parse_args(argv)
    evals = REPO / "evals"
    base = run_evals(load_config(), args.sets, evals, progress=False).metrics
    with tempfile.TemporaryDirectory() as tmp:
        grown = run_evals(grown_config(Path(tmp), args.clauses), args.sets, evals, progress=False).metrics
    rows = []
    print(f"| metric | shipped corpus | + {args.clauses} office-rule articles | change |")
    print("| --- | --- | --- | --- |")
    for key in WATCH:
        for split in ("", "@dev", "@test"):
            name = key + split
            if name in base and name in grown:
                delta = grown[name] - base[name]
                rows.append({"metric": name, "base": base[name], "grown": grown[name], "delta": delta})
                print(f"| {name} | {base[name]:.3f} | {grown[name]:.3f} | {delta:+.3f} |")
    RESULTS.write_text(
        json.dumps({"clauses_added": args.clauses, "rows": rows}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
