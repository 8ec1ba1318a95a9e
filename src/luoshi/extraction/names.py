"""Numbers that are part of a name, a slogan or a starting level, not a quantity to deliver.

Each check is a pure function of the folded text and one mention; the words they use live in
lexicon.yaml (slogan_nouns, capacity_units, capacity_specs, project_nouns, baseline_prefixes).
"""

from __future__ import annotations

import re
from functools import cache

from luoshi.extraction.lexicons import Rules, task_rules
from luoshi.extraction.mentions import Mention
from luoshi.extraction.text import any_of

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_BREAK = re.compile(r"[,;:。!?\n、]")
_SLOGAN_MAX = 10  # 五个“必须统筹好”, 两个站位：: small numbers name a report's slogans
_OUTLINE_NOUN = re.compile(r"[\u4e00-\u9fff]{1,3}")  # 两个站位：, 九项工作：, not 十件民生实事：
_PROJECT_REACH = 24  # 吉林化纤年产15万吨原丝项目: the project noun closes the name within this


def counted_slogan(text: str, mention: Mention, rules: Rules) -> bool:
    """五个“必须统筹好”, 两个站位：一是…, 五篇大文章: a counted slogan or the report's outline.

    A count written in Chinese numerals (ten or less) is a slogan when a quoted term follows
    it, when the noun it counts opens a list (两个站位：), or when that noun is a slogan noun.
    """
    unit = mention.unit
    if unit is None or unit.unit_class != "count" or not mention.number.chinese:
        return False
    if mention.number.value > _SLOGAN_MAX:
        return False
    after = text[mention.end : mention.end + 8]
    if after[:1] in '“"「':
        return True
    if after.startswith(rules.slogan_nouns):
        return True
    noun = _OUTLINE_NOUN.match(after)
    if noun is None:
        return False
    return text[mention.end + noun.end() : mention.end + noun.end() + 1] == ":"


def capacity_in_name(text: str, mention: Mention, clause: str, rules: Rules) -> bool:
    """吉林梅花60万吨…项目, 恒天天鹅年产6万吨莱赛尔项目: the capacity names the project.

    A capacity (吨, 千瓦: not a length, which is the work itself) is part of a project's name
    when the project noun (项目, 工程) closes the clause soon after it and the words right
    before it are a name or a specification (年产, 日处理), not a verb: 布局建设700万千瓦新型储能
    项目 stays a target.
    """
    if mention.unit is None or mention.unit.unit not in rules.capacity_units:
        return False
    rest = _CLAUSE_BREAK.split(text[mention.end : mention.end + _PROJECT_REACH], 1)[0]
    if not any(noun in rest for noun in rules.project_nouns):
        return False
    head = clause.rstrip()
    if head.endswith(rules.capacity_specs):
        return True
    if not head or not _CJK.match(head[-1]):
        return False
    return not head.endswith(_verbs(rules))


@cache
def _verbs(rules: Rules) -> tuple[str, ...]:
    """Words that, right before a quantity, make it one to deliver (建设, 新增, 达到)."""
    words = {
        *task_rules().action_verbs,
        *rules.comparators_before,
        *rules.level,
        *rules.increase,
        *rules.decrease,
        "达",
        "为",
        "到",
        "至",
    }
    return tuple(sorted(words, key=len, reverse=True))


def is_baseline(text: str, mention: Mention, clause: str, rules: Rules) -> bool:
    """从75%提高到100%, 分别从202元、270元提高到…, 现行16%的税率降至13%: a starting level.

    The number follows a baseline word (从, 由, 现行) in its clause, and a level word (提高到,
    降至) follows it there, with only other starting levels in between.
    """
    if any_of(rules.baseline_prefixes).search(clause) is None:
        return False  # most clauses have none: one search says so
    opener = max((clause.rfind(p) for p in rules.baseline_prefixes), default=-1)
    between = clause[opener:]
    if any(cue in between for cue in rules.level):
        return False  # 从75%提高到100%: the 100% comes after the level word
    if any(clause.endswith(p) for p in rules.baseline_prefixes):
        return True
    rest = re.split(r"[,;:。!?\n]", text[mention.end : mention.end + 40])[0]
    return any(cue in rest for cue in rules.level)


def counts_goals(clause: str, rules: Rules) -> bool:
    """主要目标设定为23项, 其中约束性指标11项: a count of the plan's own indicators."""
    head = clause.rstrip()
    for filler in rules.goal_count_links:
        if head.endswith(filler):
            head = head[: -len(filler)]
            break
    return head.endswith(rules.goal_nouns)


_MEETING_REACH = 16  # 九届十一次、十二次和市委十一届十次全会: the meeting word within this
_MEETING_WORDS = ("全会", "全体会议", "全体(扩大)会议", "全体（扩大）会议")


def meeting_session(text: str, mention: Mention) -> bool:
    """省委九届十一次、十二次和市委…全会: a session of a meeting written in Chinese numerals, named
    later in the same clause, is part of the meeting's name (a list of sessions)."""
    unit = mention.unit
    if unit is None or unit.text != "次" or not mention.number.chinese:
        return False
    after = text[mention.end : mention.end + _MEETING_REACH]
    stop = re.search(r"[,;:。!?\n]", after)
    return any(word in after[: stop.start() if stop else None] for word in _MEETING_WORDS)
