"""A conduct listed under a class (「属于重大事故隐患」), and the article that sanctions the class.

「瓦斯超限作业怎么处罚？」: 煤矿安全生产条例 第三十六条 lists 「（二）瓦斯超限作业的；」 under 「煤矿企业有下列情形之一的，属于
重大事故隐患」, and search put it first; it orders the work stopped and fines no one. The sanction is in the chapter of
法律责任, for the class: 第六十四条 「对存在重大事故隐患仍然进行生产的煤矿企业，责令停产整顿……并处50万元以上200万元
以下的罚款」. The class is read from the list's lead-in, the sanction found by 「存在」 and the class's name.
"""

from __future__ import annotations

import re

# the class a list's items belong to: 「……有下列情形之一的，属于重大事故隐患，应当……」
_CLASS = re.compile(r"下列[^：:。]{0,12}之一的[，,]属于([^，,。；;：:]{2,12})")
_SANCTION = re.compile(r"罚款|处分|责令|吊销|关闭")


def listed_class(text: str) -> str:
    """The class an article's list puts its items in (「重大事故隐患」), or ""."""
    m = _CLASS.search(text)
    return m.group(1) if m else ""


def sanctions_the_class(text: str, name: str) -> bool:
    """The article sanctions whoever is in the class: 「对存在重大事故隐患仍然进行生产的煤矿企业，……并处……罚款」."""
    return bool(name) and f"存在{name}" in text and bool(_SANCTION.search(text))
