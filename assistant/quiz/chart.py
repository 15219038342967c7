"""The grading chart: score distribution and the hardest questions, as one PNG (matplotlib, Agg).

Offline: a CJK font is used only when one is installed (found with fc-list); without one every label
is ASCII (question ids, "score", "correct rate") so nothing renders as boxes and nothing is downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any


@cache
def cjk_font() -> str | None:
    """Path of an installed CJK font, or None."""
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    paths = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    return paths[0] if paths else None


def report_chart(report: Any, path: Path) -> Path:
    from matplotlib import pyplot as plt

    fig = chart_figure(report)
    fig.savefig(str(path), dpi=110)
    plt.close(fig)
    return path


def chart_figure(report: Any) -> Any:
    """The figure: score distribution (whole numbers of trainees) and the hardest questions by stem."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font = cjk_font()
    if font:
        font_manager.fontManager.addfont(font)
        plt.rcParams["font.family"] = font_manager.FontProperties(fname=font).get_name()
    zh = font is not None
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    percents = [report.percent(t) for t in report.trainees]
    left.hist(
        percents, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.01], color="#4C72B0", edgecolor="white"
    )
    from matplotlib.ticker import MaxNLocator

    left.yaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    left.set_xlabel("得分（百分制）" if zh else "score (%)")
    left.set_ylabel("人数" if zh else "trainees")
    left.set_title("成绩分布" if zh else "Score distribution")
    hardest = report.hardest(8)
    labels = [s.label if zh else s.qid for s in hardest]
    right.barh(labels[::-1], [100 * s.correct_rate for s in hardest][::-1], color="#DD8452")
    right.set_xlim(0, 100)
    right.set_xlabel("正确率（%）" if zh else "correct rate (%)")
    right.set_title("最难的题目" if zh else "Hardest questions")
    right.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig
