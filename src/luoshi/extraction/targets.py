"""Find quantitative targets: number + unit, with comparator, change, each and qualifier.

Works on folded text (same length as the input), so every span is an offset into the input.
Each decision is a named rule; the id of the rule that produced a target is kept on it.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from luoshi.extraction.lexicons import Rules, Unit
from luoshi.extraction.mentions import Mention, find_mentions
from luoshi.extraction.model import Part, Section, Target
from luoshi.extraction.names import (
    capacity_in_name,
    counted_slogan,
    counts_goals,
    is_baseline,
    meeting_session,
)
from luoshi.extraction.restated import merge_restated
from luoshi.extraction.structure import SectionIndex
from luoshi.extraction.text import (
    CLAUSE_END,
    CLAUSE_SKIP,
    SENTENCE_END,
    SENTENCE_SKIP,
    Spans,
    alternation,
    any_of,
    first_at,
    longest_word,
    start_from,
)

RATES = {"%", "‰", "个百分点", "倍"}  # units of a rate: any change word applies to them
_CJK = re.compile(r"[\u4e00-\u9fff]")
_QUOTED = re.compile(r"“[^”\n。]{1,24}”|「[^」\n]{1,16}」|\"[^\"\n]{1,16}\"")
_YEAR_OPENING = re.compile(r"(20\d\d)年(?:[,，]|全[市省国年]|[^底前末内以]{0,2}[,，])")
_FILLERS = ("分别", "再", "约", "近", "达到", "达", "了", "为", "在", "到", "至")
_ORDINAL_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|\(?[一二三四五六七八九十]+[)、])"
)
_LEADING_WORDS = (
    "力争",
    "确保",
    "努力",
    "全年",
    "今年",
    "争取",
    "其中",
    "并",
    "和",
    "及",
    "与",
    "、",
)
# The noun after a count (10个数字化车间改造, 14个乡镇(镇)污水处理站), up to a boundary.
_NOUN_END = re.compile(
    r"(?:[^,;:。!?\n、等和及与(（\d〔【\[]|和(?=[^\d一二两三四五六七八九十])|\([^()\d]{1,6}\)){1,16}"
)


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (sorted, not overlapping; `starts`
    their starts)."""
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and end <= spans[index][1]


def _phrase_spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in alternation(words).finditer(text)]


def _starts_after(text: str, boundaries: str) -> list[int]:
    """Positions right after each boundary character, and 0: where clauses or sentences begin."""
    pattern = re.compile("[" + re.escape(boundaries) + "]")
    return [0, *map(re.Match.end, pattern.finditer(text))]


def _cue_before(prefix: str, cues: dict[str, str] | tuple[str, ...]) -> str | None:
    """A cue that ends the prefix, allowing only filler words between it and the number."""
    entry = _CUE_PATTERNS.get(id(cues))
    if entry is None or entry[0] is not cues:
        entry = _CUE_PATTERNS[id(cues)] = (cues, _cue_pattern(tuple(cues)))
    match = entry[1].search(prefix[-24:])
    return match.group(1) if match else None


# The pattern of each cue list, by the list's identity: the lists are the rule set's own (or
# cached), and a tuple of their words is slow to build and hash once per number.
_CUE_PATTERNS: dict[int, tuple[object, re.Pattern[str]]] = {}


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    # As tries: at each place the longest cue is tried first, as the words longest first would.
    alternatives = alternation(tuple(sorted(cues, key=len, reverse=True))).pattern
    fillers = longest_word(_FILLERS).pattern
    return re.compile(rf"({alternatives})(?:{fillers}){{0,3}}$")


