"""The Chinese tokenizer injected into BM25, sentence scoring and quiz generation.

jieba (search mode) over normalised text, with a domain user dictionary (尾矿库, 五职矿长, 重大事故隐患 …)
and a stopword list, both in ``assistant/data``. jieba is loaded lazily on first use and its cache
is kept in a private folder: jieba trusts any cache file it finds in the shared temp dir.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from assistant.datafiles import data_text
from assistant.text.normalize import normalize

Tokenizer = Callable[[str], list[str]]

_TOKEN_OK = re.compile(r"[\w]", re.UNICODE)
_lock = threading.RLock()  # re-entrant: the frozen-dict fallback calls _jieba() while holding it


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "mine-assistant"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _add_user_words(tk) -> None:
    for line in data_text("userdict.txt").splitlines():
        parts = line.split()
        if parts:
            tk.add_word(
                parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
            )


def _frozen_path() -> Path:
    return cache_dir() / "jieba-freq-frozen.npz"


@cache
def _jieba():
    """The full jieba tokenizer (dictionary unmarshalled into a dict): fast per call, slow to load."""
    import jieba

    with _lock:
        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.tmp_dir = str(cache_dir())
        tk.initialize()
        if not _frozen_path().exists():
            from assistant.text.frozen_dict import save_frozen

            save_frozen(tk.FREQ, tk.total, _frozen_path())
        _add_user_words(tk)
        return tk


@cache
def _query_jieba():
    """jieba over the frozen dictionary: loads in milliseconds, same segmentation as ``_jieba()``."""
    if not _frozen_path().exists():
        return _jieba()
    import jieba

    from assistant.text.frozen_dict import load_frozen

    with _lock:
        tk = jieba.Tokenizer()
        try:
            tk.FREQ, tk.total = load_frozen(_frozen_path())
        except Exception:  # noqa: BLE001 - a damaged cache file: rebuild it, never fail the query
            _frozen_path().unlink(missing_ok=True)
            return _jieba()
        tk.initialized = True
        _add_user_words(tk)
        return tk


@cache
def stopwords() -> frozenset[str]:
    return frozenset(w.strip() for w in data_text("stopwords.txt").splitlines() if w.strip())


@cache
def tokenizer_version() -> str:
    """Identifies the tokenizer in index manifests: a change means BM25 must be rebuilt."""
    digest = hashlib.sha256((data_text("userdict.txt") + data_text("stopwords.txt")).encode()).hexdigest()
    return f"jieba-0.42.1-search+{digest[:12]}+{_GLUE_RULE}+{_NEGATION_RULE}"


def warm_up() -> None:
    """Load the jieba dictionary now (e.g. in a background thread while other things load)."""
    _jieba()


def tokenize(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Tokens of ``text`` for matching: normalised, search-mode jieba, no punctuation or stopwords."""
    return _tokens(_jieba(), text, keep_stopwords)


def tokenize_query(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Like ``tokenize`` (identical tokens) but starts fast: for one-off queries in a fresh process."""
    return _tokens(_query_jieba(), text, keep_stopwords)


def _tokens(tk, text: str, keep_stopwords: bool) -> list[str]:
    stop = frozenset() if keep_stopwords else stopwords()
    out = []
    for t in _cut_for_search(tk, normalize(text)):
        out += _unglued(tk, t)
    return [t for t in out if _TOKEN_OK.search(t) and t not in stop]


_NEGATION_RULE = "non1"  # in the tokenizer version: the rule below changes the index's tokens


def _cut_for_search(tk, text: str) -> Iterator[str]:
    """jieba's search mode (each word, and before it the dictionary's 2- and 3-character words inside it),
    except a word inside that follows 非: 「非煤矿山」 is not about 煤矿, 「非金属」 not about 金属, so
    neither is indexed or searched by the word it negates."""
    for w in tk.cut(text):
        for n in (2, 3):
            if len(w) > n:
                for i in range(len(w) - n + 1):
                    gram = w[i : i + n]
                    if tk.FREQ.get(gram) and (i == 0 or w[i - 1] != "非"):
                        yield gram
        yield w


# jieba's HMM glues 要/没 to the character beside it when the pair is in no dictionary: 「要罚多少钱」
# gives 要罚, 「每个月要测几次」 要测, 「没派专人」 没派. Such a pair is two words.
_GLUE_RULE = "glue1"
_GLUE_CHARS = frozenset("要没")


def _unglued(tk, token: str) -> list[str]:
    if len(token) == 2 and not tk.FREQ.get(token) and _GLUE_CHARS & set(token):
        return list(token)
    return [token]


def frequency(word: str) -> int:
    """jieba's general-language frequency of ``word`` (0 when it is not in the dictionary)."""
    return int(_query_jieba().FREQ.get(word, 0) or 0)


def words(text: str) -> list[str]:
    """Plain (not search-mode) jieba words of the original text, punctuation kept: for generation."""
    return list(_jieba().cut(text))


def content_words(tokens: list[str]) -> list[str]:
    """Distinct tokens without the shorter search-mode sub-tokens of a longer one (尾矿 inside 尾矿库)."""
    uniq = list(dict.fromkeys(tokens))
    return [t for t in uniq if not any(t != u and t in u for u in uniq)]


def tokenize_many(texts: Iterable[str]) -> list[list[str]]:
    return [tokenize(t) for t in texts]
