"""Arabic normalization: folding, clitic stripping, and matching the original text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.library.normalize import fold, match_pattern, normalize, stem, variants

ARABIC_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" -."),
    max_size=80,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آسيا", "اسيا"),
        ("ٱلكتاب", "الكتاب"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("كَتَبَ", "كتب"),
        ("مُحَمَّدٌ", "محمد"),
        ("قـــال", "قال"),
        ("٢٠٢٤", "2024"),
        ("۱۴۰۳", "1403"),
        ("Hello WORLD", "hello world"),
        ("كلمة\u200fمخفية", "كلمهمخفيه"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("الكتاب", "كتاب"),
        ("والكتاب", "كتاب"),
        ("بالكتاب", "كتاب"),
        ("كالكتاب", "كتاب"),
        ("فالكتاب", "كتاب"),
        ("للكتاب", "كتاب"),
        ("وبالكتاب", "كتاب"),
        ("وللكتاب", "كتاب"),
        # one-letter clitics stay in the index: the query adds them (variants)
        ("وكتاب", "وكتاب"),
        ("وزير", "وزير"),
        # short words keep their first letters
        ("بلد", "بلد"),
        ("الى", "الى"),
        ("لدى", "لدى"),
        # the name of God keeps its article
        ("الله", "الله"),
        # a conjunction or preposition before digits
        ("و2024", "2024"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_variants_add_and_remove_one_letter_clitics() -> None:
    assert set(variants("كتاب")) == {"كتاب", "وكتاب", "فكتاب", "بكتاب", "لكتاب"}
    assert variants("في") == ("في",)  # particles stand only for themselves
    assert "كتاب" in variants("وكتاب")
    assert "زير" in variants("وزير")
    assert "ووزير" in variants("وزير")
    assert variants("بلد")[0] == "بلد"
    assert "لد" not in variants("بلد")
    assert variants("2024") == ("2024",)
    assert variants("news") == ("news",)


def test_same_word_in_every_form_normalizes_alike() -> None:
    forms = ["الكلمة", "والكلمة", "بالكلمة", "كلمة", "كَلِمَةٌ", "الكَلِمَة", "للكلمة", "كلمه"]
    assert {normalize(f) for f in forms} == {"كلمه"}
    assert all(normalize(f) in variants("كلمه") for f in ["وكلمة", "بكلمة", "فكلمة", "لكلمة"])


def test_sentence_becomes_one_token_per_word_without_particles() -> None:
    sentence = "ذهبَ الطالبُ إلى المدرسةِ بالحافلة، وقرأ ٣ كتبٍ."
    assert normalize(sentence).split() == ["ذهب", "طالب", "مدرسه", "حافله", "وقرا", "3", "كتب"]


@pytest.mark.parametrize(
    ("term", "original", "found"),
    [
        ("كلمه", "قال والكلمةُ الطيبة", ["والكلمةُ"]),
        ("احمد", "زار أحمد وإحمد", ["أحمد", "وإحمد"]),
        ("2024", "في عام ٢٠٢٤ و2024", ["٢٠٢٤", "و2024"]),
        ("run", "Running runs ran", ["Running", "runs"]),
        ("كتب", "كُتُب الكتبة", ["كُتُب"]),
    ],
)
def test_match_pattern_finds_original_spellings(term: str, original: str, found: list[str]) -> None:
    pattern = re.compile(match_pattern(term), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer(original)] == found


def test_match_pattern_prefix() -> None:
    pattern = re.compile(match_pattern("كت", prefix=True))
    assert [m.group() for m in pattern.finditer("الكتاب كتب قلم")] == ["الكتاب", "كتب"]


@given(st.text(max_size=200))
def test_fold_is_idempotent_and_leaves_no_folded_letters(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert not re.search("[\u064b-\u065f\u0670\u0640أإآٱىةؤئ٠-٩۰-۹]", once)


@given(ARABIC_TEXT | st.text(max_size=200))
def test_normalize_gives_words_of_letters_and_digits(text: str) -> None:
    result = normalize(text)
    words = result.split()
    assert all(re.fullmatch(r"[^\W_]+", word) for word in words)
    # clitic stripping shortens words, it never adds any
    assert len(words) <= len(re.findall(r"[^\W_]+", fold(text)))


def test_particles_leave_no_trace() -> None:
    assert normalize("من في the") == ""
    assert normalize("ذهب إلى البيت") == "ذهب بيت"


def test_normalize_drops_punctuation_and_accents() -> None:
    assert normalize("«الكتابُ»، (جديد)! café—Zürich") == "كتاب جديد cafe zurich"
    assert normalize("ﻻ ﷲ") == normalize("لا الله")


@given(st.text(min_size=1, max_size=30))
def test_match_pattern_compiles_for_any_normalized_word(text: str) -> None:
    for word in re.findall(r"[^\W_]+", normalize(text)):
        re.compile(match_pattern(word), re.IGNORECASE)
        re.compile(match_pattern(word, prefix=True), re.IGNORECASE)
