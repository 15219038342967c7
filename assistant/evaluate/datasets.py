"""Load the hand-made gold sets in ``evals/*.jsonl`` and check them against the schema in evals/README.md.

Every problem names the file, the line and the field, so a broken edit to a gold set is fixed in one
look. All problems of a file are collected before raising (at most ``MAX_REPORTED`` are shown).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from assistant.errors import EvalDataError

STYLES = ("fact", "number", "list", "who", "scenario")
# Styles of the law questions (evals/laws/retrieval.jsonl): what an official asks.
LAW_STYLES = (
    "penalty",
    "duty",
    "prohibition",
    "deadline",
    "definition",
    "who",
    "procedure",
    "number",
    "scenario",
)
# Every gold record carries "split": "dev" (tune on it) or "test" (report only); lines written before
# the split existed count as dev. "heldback" is test written blind after the system existed and scored
# once per change (evals/README.md, "Held back at stop 25" and "… stop 26"): reported apart so that @test
# stays the half it was, and fitted on by nothing.
SPLITS = ("dev", "test", "heldback")
NEGATIVE_KINDS = (
    "near-miss",
    "other-mine-type",
    "other-region",
    "off-topic",
    "technical-standard",
    "benefits",
    "other-scope",
    "off-domain",
)
MAX_REPORTED = 10

FILES = {
    "retrieval": "retrieval.jsonl",
    "negatives": "negatives.jsonl",
    "conversations": "conversations.jsonl",
    "scenarios": "scenarios.jsonl",
    "short_answers": "short_answers.jsonl",
    "laws_retrieval": "laws/retrieval.jsonl",
    "laws_negatives": "laws/negatives.jsonl",
    "laws_conversations": "laws/conversations.jsonl",
    "laws_scenarios": "laws/scenarios.jsonl",
    "laws_stories": "laws/stories.jsonl",
    "paraphrases": "paraphrases.jsonl",
    "fill_ins": "fill_ins.jsonl",
    "slogans": "slogans.jsonl",
}


@dataclass(frozen=True)
class ClauseRef:
    doc_id: str
    clause: str

    def __str__(self) -> str:
        return f"{self.doc_id} {self.clause}"


@dataclass(frozen=True)
class RetrievalCase:
    id: str
    question: str
    expected: tuple[ClauseRef, ...]  # best first
    style: str
    note: str = ""
    split: str = "dev"
    current: tuple[ClauseRef, ...] = ()  # for a question about a repealed rule: what governs it now


@dataclass(frozen=True)
class NegativeCase:
    id: str
    question: str
    kind: str
    note: str = ""
    split: str = "dev"


@dataclass(frozen=True)
class Turn:
    question: str
    expected: tuple[ClauseRef, ...] = ()
    refuse: bool = False


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]
    note: str = ""
    split: str = "dev"


@dataclass(frozen=True)
class ScenarioCase:
    id: str
    situation: str
    expected: tuple[ClauseRef, ...]
    consequence: str | None
    note: str = ""
    split: str = "dev"


@dataclass(frozen=True)
class ShortAnswerCase:
    id: str
    question_id: str
    question: str
    doc_id: str
    clause: str
    key_points: tuple[str, ...]
    answer: str
    points_found: tuple[bool, ...]
    score: float
    note: str = ""
    split: str = "dev"
    wrong_points: tuple[
        str, ...
    ] = ()  # wrong statements in the answer; each costs as much as a missing point


@dataclass(frozen=True)
class LawScenarioCase:
    """An inspector's situation over the laws: the duty broken, the article that sanctions it, whom."""

    id: str
    situation: str
    duty: tuple[ClauseRef, ...]
    penalty: tuple[ClauseRef, ...]
    liable: tuple[str, ...]
    sanction: str | None  # verbatim from the penalty article
    criminal: tuple[ClauseRef, ...] = ()
    local: tuple[ClauseRef, ...] = ()
    topic: str = ""
    note: str = ""
    split: str = "dev"


