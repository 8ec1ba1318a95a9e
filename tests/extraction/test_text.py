"""The word patterns: a trie finds what the words' alternation, longest first, finds."""

import re
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from luoshi.extraction import text as text_module
from luoshi.extraction.text import alternation, any_of, fold, longest_word

ALPHABET = "新增城镇就业万人.()*+?[]\\|"
WORDS = st.lists(st.text(ALPHABET, min_size=1, max_size=5), min_size=1, max_size=30)


def plain(words):
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)))


@given(WORDS, st.text(ALPHABET, max_size=60))
def test_the_trie_finds_the_longest_word_at_each_place(words, text):
    found = [(m.start(), m.group()) for m in longest_word(words).finditer(text)]
    assert found == [(m.start(), m.group()) for m in plain(words).finditer(text)]


@given(WORDS, st.text(ALPHABET, max_size=60))
def test_the_grouped_trie_finds_what_the_plain_one_finds(words, text):
    # Tries with many first characters split them into groups; force it on a small alphabet.
    with (
        mock.patch.object(text_module, "_GROUPED_ABOVE", 1),
        mock.patch.object(text_module, "_GROUP", 3),
    ):
        found = [(m.start(), m.group()) for m in longest_word(words).finditer(text)]
    assert found == [(m.start(), m.group()) for m in plain(words).finditer(text)]


@given(WORDS, st.text(ALPHABET, max_size=60))
def test_any_of_finds_something_exactly_when_a_word_occurs(words, text):
    assert (any_of(tuple(words)).search(text) is not None) == any(w in text for w in words)


def test_alternation_keeps_the_given_order_when_it_is_not_longest_first():
    assert alternation(("新增", "新增城镇")).match("新增城镇").group() == "新增"
    assert alternation(("新增城镇", "新增")).match("新增城镇").group() == "新增城镇"


def test_fold_keeps_the_length_and_folds_full_width_marks():
    text = "新增就业１０万人，增长５％。" * 10
    assert fold(text) == "新增就业10万人,增长5%。" * 10
    assert len(fold(text)) == len(text)
