"""The eval report: Markdown and HTML side by side, with one small bar chart (PNG) per metric group.

``write_report(result, Path("report.md"))`` writes ``report.md``, ``report.html`` and the charts in
``report_files/``. Charts use matplotlib's Agg backend; chart labels stay ASCII unless a CJK font is
installed (nothing is downloaded).
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import Any

from assistant.evaluate.baseline import Regression
from assistant.evaluate.datasets import STYLES
from assistant.evaluate.results import EvalResult, SetResult

METHOD_METRICS = ("hit@1", "hit@5", "mrr", "first-hit@1", "recall@5")
SET_TITLES = {"retrieval": "检索", "answers": "问答", "drafts": "宣传稿", "quiz": "题库", "grading": "阅卷"}


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    for font in font_manager.fontManager.ttflist:
        if any(
            tag in font.name
            for tag in ("CJK", "WenQuanYi", "Source Han", "Noto Sans SC", "Droid Sans Fallback")
        ):
            return str(font.name)
    return None


def _bar_chart(path: Path, title: str, groups: list[str], series: dict[str, list[float]]) -> Path:
    """Grouped bars: one group per x label, one bar per series; values in [0, 1]."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = _cjk_font()

    def label(s: str) -> str:
        return s if font or s.isascii() else s.encode("ascii", "replace").decode()

    fig, ax = plt.subplots(figsize=(min(10.0, 3.0 + 0.8 * len(groups)), 3.2), dpi=100)
    if font:
        plt.rcParams["font.family"] = [font, "DejaVu Sans"]
    width = 0.8 / max(1, len(series))
    for i, (name, values) in enumerate(series.items()):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(groups))]
        ax.bar(xs, values, width, label=label(name))
    ax.set_xticks(
        range(len(groups)),
        [label(g) for g in groups],
        rotation=30 if len(groups) > 4 else 0,
        ha="right" if len(groups) > 4 else "center",
        fontsize=8,
    )
    ax.set_ylim(0, 1.05)
    ax.set_title(label(title), fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    if len(series) > 1:
        ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def _charts(result: EvalResult, folder: Path) -> dict[str, list[Path]]:
    charts: dict[str, list[Path]] = {}
    for name, res in result.sets.items():
        if res.error:
            continue
        if name == "retrieval" and "table" in res.details:
            table = res.details["table"]
            methods = list(table)
            series = {m: [table[v]["all"][m] for v in methods] for m in ("hit@1", "hit@5", "mrr")}
            styles = [s for s in STYLES if s in table["hybrid"]]
            by_style = {v: [table[v][s]["hit@1"] for s in styles] for v in ("bm25", "dense", "hybrid")}
            charts[name] = [
                _bar_chart(folder / "retrieval-methods.png", "Retrieval by method", methods, series),
                _bar_chart(
                    folder / "retrieval-styles.png", "Retrieval hit@1 by question style", styles, by_style
                ),
            ]
        else:
            rates = {m.split(".", 1)[1]: v for m, v in res.metrics.items() if 0.0 <= v <= 1.0}
            if rates:
                charts[name] = [
                    _bar_chart(
                        folder / f"{name}.png", f"{name} metrics", list(rates), {name: list(rates.values())}
                    )
                ]
    return charts


def _metric_rows(res: SetResult) -> list[list[str]]:
    if res.name == "retrieval" and "table" in res.details:
        table = res.details["table"]
        return [[v, *(f"{table[v]['all'][m]:.3f}" for m in METHOD_METRICS)] for v in table]
    return [[m.split(".", 1)[1], f"{v:.4g}", res.gated.get(m, "—")] for m, v in res.metrics.items()]


def _headers(res: SetResult) -> list[str]:
    return ["method", *METHOD_METRICS] if "table" in res.details else ["metric", "value", "gated (better)"]


def _style_rows(res: SetResult) -> tuple[list[str], list[list[str]]]:
    table = res.details["table"]
    styles = [s for s in STYLES if s in table["hybrid"]]
    head = ["method", *(f"{s} (n={int(table['hybrid'][s]['n'])})" for s in styles)]
    rows = [
        [
            v,
            *(
                f"{table[v][s]['hit@1']:.2f} / {table[v][s]['hit@5']:.2f} / {table[v][s]['mrr']:.2f}"
                for s in styles
            ),
        ]
        for v in table
    ]
    return head, rows


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def render(
    result: EvalResult, charts: dict[str, list[Path]], base: Path, regressions: list[Regression] | None = None
) -> tuple[str, str]:
    """The Markdown and HTML texts (chart paths relative to ``base``)."""
    stamp = time.strftime("%Y-%m-%d %H:%M")
    md: list[str] = [f"# mine-assistant 评测报告（{stamp}）", "", result.index_note, ""]
    ht: list[str] = [
        f"<h1>mine-assistant 评测报告（{stamp}）</h1>",
        f"<p>{html.escape(result.index_note)}</p>",
    ]
    if regressions is not None:
        verdict = (
            "通过：没有指标低于基线容差" if not regressions else f"未通过：{len(regressions)} 项指标回退"
        )
        md += [f"**基线检查：{verdict}**", ""] + [f"- {r.line()}" for r in regressions] + [""]
        ht += [f"<p><b>基线检查：{html.escape(verdict)}</b></p>", "<ul>"]
        ht += [f"<li>{html.escape(r.line())}</li>" for r in regressions] + ["</ul>"]
    for name, res in result.sets.items():
        title = f"{SET_TITLES.get(name, name)}（{name}）"
        md += [f"## {title}", ""]
        ht += [f"<h2>{html.escape(title)}</h2>"]
        if res.error:
            md += [f"**评测失败：** {res.error}", ""]
            ht += [f"<p class='error'><b>评测失败：</b>{html.escape(res.error)}</p>"]
            continue
        extra: list[str] = []
        if "table" in res.details:
            d: dict[str, Any] = res.details
            extra = [
                f"{d['questions']} 题；默认融合：{d['default']}；最好的方法：{d['best']}。"
                "`hybrid` 即当前默认配置。MRR 为 MRR@10；hit 指任一期望条款。"
            ]
        md += extra + ["", _md_table(_headers(res), _metric_rows(res)), ""]
        ht += [f"<p>{html.escape(e)}</p>" for e in extra] + [_html_table(_headers(res), _metric_rows(res))]
        if "table" in res.details:
            head, rows = _style_rows(res)
            md += ["按题型（hit@1 / hit@5 / MRR）：", "", _md_table(head, rows), ""]
            ht += ["<p>按题型（hit@1 / hit@5 / MRR）：</p>", _html_table(head, rows)]
        for chart in charts.get(name, []):
            rel = chart.relative_to(base).as_posix()
            md += [f"![{chart.stem}]({rel})", ""]
            ht += [f"<p><img src='{html.escape(rel)}' alt='{html.escape(chart.stem)}'></p>"]
        if res.failures:
            md += (
                [f"失败 {len(res.failures)} 项：", "", "```"] + [f.line() for f in res.failures] + ["```", ""]
            )
            ht += [f"<p>失败 {len(res.failures)} 项：</p><pre>"]
            ht += [html.escape("\n".join(f.line() for f in res.failures)) + "</pre>"]
    style = (
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 8px;font-size:13px}pre{white-space:pre-wrap;font-size:12px}"
        ".error{color:#b00}</style>"
    )
    page = f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>评测报告</title>{style}</head><body>{''.join(ht)}</body></html>"
    return "\n".join(md) + "\n", page


def write_report(result: EvalResult, path: Path, regressions: list[Regression] | None = None) -> list[Path]:
    """Write ``path`` (Markdown), the HTML beside it and the charts; returns the files written."""
    path = Path(path)
    base = path.parent
    folder = base / f"{path.stem}_files"
    charts = _charts(result, folder)
    md, page = render(result, charts, base, regressions)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(md, encoding="utf-8")
    html_path = path.with_suffix(".html")
    html_path.write_text(page, encoding="utf-8")
    return [path, html_path, *(p for ps in charts.values() for p in ps)]