@dataclass(frozen=True)
class ParaphraseGroup:
    id: str
    phrasings: tuple[str, ...]
    expected: tuple[ClauseRef, ...]
    split: str = "dev"


@dataclass(frozen=True)
class FillInCase:
    id: str
    question_id: str
    stem: str
    key: str
    answer: str
    correct: bool
    doc_id: str
    clause: str
    note: str = ""
    split: str = "dev"


@dataclass(frozen=True)
class SloganCase:
    id: str
    text: str
    good: bool
    topic: str
    source: ClauseRef | None
    reason: str = ""
    split: str = "dev"


class _Problems:
    """Collects schema problems of one file; ``raise_if_any`` raises one EvalDataError listing them."""

    def __init__(self, path: Path):
        self.path = path
        self.items: list[str] = []

    def add(self, line: int, message: str) -> None:
        self.items.append(f"{self.path.name} 第 {line} 行：{message}")

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_REPORTED]
        more = f"\n  …另有 {len(self.items) - len(shown)} 处" if len(self.items) > len(shown) else ""
        raise EvalDataError(
            f"评测集 {self.path} 有 {len(self.items)} 处不符合 evals/README.md 的格式：\n  "
            + "\n  ".join(shown)
            + more
        )


def _read_jsonl(path: Path, problems: _Problems) -> list[tuple[int, dict[str, Any]]]:
    if not path.exists():
        raise EvalDataError(f"找不到评测集 {path}；请在仓库根目录运行，或用 --evals-dir 指定 evals 目录")
    rows = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.add(lineno, f"不是有效的 JSON（{exc.msg}，第 {exc.colno} 列）")
            continue
        if not isinstance(obj, dict):
            problems.add(lineno, "每行应是一个 JSON 对象")
            continue
        rows.append((lineno, obj))
    if not rows and not problems.items:
        problems.add(1, "文件是空的")
    return rows


def _str(obj: dict[str, Any], key: str, line: int, problems: _Problems, *, required: bool = True) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(line, f"字段 {key} 应是非空字符串，实际为 {value!r}")
        return ""
    return value


def _refs(value: Any, line: int, problems: _Problems, field: str = "expected") -> tuple[ClauseRef, ...]:
    if not isinstance(value, list) or not value:
        problems.add(line, f'字段 {field} 应是非空列表 [{{"doc_id": …, "clause": …}}]，实际为 {value!r}')
        return ()
    refs = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("doc_id", "clause")
        ):
            problems.add(line, f"{field}[{i}] 应含字符串字段 doc_id 和 clause，实际为 {item!r}")
            continue
        refs.append(ClauseRef(item["doc_id"], item["clause"]))
    return tuple(refs)


def _split(o: dict[str, Any], line: int, p: _Problems) -> str:
    value = o.get("split", "dev")
    if value not in SPLITS:
        p.add(line, f"split {value!r} 未知；可选：{', '.join(SPLITS)}（不写则为 dev）")
        return "dev"
    return str(value)


def _unique_ids(rows: list[tuple[int, dict[str, Any]]], problems: _Problems, key: str = "id") -> None:
    seen: dict[str, int] = {}
    for line, obj in rows:
        value = obj.get(key)
        if isinstance(value, str) and value in seen:
            problems.add(line, f"{key} {value!r} 与第 {seen[value]} 行重复")
        elif isinstance(value, str):
            seen[value] = line


T = TypeVar("T")


