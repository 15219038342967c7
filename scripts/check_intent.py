"""Agreement of ``text.intent.classify_intent`` with the hand-written ``style`` of the law questions.

The patterns were written from the question shapes and checked on the dev split only; this prints the
agreement on dev and on test (report only), and the dev disagreements. ``scenario`` questions have no
single intent and are left out; ``prohibition`` questions are asked as permission questions
(能不能 …), so they count as ``permission``.

    python scripts/check_intent.py [--show-dev-errors]

It also prints the agreement on the phrasings of the paraphrase groups that name the intent their writer meant.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assistant.text.intent import classify_intent

STYLE_TO_INTENTS = {
    "penalty": {"penalty"},
    "prohibition": {"permission"},
    "duty": {"duty"},
    "deadline": {"deadline", "frequency"},  # the gold's deadline style includes 多久一次
    "definition": {"definition"},
    "who": {"who"},
    "procedure": {"procedure"},
    "number": {"number"},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("evals/laws/retrieval.jsonl"))
    parser.add_argument("--paraphrases", type=Path, default=Path("evals/paraphrases.jsonl"))
    parser.add_argument("--show-dev-errors", action="store_true")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split in ("dev", "test"):
        cases = [r for r in rows if r.get("split") == split and r["style"] in STYLE_TO_INTENTS]
        right = [r for r in cases if classify_intent(r["question"]) in STYLE_TO_INTENTS[r["style"]]]
        per_style = Counter(r["style"] for r in cases)
        ok_style = Counter(r["style"] for r in right)
        detail = "，".join(f"{s} {ok_style[s]}/{n}" for s, n in sorted(per_style.items()))
        print(f"{split}: {len(right)}/{len(cases)} = {len(right) / max(1, len(cases)):.3f}（{detail}）")
        if split == "dev" and args.show_dev_errors:
            for r in cases:
                got = classify_intent(r["question"])
                if got not in STYLE_TO_INTENTS[r["style"]]:
                    print(f"  ✗ {r['id']} {r['style']} → {got}  {r['question']}")
    # the blind paraphrase groups (P241–P330) carry the intent their writer meant; each phrasing is asked
    groups = [
        json.loads(line) for line in args.paraphrases.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for split in ("dev", "test"):
        asked = [
            (g["intent"], q)
            for g in groups
            if g.get("split") == split and g.get("intent") in STYLE_TO_INTENTS
            for q in g["phrasings"]
        ]
        right = sum(classify_intent(q) in STYLE_TO_INTENTS[intent] for intent, q in asked)
        print(f"paraphrases {split}: {right}/{len(asked)} = {right / max(1, len(asked)):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
