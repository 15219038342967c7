"""Typed sanctions: what a penalty clause imposes, on whom, under which condition.

Every sanction keeps the verbatim piece it was read from (``text``, ``start``, ``end`` into the clause
text), so an answer can quote it and a verifier can find it. ``assistant.ingest.sanction_reader``
reads them from a clause.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class Condition:
    """The condition a sanction depends on, verbatim (「逾期未改正的」), with its kind.

    ``kind`` ∈ 逾期未改正 (incl. 拒不改正/拒不执行), 事故, 违法所得, 情节严重, 犯罪, 未构成犯罪, 损害, 其他;
    ``accident_class`` holds 一般/较大/重大/特别重大 when the condition names accident classes.
    """

    text: str
    start: int
    end: int
    kind: str
    accident_class: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"accident_class": list(self.accident_class)}


@dataclass(frozen=True, kw_only=True)
class Sanction:
    """What every sanction carries: its verbatim piece, whom it hits and under which condition.

    ``whom`` are normalised subjects (主要负责人, 直接责任人员, 生产经营单位 …); ``whom_text`` is their
    wording in the clause ("" when the sanction hits the clause's own subject, which is then ``whom``).
    """

    kind: ClassVar[str] = ""
    text: str
    start: int
    end: int
    whom: tuple[str, ...] = ()
    whom_text: str = ""
    condition: Condition | None = None

    def to_json(self) -> dict[str, Any]:
        data = {"kind": self.kind}
        for key, value in asdict(self).items():
            if key == "condition":
                value = self.condition.to_json() if self.condition else None
            elif isinstance(value, tuple):
                value = list(value)
            data[key] = value
        return data


@dataclass(frozen=True, kw_only=True)
class Fine(Sanction):
    """罚款 (or 刑法's 罚金): a range in 元, a multiple of a basis (违法所得), or a share of one (年收入).

    ``per`` is 单位 or 个人 (who pays); ``min``/``max`` are None where the clause gives no bound
    (「处十万元以下的罚款」 has max 100000 and no min).
    """

    kind: ClassVar[str] = "罚款"
    min: int | float | None = None
    max: int | float | None = None
    unit: str = "元"
    per: str = "单位"
    basis: str | None = None  # None | 违法所得 | 上一年年收入 | 罚款数额 | 原处罚数额
    multiple_min: int | float | None = None
    multiple_max: int | float | None = None
    share_min: float | None = None
    share_max: float | None = None
    name: str = "罚款"  # 罚款 | 罚金


@dataclass(frozen=True, kw_only=True)
class Order(Sanction):
    """An order (责令限期改正, 责令停产停业整顿, 责令停止建设 …); ``name`` is the normalised measure."""

    kind: ClassVar[str] = "责令"
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class Revoke(Sanction):
    """吊销 / 暂扣 / 暂停 / 撤销 / 取消 of a licence or qualification; ``temporary`` for 暂扣/暂停 alone."""

    kind: ClassVar[str] = "吊销"
    what: str = ""
    temporary: bool = False


@dataclass(frozen=True, kw_only=True)
class Close(Sanction):
    kind: ClassVar[str] = "关闭"


@dataclass(frozen=True, kw_only=True)
class Detention(Sanction):
    """Administrative detention (拘留), up to ``days``."""

    kind: ClassVar[str] = "拘留"
    days: int | float | None = None


@dataclass(frozen=True, kw_only=True)
class Criminal(Sanction):
    """追究刑事责任; ``article`` is e.g. 「刑法 第一百三十四条」 when the clause names one."""

    kind: ClassVar[str] = "刑事责任"
    article: str | None = None


@dataclass(frozen=True, kw_only=True)
class Prison(Sanction):
    """A criminal sentence (刑法): years bounds, and which penalties the range allows."""

    kind: ClassVar[str] = "刑罚"
    min_years: int | float | None = None
    max_years: int | float | None = None
    penalties: tuple[str, ...] = ()  # 有期徒刑, 拘役, 管制, 无期徒刑, 死刑


@dataclass(frozen=True, kw_only=True)
class Discipline(Sanction):
    """处分 (警告 … 开除, 撤职 is the usual 「撤职处分」); ``measures`` as named, may be empty (「依法给予处分」)."""

    kind: ClassVar[str] = "处分"
    measures: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Ban(Sanction):
    """不得担任 / 禁入 for ``years`` (None with ``lifetime``)."""

    kind: ClassVar[str] = "禁入"
    years: int | float | None = None
    lifetime: bool = False


@dataclass(frozen=True, kw_only=True)
class Confiscate(Sanction):
    kind: ClassVar[str] = "没收"
    what: str = ""


@dataclass(frozen=True, kw_only=True)
class Warning(Sanction):
    kind: ClassVar[str] = "警告"


@dataclass(frozen=True, kw_only=True)
class Liability(Sanction):
    """Civil liability (赔偿责任); ``joint`` for 连带."""

    kind: ClassVar[str] = "赔偿"
    joint: bool = False


@dataclass(frozen=True, kw_only=True)
class Referral(Sanction):
    """「依照《X》有关规定予以处罚」: the sanction is in another law or article.

    ``target`` is the wording after 依照 (「《中华人民共和国安全生产法》有关」, 「本条例第十九条」, 「前款」);
    ``laws`` the 《…》 titles it names; ``article`` the 第X条 it names, if any.
    """

    kind: ClassVar[str] = "依照处罚"
    target: str = ""
    laws: tuple[str, ...] = ()
    article: str | None = None


@dataclass(frozen=True, kw_only=True)
class Accountability(Sanction):
    """「依法严肃追究主要负责人和实际控制人责任」 (plans): accountability without a named sanction."""

    kind: ClassVar[str] = "追究责任"


HARD_KINDS = frozenset(
    k.kind
    for k in (
        Fine,
        Revoke,
        Close,
        Detention,
        Criminal,
        Prison,
        Discipline,
        Ban,
        Confiscate,
        Liability,
        Referral,
    )
)