@cache
def _indicator_patterns(rules: Rules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words to strip from an indicator: leading (力争, 确保) and trailing (不少于, 达到, 各)."""
    trailing = (*rules.comparators_before, *rules.level, *_FILLERS, "各", "保持在", "保持")
    lead = "|".join(map(re.escape, sorted(_LEADING_WORDS, key=len, reverse=True)))
    trail = longest_word(trailing).pattern  # a run of them up to the end: any order will do
    return re.compile(rf"^(?:{lead})+"), re.compile(rf"(?:{trail})+$")


# A title line naming a year or an annex (2026年省十件民生实事, 附件1): it heads a list and
# carries no commitment of its own.
_TITLE_LINE = re.compile(r"(?m)^[ \t]*(?:20\d\d年|附件|附录)[^\n,;:。!?]{0,20}$")


def _title_lines(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TITLE_LINE.finditer(folded)]


@cache
def _after_cues(rules: Rules) -> tuple[str, ...]:
    return tuple(rules.comparators_after)


@cache
def _change_cues(rules: Rules, on_a_count: bool) -> dict[str, str]:
    """Change words, longest first; before a count only those that still mean a change."""
    cues = {
        **dict.fromkeys(rules.increase, "increase"),
        **dict.fromkeys(rules.decrease, "decrease"),
    }
    if on_a_count:
        cues = {cue: kind for cue, kind in cues.items() if cue in rules.count_cues}
    return dict(sorted(cues.items(), key=lambda item: len(item[0]), reverse=True))


class TargetFinder:
    def __init__(
        self,
        text: str,
        folded: str,
        rules: Rules,
        parts: list[Part],
        sections: list[Section],
        year: int | None = None,
    ) -> None:
        self.text = text
        self.folded = folded
        self.rules = rules
        self.parts = parts
        self.sections = sections
        self.section_index = SectionIndex(sections)
        self.year = year  # the plan year: a sentence opening with an earlier year is a review
        self.set_phrases = _phrase_spans(folded, rules.set_phrases)
        self.quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(folded)]
        self.set_phrase_starts = [s for s, _ in self.set_phrases]
        self.quoted_starts = [s for s, _ in self.quoted]
        self.clause_starts = _starts_after(folded, CLAUSE_END)
        self.sentence_starts = _starts_after(folded, SENTENCE_END)

    def _clause_start(self, position: int, floor: int = 0) -> int:
        return start_from(self.folded, self.clause_starts, position, floor, CLAUSE_SKIP)

    def find(self) -> list[Target]:
        targets: list[Target] = []
        qualifier: tuple[int, str] | None = None  # (clause start, text) waiting for its count
        each_units: tuple[int, list[str]] | None = None
        baselines: list[tuple[int, float]] = []  # (clause start, value) waiting for their target
        last_end = 0
        previous: Target | None = None
        quiet = [(p.start, p.end) for p in self.parts if p.kind not in ("plan", "review")]
        quiet_spans = Spans([*quiet, *_title_lines(self.folded)])
        mentions = find_mentions(self.folded, self.rules)
        for index, mention in enumerate(mentions):
            if mention.start in quiet_spans:
                continue
            clause = self._clause_start(mention.start)
            verdict = self._classify(mention, clause)
            if verdict == "qualifier":
                qualifier = (clause, self.text[mention.start : self._after_link(mention)])
                continue
            if verdict == "denominator":
                each_units = (clause, [self.text[mention.start : mention.end]])
                continue
            if verdict == "baseline":
                baselines.append((clause, mention.value))
                continue
            if verdict != "target":
                continue
            start = self._clause_start(mention.start, max(last_end, clause))
            following = mentions[index + 1].start if index + 1 < len(mentions) else len(self.text)
            target = self._build(
                mention, start, previous if previous and previous.end >= clause else None, following
            )
            if qualifier and qualifier[0] == clause:
                target.qualifier = qualifier[1]
            if each_units and each_units[0] == clause:
                target.each = each_units[1]
            baselines = [b for b in baselines if b[0] == clause]
            if baselines:  # 分别从202元、270元提高到209元、280元: in order
                target.baseline = baselines.pop(0)[1]
            qualifier = each_units = None
            targets.append(target)
            previous = target
            last_end = target.end
        return merge_restated(targets, self.rules)

    # --- decisions -------------------------------------------------------------------------

    def _classify(self, mention: Mention, clause_start: int) -> str:
        """One of: target, qualifier, denominator, none."""
        text, rules = self.folded, self.rules
        start, end, unit = mention.start, mention.end, mention.unit
        before = text[max(0, start - 4) : start]
        if before.endswith(rules.ordinal_prefixes):
            return "none"
        if _inside(self.set_phrases, self.set_phrase_starts, start, mention.number.end) or _inside(
            self.quoted, self.quoted_starts, start, end
        ):
            return "none"
        if mention.number.chinese and mention.value == 0:
            return "none"  # 零部件, 零碳: words, not numbers
        clause = text[clause_start:start]
        if clause.lstrip().startswith(rules.situation_markers):
            return "none"
        if before.endswith("每"):
            return "denominator" if unit else "none"
        if unit is not None and unit.unit_class == "date":
            return "none"
        if is_baseline(text, mention, clause, rules):
            return "baseline"
        after = text[end : end + 6]
        link = first_at(rules.qualifier_links, after, 0)
        noun_follows = (
            bool(_CJK.match(text[end + len(link) : end + len(link) + 1])) if link else False
        )
        if after.startswith(rules.qualifier_nouns):
            return "qualifier"
        sized = unit is not None and unit.unit_class in ("money", "measure") and after[:1] == "的"
        if sized and clause.rstrip().endswith(rules.size_words):
            return "qualifier"  # 总投资52亿元的34个项目, 占地120亩的…: the size of what follows
        if unit is None:
            bare_amount = not mention.number.chinese and mention.value >= 10000
            return "qualifier" if bare_amount and link and noun_follows else "none"
        if unit.unit_class in ("money", "period", "measure") and link and noun_follows:
            return "qualifier"
        if unit.unit_class == "period" and _CJK.match(after[:1]) and not link:
            return "qualifier"
        if after.startswith(rules.name_suffixes) or meeting_session(text, mention):
            return "none"
        if mention.number.chinese and unit.text in rules.phase_units:
            return "none"  # 二期, “三北”六期工程: a project's phase
        if mention.number.chinese and mention.number.value == 1:
            return "none"  # 一个, 一家, 建一亩成一亩: an article or a figure of speech
        structure = unit.unit_class == "count" and after.startswith(rules.structure_nouns)
        goals = unit.unit_class == "count" and counts_goals(clause, rules)
        if structure or goals or counted_slogan(text, mention, rules):
            return "none"
        return "none" if capacity_in_name(text, mention, clause, rules) else "target"

    def _after_link(self, mention: Mention) -> int:
        after = self.folded[mention.end : mention.end + 6]
        link = first_at(self.rules.qualifier_links, after, 0) or ""
        return mention.end + len(link)

    # --- building --------------------------------------------------------------------------

    def _build(
        self, mention: Mention, start: int, previous: Target | None, following: int
    ) -> Target:
        """The target of `mention`; its counted noun stops before the next number (`following`)."""
        text, folded, rules = self.text, self.folded, self.rules
        unit = mention.unit
        assert unit is not None
        end = mention.end
        prefix = folded[start : mention.start]
        comparator, rule = "=", "target.plain"
        after_cue = first_at(_after_cues(rules), folded, end)
        before_cue = _cue_before(prefix, rules.comparators_before)
        if after_cue:
            comparator, rule = rules.comparators_after[after_cue], "target.comparator_after"
            end += len(after_cue)
        elif before_cue:
            comparator, rule = rules.comparators_before[before_cue], "target.comparator_before"
        elif mention.between:
            comparator, rule = mention.between, "target.comparator_between"
        change = self._change(prefix, unit, before_cue)
        gap = folded[previous.end : mention.start].strip() if previous else ""
        listed = len(gap) == 1 and gap in "、和及与"
        if listed and previous is not None:
            # 分别提高30元和5元: the second value shares the first one's cues.
            change = change or previous.change
            if comparator == "=" and previous.rule != "target.plain":
                comparator = previous.comparator
            rule = "target.listed"
        if mention.upper is not None:
            rule = "target.range"
        noun = ""
        if unit.unit_class == "count":
            match = _NOUN_END.match(folded, end, max(end, following))
            if match and not folded.startswith(_after_cues(rules), end):
                noun = text[end : match.end()]
                end = match.end()
        indicator = self._indicator(text[start : mention.start], noun)
        each = self._each(folded[start : mention.start]) if self._has_each_cue(prefix) else None
        kind = self._kind(mention.start)
        return Target(
            text=text[start:end],
            start=start,
            end=end,
            section=self._section(mention.start),
            indicator=indicator,
            value=mention.value,
            unit=unit.unit,
            comparator=comparator,
            change=change,
            kind=kind,
            rule=rule,
            upper=mention.upper,
            each=each,
        )

    def _change(self, prefix: str, unit: Unit, comparator: str | None) -> str | None:
        """`comparator` is the comparator cue that ends the prefix, if any."""
        rules = self.rules
        if _cue_before(prefix, rules.level):
            return None
        on_a_count = unit.unit_class == "count" or (
            unit.unit_class == "measure" and unit.unit not in RATES
        )
        ordered = _change_cues(rules, on_a_count)
        cue = _cue_before(prefix, ordered)
        if cue is None and comparator:
            # A comparator may sit between the change and the number (增长不低于5%).
            cut = prefix.rstrip()[: prefix.rfind(comparator)]
            cue = _cue_before(cut, ordered)
        return ordered[cue] if cue else None

    def _has_each_cue(self, prefix: str) -> bool:
        return any_of(self.rules.each_before).search(prefix) is not None or prefix.startswith(
            "每个"
        )

    def _each(self, prefix: str) -> list[str] | None:
        """The units before 各: 县(区)、高新区、市本级…各不少于100次; else the items listed."""
        if prefix.startswith("每个"):
            match = re.match("|".join(map(re.escape, self.rules.each_units)), prefix[2:])
            return [match.group()] if match else None
        clause = prefix
        for cue in self.rules.each_before:
            if cue in clause:
                clause = clause[: clause.rfind(cue)]
                break
        items = [item.strip() for item in clause.split("、") if item.strip()]
        if not items:
            return None
        units = self.rules.each_units
        *heads, last = items
        if heads and all(item in units for item in heads):
            tail = next((u for u in units if len(u) > 1 and last.startswith(u)), last)
            return [*heads, tail]
        return items if len(items) > 1 else None

    def _indicator(self, prefix: str, noun: str) -> str:
        leading, trailing = _indicator_patterns(self.rules)
        words = _ORDINAL_LEAD.sub("", prefix.strip())
        words = leading.sub("", words) or words
        words = trailing.sub("", words) or words
        noun = noun.strip()
        if noun and noun[:2] in self.rules.comparators_after:
            noun = ""
        return (words + noun).strip() or noun or prefix.strip()

    def _kind(self, position: int) -> str:
        for part in self.parts:
            if part.start <= position < part.end and part.kind == "review":
                return "achievement"
        start = start_from(self.folded, self.sentence_starts, position, 0, SENTENCE_SKIP)
        sentence = self.folded[start:position]
        if sentence.endswith("了"):
            return "achievement"  # 梳理形成了32个候选项目: done, even in the plan part
        marker = next((m for m in self.rules.review_markers if sentence.startswith(m)), None)
        if marker is not None and not self._own_period(marker):
            return "achievement"
        opening = _YEAR_OPENING.match(sentence)
        if opening and self.year and int(opening.group(1)) < self.year:
            return "achievement"  # 2021年，全市地区生产总值增长6.5%
        return "target"

    def _own_period(self, marker: str) -> bool:
        """“十四五”时期 in a report of 2021 names the plan's own period, not a past one."""
        periods = self.rules.plan_periods.items()
        return self.year is not None and any(p in marker and end >= self.year for p, end in periods)

    def _section(self, position: int) -> str | None:
        section = self.section_index.innermost(position)
        return section.title if section else None