def read_records(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The JSON objects of a gold file that has no typed loader (``feedback.jsonl``, ``quiz_review.jsonl``),
    read with the same checks as the typed sets: every bad line is listed in one EvalDataError."""
    problems = _Problems(path)
    rows = _read_jsonl(path, problems)
    for line, obj in rows:
        for key in required:
            if key not in obj:
                problems.add(line, f"缺少字段 {key}")
    problems.raise_if_any()
    return [obj for _, obj in rows]


def _load(path: Path, parse: Callable[[int, dict[str, Any], _Problems], T]) -> list[T]:
    problems = _Problems(path)
    rows = _read_jsonl(path, problems)
    _unique_ids(rows, problems)
    cases = [parse(line, obj, problems) for line, obj in rows]
    problems.raise_if_any()
    return cases


def _retrieval_with(styles: tuple[str, ...]) -> Callable[[int, dict[str, Any], _Problems], RetrievalCase]:
    def parse(line: int, o: dict[str, Any], p: _Problems) -> RetrievalCase:
        style = _str(o, "style", line, p)
        if style and style not in styles:
            p.add(line, f"style {style!r} 未知；可选：{', '.join(styles)}")
        current = _refs(o["current"], line, p, "current") if o.get("current") else ()
        return RetrievalCase(
            _str(o, "id", line, p),
            _str(o, "question", line, p),
            _refs(o.get("expected"), line, p),
            style,
            _str(o, "note", line, p, required=False),
            _split(o, line, p),
            current,
        )

    return parse


_retrieval = _retrieval_with(STYLES)


def _negative(line: int, o: dict[str, Any], p: _Problems) -> NegativeCase:
    kind = _str(o, "kind", line, p)
    if kind and kind not in NEGATIVE_KINDS:
        p.add(line, f"kind {kind!r} 未知；可选：{', '.join(NEGATIVE_KINDS)}")
    return NegativeCase(
        _str(o, "id", line, p),
        _str(o, "question", line, p),
        kind,
        _str(o, "note", line, p, required=False),
        _split(o, line, p),
    )


def _conversation(line: int, o: dict[str, Any], p: _Problems) -> Conversation:
    turns_raw = o.get("turns")
    turns: list[Turn] = []
    if not isinstance(turns_raw, list) or len(turns_raw) < 2:
        p.add(line, f"字段 turns 应是至少两轮的列表，实际为 {turns_raw!r}")
        turns_raw = []
    for i, t in enumerate(turns_raw):
        if not isinstance(t, dict) or not isinstance(t.get("question"), str) or not t["question"].strip():
            p.add(line, f"turns[{i}] 应含非空字符串 question")
            continue
        if t.get("refuse") is True:
            if "expected" in t:
                p.add(line, f"turns[{i}] 同时有 refuse 和 expected，只能有一个")
            turns.append(Turn(t["question"], refuse=True))
        else:
            turns.append(Turn(t["question"], _refs(t.get("expected"), line, p, f"turns[{i}].expected")))
    return Conversation(
        _str(o, "id", line, p), tuple(turns), _str(o, "note", line, p, required=False), _split(o, line, p)
    )


def _scenario(line: int, o: dict[str, Any], p: _Problems) -> ScenarioCase:
    if "consequence" not in o:
        p.add(line, "缺少字段 consequence（没有后果时写 null）")
    consequence = o.get("consequence")
    if consequence is not None and (not isinstance(consequence, str) or not consequence.strip()):
        p.add(line, f"consequence 应是非空字符串或 null，实际为 {consequence!r}")
        consequence = None
    return ScenarioCase(
        _str(o, "id", line, p),
        _str(o, "situation", line, p),
        _refs(o.get("expected"), line, p),
        consequence,
        _str(o, "note", line, p, required=False),
        _split(o, line, p),
    )


def _short_answer(line: int, o: dict[str, Any], p: _Problems) -> ShortAnswerCase:
    points = o.get("key_points")
    found = o.get("points_found")
    if not isinstance(points, list) or not points or not all(isinstance(x, str) and x for x in points):
        p.add(line, f"key_points 应是非空字符串列表，实际为 {points!r}")
        points = []
    if not isinstance(found, list) or not all(isinstance(x, bool) for x in found):
        p.add(line, f"points_found 应是 true/false 列表，实际为 {found!r}")
        found = []
    elif points and len(found) != len(points):
        p.add(line, f"points_found 有 {len(found)} 项，key_points 有 {len(points)} 项，应一一对应")
    score = o.get("score")
    if not isinstance(score, int | float) or isinstance(score, bool) or not 0.0 <= score <= 1.0:
        p.add(line, f"score 应是 0 到 1 之间的数，实际为 {score!r}")
        score = 0.0
    wrong = o.get("wrong_points", [])
    if not isinstance(wrong, list) or not all(isinstance(x, str) and x for x in wrong):
        p.add(line, f"wrong_points 应是字符串列表，实际为 {wrong!r}")
        wrong = []
    if points and len(found) == len(points) and isinstance(score, float | int):
        expected_score = round(max(0.0, (sum(found) - len(wrong)) / len(points)), 4)
        if abs(expected_score - score) > 1e-4:
            basis = "points_found、wrong_points" if wrong else "points_found"
            p.add(line, f"score {score} 与 {basis} 不符（应为 {expected_score}）")
    return ShortAnswerCase(
        _str(o, "id", line, p),
        _str(o, "question_id", line, p),
        _str(o, "question", line, p),
        _str(o, "doc_id", line, p),
        _str(o, "clause", line, p),
        tuple(points),
        _str(o, "answer", line, p),
        tuple(found),
        float(score),
        _str(o, "note", line, p, required=False),
        _split(o, line, p),
        tuple(wrong),
    )


def _optional_refs(o: dict[str, Any], key: str, line: int, p: _Problems) -> tuple[ClauseRef, ...]:
    value = o.get(key)
    if value in (None, []):
        return ()
    return _refs(value, line, p, key)


def _law_scenario(line: int, o: dict[str, Any], p: _Problems) -> LawScenarioCase:
    liable = o.get("liable", [])
    if not isinstance(liable, list) or not all(isinstance(x, str) and x for x in liable):
        p.add(line, f"liable 应是字符串列表，实际为 {liable!r}")
        liable = []
    sanction = o.get("sanction")
    if sanction is not None and (not isinstance(sanction, str) or not sanction.strip()):
        p.add(line, f"sanction 应是非空字符串或 null，实际为 {sanction!r}")
        sanction = None
    return LawScenarioCase(
        _str(o, "id", line, p),
        _str(o, "situation", line, p),
        _optional_refs(o, "duty", line, p),
        _optional_refs(o, "penalty", line, p),
        tuple(liable),
        sanction,
        _optional_refs(o, "criminal", line, p),
        _optional_refs(o, "local", line, p),
        _str(o, "topic", line, p, required=False),
        _str(o, "note", line, p, required=False),
        _split(o, line, p),
    )


def _paraphrase(line: int, o: dict[str, Any], p: _Problems) -> ParaphraseGroup:
    phrasings = o.get("phrasings")
    if (
        not isinstance(phrasings, list)
        or len(phrasings) < 2
        or not all(isinstance(x, str) and x for x in phrasings)
    ):
        p.add(line, f"phrasings 应是至少两个问法的列表，实际为 {phrasings!r}")
        phrasings = []
    return ParaphraseGroup(
        _str(o, "id", line, p), tuple(phrasings), _refs(o.get("expected"), line, p), _split(o, line, p)
    )


def _fill_in(line: int, o: dict[str, Any], p: _Problems) -> FillInCase:
    correct = o.get("correct")
    if not isinstance(correct, bool):
        p.add(line, f"correct 应是 true/false，实际为 {correct!r}")
        correct = False
    stem = _str(o, "stem", line, p)
    if stem and "____" not in stem:
        p.add(line, "stem 中应有填空处 ____")
    return FillInCase(
        _str(o, "id", line, p),
        _str(o, "question_id", line, p),
        stem,
        _str(o, "key", line, p),
        _str(o, "answer", line, p),
        correct,
        _str(o, "doc_id", line, p),
        _str(o, "clause", line, p),
        _str(o, "note", line, p, required=False),
        _split(o, line, p),
    )


def _slogan(line: int, o: dict[str, Any], p: _Problems) -> SloganCase:
    label = o.get("label")
    if label not in ("good", "bad"):
        p.add(line, f"label 应是 good 或 bad，实际为 {label!r}")
    source = o.get("source")
    ref = None
    if source is not None:
        refs = _refs([source], line, p, "source")
        ref = refs[0] if refs else None
    return SloganCase(
        _str(o, "id", line, p),
        _str(o, "text", line, p),
        label == "good",
        _str(o, "topic", line, p, required=False),
        ref,
        _str(o, "reason", line, p, required=False),
        _split(o, line, p),
    )


def load_retrieval(evals_dir: Path) -> list[RetrievalCase]:
    return _load(Path(evals_dir) / FILES["retrieval"], _retrieval)


def load_negatives(evals_dir: Path) -> list[NegativeCase]:
    return _load(Path(evals_dir) / FILES["negatives"], _negative)


def load_conversations(evals_dir: Path) -> list[Conversation]:
    return _load(Path(evals_dir) / FILES["conversations"], _conversation)


def load_scenarios(evals_dir: Path) -> list[ScenarioCase]:
    return _load(Path(evals_dir) / FILES["scenarios"], _scenario)


def load_short_answers(evals_dir: Path) -> list[ShortAnswerCase]:
    return _load(Path(evals_dir) / FILES["short_answers"], _short_answer)


def load_law_retrieval(evals_dir: Path) -> list[RetrievalCase]:
    return _load(Path(evals_dir) / FILES["laws_retrieval"], _retrieval_with(LAW_STYLES))


def load_law_negatives(evals_dir: Path) -> list[NegativeCase]:
    return _load(Path(evals_dir) / FILES["laws_negatives"], _negative)


def load_law_conversations(evals_dir: Path) -> list[Conversation]:
    return _load(Path(evals_dir) / FILES["laws_conversations"], _conversation)


def load_law_scenarios(evals_dir: Path) -> list[LawScenarioCase]:
    return _load(Path(evals_dir) / FILES["laws_scenarios"], _law_scenario)


def load_law_stories(evals_dir: Path) -> list[LawScenarioCase]:
    """Inspector situations told as stories (laws/stories.jsonl; optional): scored like the scenarios,
    read by no fitting script."""
    path = Path(evals_dir) / FILES["laws_stories"]
    return _load(path, _law_scenario) if path.exists() else []


def load_paraphrases(evals_dir: Path) -> list[ParaphraseGroup]:
    return _load(Path(evals_dir) / FILES["paraphrases"], _paraphrase)


def load_fill_ins(evals_dir: Path) -> list[FillInCase]:
    return _load(Path(evals_dir) / FILES["fill_ins"], _fill_in)


def load_slogans(evals_dir: Path) -> list[SloganCase]:
    return _load(Path(evals_dir) / FILES["slogans"], _slogan)


@dataclass(frozen=True)
class GoldSets:
    """Every gold set, loaded and validated once per eval run."""

    retrieval: list[RetrievalCase]
    negatives: list[NegativeCase]
    conversations: list[Conversation]
    scenarios: list[ScenarioCase]
    short_answers: list[ShortAnswerCase]
    laws_retrieval: list[RetrievalCase] = field(default_factory=list)
    laws_negatives: list[NegativeCase] = field(default_factory=list)
    laws_conversations: list[Conversation] = field(default_factory=list)
    laws_scenarios: list[LawScenarioCase] = field(default_factory=list)
    paraphrases: list[ParaphraseGroup] = field(default_factory=list)
    fill_ins: list[FillInCase] = field(default_factory=list)
    slogans: list[SloganCase] = field(default_factory=list)
    laws_stories: list[LawScenarioCase] = field(default_factory=list)

    def sizes(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.__dataclass_fields__}


def load_all(evals_dir: Path) -> GoldSets:
    """Every gold set, validated (raises EvalDataError on the first file with problems)."""
    return GoldSets(
        load_retrieval(evals_dir),
        load_negatives(evals_dir),
        load_conversations(evals_dir),
        load_scenarios(evals_dir),
        load_short_answers(evals_dir),
        load_law_retrieval(evals_dir),
        load_law_negatives(evals_dir),
        load_law_conversations(evals_dir),
        load_law_scenarios(evals_dir),
        load_paraphrases(evals_dir),
        load_fill_ins(evals_dir),
        load_slogans(evals_dir),
        load_law_stories(evals_dir),
    )
