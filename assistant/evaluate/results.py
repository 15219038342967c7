"""Plain result dataclasses shared by the eval runner, the baseline gate, the report and the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Metric:
    """One figure of an eval set. ``direction`` says which way is better; ``gated`` whether the baseline
    keeps it (counts such as questions per document are reported, not gated). ``split`` is "" for the
    whole gold set, else "dev", "test" or "heldback" (the name then ends in ``@dev`` / ``@test`` / ``@heldback``)."""

    name: str
    value: float
    direction: str = "higher"  # "higher" | "lower"
    gated: bool = True
    split: str = ""


@dataclass(frozen=True)
class Failure:
    """One gold case the system got wrong, printed as ``✗ set id question | expected … | got …``."""

    set: str
    id: str
    question: str
    expected: str
    got: str

    def line(self) -> str:
        question = " ".join(self.question.split())
        head = " ".join(x for x in ("✗", self.set, self.id, question) if x)
        return f"{head} | expected {self.expected or '—'} | got {self.got or '—'}"

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class SetResult:
    """The outcome of one eval set: flat metrics (``set.name`` keys), details for the report, failures.

    ``error`` is set when the set could not be evaluated at all (a missing module, a bug, bad gold
    data); such a set fails the run whatever the baseline says.
    """

    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    gated: dict[str, str] = field(default_factory=dict)  # metric -> "higher"|"lower": what the baseline keeps

    def add(self, *metrics: Metric) -> None:
        for m in metrics:
            self.metrics[m.name] = round(float(m.value), 4)
            if m.gated:
                self.gated[m.name] = m.direction

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "metrics": self.metrics,
            "details": self.details,
            "failures": [f.to_json() for f in self.failures],
            "error": self.error,
            "seconds": round(self.seconds, 2),
            "gated": self.gated,
        }


@dataclass
class EvalResult:
    sets: dict[str, SetResult] = field(default_factory=dict)
    index_note: str = ""

    @property
    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for result in self.sets.values():
            out.update(result.metrics)
        return out

    @property
    def failures(self) -> list[Failure]:
        return [f for result in self.sets.values() for f in result.failures]

    @property
    def errors(self) -> dict[str, str]:
        return {name: r.error for name, r in self.sets.items() if r.error}

    @property
    def ok(self) -> bool:
        """False when any requested set could not be evaluated."""
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "index": self.index_note,
            "metrics": self.metrics,
            "sets": {name: r.to_json() for name, r in self.sets.items()},
        }
