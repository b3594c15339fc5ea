"""The sentence segmenter: Dutch and English abbreviations, and offsets that always slice back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealgraph.sentences import abbreviations, split_sentences

CASES = {
    "nl": [
        (
            "Dhr. Jansen tekende gisteren. Mevr. de Vries niet.",
            ["Dhr. Jansen tekende gisteren.", "Mevr. de Vries niet."],
        ),
        (
            "Huawei o.a. en ZTE a.s. maandag. Daarna KPN.",
            ["Huawei o.a. en ZTE a.s. maandag.", "Daarna KPN."],
        ),
        (
            "Het kost 3,5 mld. euro per jaar. Dat is veel.",
            ["Het kost 3,5 mld. euro per jaar.", "Dat is veel."],
        ),
        (
            "Volgens bijv. Reuters gaat het door. J. de Vries zegt ja.",
            ["Volgens bijv. Reuters gaat het door.", "J. de Vries zegt ja."],
        ),
        ('"We tekenen." Dat zei de topman.', ['"We tekenen."', "Dat zei de topman."]),
        (
            "Nog dit jaar testen\nHuawei zet zich in.",
            ["Nog dit jaar testen", "Huawei zet zich in."],
        ),
        (
            "Wat doet KPN? Het wacht af... en twijfelt.",
            ["Wat doet KPN?", "Het wacht af... en twijfelt."],
        ),
    ],
    "en": [
        ("Mr. Smith met Dr. Jones. They signed.", ["Mr. Smith met Dr. Jones.", "They signed."]),
        (
            "The U.S. Commerce Department acted. Huawei objected.",
            ["The U.S. Commerce Department acted.", "Huawei objected."],
        ),
        (
            "Acme Inc. bought Globex Corp. on Monday. It paid 2.5 billion.",
            ["Acme Inc. bought Globex Corp. on Monday.", "It paid 2.5 billion."],
        ),
        (
            'He said: "We signed." Then J. Smith left... quietly.',
            ['He said: "We signed."', "Then J. Smith left... quietly."],
        ),
        ("Prices rose e.g. in May. Sales fell.", ["Prices rose e.g. in May.", "Sales fell."]),
        ("It rose 5%. (It was a record.) Fine!", ["It rose 5%.", "(It was a record.)", "Fine!"]),
    ],
}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [(lang, text, expected) for lang, cases in CASES.items() for text, expected in cases],
)
def test_sentences_per_language(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "word"), [("nl", "dhr."), ("nl", "bijv."), ("en", "mr."), ("en", "inc.")]
)
def test_abbreviations_come_from_the_lexicon(lang: str, word: str) -> None:
    assert word in abbreviations(lang)


_pieces = st.sampled_from(
    [
        "Huawei", "tekende", "U.S.", "Mr.", "dhr.", "o.a.", "3.5", "J.", "...", "!", "?", ".",
        '"', "'", "(", ")", "\n", "\n\n", "  ", " ", "MTS", "a.s.", "e.g.", "Inc.", "é", "ß",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(_pieces | st.text(max_size=6), max_size=40),
    lang=st.sampled_from(["nl", "en", ""]),
)
def test_offsets_always_slice_back_to_the_sentence(parts: list[str], lang: str) -> None:
    text = " ".join(parts)
    sentences = split_sentences(text, lang)
    last_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text  # offsets slice back
        assert s.text == s.text.strip() and s.text  # stripped, never empty
        assert "\n" not in s.text  # a line break always ends a sentence
        assert s.start >= last_end  # in order, never overlapping
        last_end = s.end
    visible = "".join(c for s in sentences for c in s.text if not c.isspace())
    assert visible == "".join(c for c in text if not c.isspace())  # every visible character kept
