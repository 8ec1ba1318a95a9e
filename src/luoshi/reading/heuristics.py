"""Heuristics that tell layout artefacts from report text.

They work on one paragraph (or line) at a time and know nothing about offsets; `clean.py`
applies them. Each rule exists because of a real report in tests/data/reports.
"""

from __future__ import annotations

import re

# A paragraph ending with one of these is complete.
SENTENCE_END = frozenset("。！？；：”’」』!?;:…")
# A paragraph ending with one of these is certainly cut off.
OPEN_END = frozenset("，、,（(“‘《〈【")
# A paragraph starting with one of these is the tail of the previous one.
CLOSE_START = frozenset("，。、；：！？）》”’」』,;:!?)%")
# Words that cannot end a phrase: "…发展的\n主要目标", "第十四届\n人民代表大会".
# Not 向/于/为/等: headings end with 取向, 关于, 作为, 等.
CONNECTIVE_END = frozenset("的和与及在对把将从被让使给跟同届第")
_DASHES = ("—", "―", "-")

_HEADING = re.compile(
    r"""^(?:
        [一二三四五六七八九十百]+[、.．]               # 一、
      | [（(][一二三四五六七八九十百\d]+[）)]          # （一） (1)
      | \d{1,2}[、.．](?!\d)                           # 1. but not 2.5
      | 第[一二三四五六七八九十百\d]+[章节部分篇条]     # 第一部分
      | [一二三四五六七八九十]+是                       # 一是
      | (?:首先|其次|再次|最后|第[一二三四五六七八九十]+)[，,、]
      | 各位代表
      | 附件
      | [—―-]{1,2}                                     # ——2026年1月26日在…会议上
    )""",
    re.VERBOSE,
)
# "来源：河北日报", "时间：2026-02-02": a short label line, complete on its own.
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,5}\s*[：:]")
_LABEL_MAX = 40
# "是：地区生产总值…" after a heading split by bold type on a web page.
_TAIL_WORD = re.compile(r"^[是为即][：:，,]")
_TITLE_MAX = 30
_HEADING_MAX = 50
# Broken body prose is long and has commas; front-matter lines (names, dates) have none.
_PROSE_MIN = 30
_PROSE_MARKS = frozenset("，,；;。")
_DANGLING_MAX = 2  # "政府工作报\n告"

# "(上接第二版)", "（下转第3版）"; zero-width characters (Wikisource marks page breaks with them).
ARTEFACT = re.compile(
    r"[（(]\s*(?:上接|下转|紧接|接|转)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[)）]"
    r"|[\u200b\u200c\u200d\u2060\ufeff]+"
    r"|&nbsp;"  # a web page's non-breaking space, kept as an entity by some collectors
)
_CAPTION = re.compile(
    r"(?:本报|新华社|特约)?(?:记者|摄影|通讯员)\s*[\u4e00-\u9fff·\s]{2,16}摄[)）]?$"
)
_CAPTION_MAX = 100
_SLOGAN_MAX = 12
_SLOGAN = re.compile(rf"^[\u4e00-\u9fff\s]{{2,{_SLOGAN_MAX}}}$")
_SUBSTANTIAL = 20


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def starts_block(text: str) -> bool:
    """A heading, enumeration or label line: it starts a new paragraph."""
    if _HEADING.match(text):
        return True
    return bool(_LABEL.match(text)) and len(text) <= _LABEL_MAX


def is_heading(text: str) -> bool:
    """A line that is complete on its own: a short heading, enumeration or label line.

    "五是聚焦…" or "（一）毫不放松…。上海是…" can also open a long paragraph that a page
    break cut, so only short lines count.
    """
    return len(text) <= _HEADING_MAX and starts_block(text)


def is_title(text: str) -> bool:
    return len(text) <= _TITLE_MAX and text.endswith(("报告", "讲话"))


def _can_continue_with(ch: str) -> bool:
    return is_cjk(ch) or (ch.isascii() and ch.isalnum()) or ch in "“‘《"


def continues(a: str, b: str) -> bool:
    """Whether paragraph `b` is the rest of paragraph `a`, cut off by a page or line break."""
    if not a or not b:
        return False
    if b[0] in CLOSE_START or _TAIL_WORD.match(b):
        return True
    if a[-1] in OPEN_END:
        return not starts_block(b)
    if a[-1] in SENTENCE_END or starts_block(b) or not _can_continue_with(b[0]):
        return False
    if is_heading(a) and not a.startswith(_DASHES):
        return False
    if a[-1] in CONNECTIVE_END:
        return True  # also "——2026年1月26日在广东省第十四届\n人民代表大会…"
    if a.startswith(_DASHES) or is_title(a):
        return False
    if len(b) <= _DANGLING_MAX and all(is_cjk(ch) for ch in b):
        return len(b) == 1 or is_title(a + b)
    return len(a) >= _PROSE_MIN and any(ch in _PROSE_MARKS for ch in a)


def is_caption(text: str) -> bool:
    """A newspaper photo caption: "王正谱作政府工作报告。本报记者 霍艳恩摄"."""
    return len(text) <= _CAPTION_MAX and bool(_CAPTION.search(text))


def is_slogan_like(text: str) -> bool:
    """A short line of plain hanzi without punctuation: a slogan, a caption or a heading."""
    return bool(_SLOGAN.match(text)) and not starts_block(text) and not is_title(text)


def is_substantial(text: str) -> bool:
    return len(text) >= _SUBSTANTIAL or text[-1:] in SENTENCE_END
