"""Arabic-aware text normalization for search, applied to the index and the query alike.

``normalize`` splits a text at whitespace and gives each word's folded,
stemmed form without punctuation, dropping ``STOPWORDS``. News repeats its
words, so each distinct word is worked out once and remembered: the library
normalizes about a million words a second while a sync stores articles.

``fold``
    removes tashkeel (U+064B–U+065F, U+0670), tatweel and invisible format
    marks; folds أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي (and the Persian
    forms of yeh and kaf); turns Arabic-Indic and Persian digits into ASCII;
    case-folds Latin text.
``stem``
    strips the article group from each Arabic word (ال، وال، بال، كال، فال،
    لل and their combinations such as وبال) when two letters remain.
``variants``
    gives the query forms of a word with and without the one-letter clitics
    و، ف، ب، ل, which the index keeps; with ``stem`` a word is found with or
    without any of its prefixes.

English stemming is left to SQLite's ``porter`` tokenizer, which leaves
Arabic tokens alone. This module does not touch the database.
"""

import re
import unicodedata

# Bump whenever normalize() changes what it returns for any text: the library
# then rebuilds its search index, whose deletions depend on recomputing it.
INDEX_VERSION = 1

_TASHKEEL = [*range(0x064B, 0x0660), 0x0670]
_INVISIBLE = [
    0x0640,  # tatweel
    0x00AD,  # soft hyphen
    0x061C,  # Arabic letter mark
    0x200B,  # zero width space
    0x200C,  # zero width non-joiner
    0x200D,  # zero width joiner
    0x200E,  # left-to-right mark
    0x200F,  # right-to-left mark
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2066, 0x206A),  # bidi isolates
    0xFEFF,  # byte order mark
]
_LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",  # Persian yeh, common in Arabic text typed on Persian keyboards
    "ک": "ك",  # Persian kaf
}
_DIGITS = {
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian
}

# One table: normalize() folds word by word (and remembers each word), and on
# a word str.translate is the fastest way.
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys(map(chr, (*_TASHKEEL, *_INVISIBLE))),
        **_LETTER_FOLDS,
        **_DIGITS,
    }
)

# Arabic letters as they are after folding.
_AR = "[\u0620-\u064a\u066e-\u06d3]"
# An article group at the start of a word (ال، وال، بال، كال، فال، لل and their
# combinations such as وبال), when two letters remain; the name of God (الله,
# اللهم) keeps its article, or it would fold into the pronoun له. A bare
# conjunction or preposition (و، ف، ب، ل) is not stripped here: a word may
# start with that letter (وزير, بيت), and stripping it would make الوزير and
# وزير index differently. The query side adds those prefixes instead
# (``variants``). Before digits, which cannot be a word's own letters, they go.
_CLITIC = re.compile(
    rf"(?<!\w)(?:"
    rf"(?:[وف]?[بك]?ال|[وف]?لل)(?!لهم?(?!\w))(?={_AR}{{2}})"
    rf"|[وف]?[بل]?(?<=[وفبل])(?=[0-9])"
    rf")"
)
_SINGLE_CLITICS = ("و", "ف", "ب", "ل")


_LATIN_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Fold letters, digits and case; remove tashkeel, tatweel, accents and format marks.

    Compatibility forms (Arabic presentation forms, ligatures, full-width
    letters) become plain letters; a letter carrying a hamza or madda
    decomposes and loses it, which is the folding أ إ آ → ا, ؤ → و, ئ → ي.
    """
    if not text.isascii():
        text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))
    return text.translate(_FOLD_TABLE).casefold()


def stem(folded: str) -> str:
    """Strip the article group from every Arabic word of folded text."""
    return _CLITIC.sub("", folded)


_WORDS_MAX = 300_000


_TOKEN = re.compile(r"[^\W_]+")
# Function words (particles, prepositions, pronouns, "was") so common that they
# say nothing about an article, as on the usual Arabic stopword lists. They are
# left out of the index and out of queries alike: a fifth to a quarter of the
# words of Arabic news, found in every article, they only cost time. A quoted
# phrase still matches, since both sides skip them the same way.
STOPWORDS = frozenset(
    """
    في من على إلى عن أن إن أو ما لا لم لن قد لقد هل إذ إذا إلا أي هذا هذه ذلك تلك هناك
    هنا التي الذي الذين اللذين اللتين اللواتي مع بين ثم حتى كما خلال حيث منذ لكن عند
    لدى ضد حول عبر نحو دون أمام غير كل بعض أيضا وفق أكثر بعد قبل كان كانت كانوا يكون
    تكون ليس ليست هو هي هم هن نحن أنا أنت أنتم له لها لهم به بها فيه فيها منه منها عنه
    عنها عليه عليها إليه إليها
    the a an of in on at to for from by with and or is are was were be been as that
    this these those it its not but has have had will would
    """.split()  # noqa: SIM905 - a block of words reads better than a list of strings
)


_STOP_FORMS = frozenset(stem(fold(word)) for word in STOPWORDS)


class _Forms(dict[str, str]):
    """The normalized form of each word seen, worked out when first asked for.

    Words repeat a great deal in news: remembering the form of each word is
    several times faster than folding and stemming whole texts. Whitespace
    always separates words, so normalizing word by word gives what
    normalizing the whole text would, with single spaces between words.
    """

    def __missing__(self, word: str) -> str:
        if len(self) >= _WORDS_MAX:
            self.clear()
        # Punctuation goes here, once per distinct word, so that the index can use
        # SQLite's plain "ascii" tokenizer (split at spaces), which is much faster
        # than "unicode61" at classifying every character of every article.
        tokens = [t for t in _TOKEN.findall(stem(fold(word))) if t not in _STOP_FORMS]
        normalized = self[word] = " ".join(tokens)
        return normalized


_WORDS = _Forms()


def variants(word: str) -> tuple[str, ...]:
    """The indexed forms a normalized query word stands for: with and without و، ف، ب، ل.

    ``وزير`` stands for وزير, ووزير, بوزير … and, since its و may be a
    conjunction, for زير and its forms too. Words without Arabic letters
    stand only for themselves.
    """
    if len(word) < 3 or not any(_is_arabic(ch) for ch in word):
        # Two-letter words are particles (في، من، عن): their clitic forms
        # (وفي، ومن) are particles too, and would only slow the search.
        return (word,)
    bases = [word]
    for clitic in sorted(_SINGLE_CLITICS, key=len, reverse=True):
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            bases.append(word[len(clitic) :])
            break
    forms = [f"{clitic}{base}" for base in bases for clitic in ("", *_SINGLE_CLITICS)]
    return tuple(dict.fromkeys(forms))


def normalize(text: str) -> str:
    """The form in which text is indexed and queried.

    ``stem(fold(text))`` as words of letters and digits separated by spaces:
    punctuation, symbols and ``STOPWORDS`` are dropped.
    """
    # filter: a particle normalizes to "", which must not leave a double space
    return " ".join(filter(None, map(_WORDS.__getitem__, text.split())))


def has_word(text: str) -> bool:
    """Whether the text holds at least one letter or digit, that is one searchable token."""
    return any(ch.isalnum() for ch in text)


# --- matching the original (unnormalized) text, for snippets and highlights ---

_MARKS = "[\u064b-\u065f\u0670\u0640\u200c\u200d]*"
_VARIANTS = {
    "ا": "[اأإآٱ]",
    "ي": "[يىئی]",
    "ه": "[هة]",
    "و": "[وؤ]",
    "ك": "[كک]",
    **{str(d): f"[{d}{chr(0x0660 + d)}{chr(0x06F0 + d)}]" for d in range(10)},
}
_HIGHLIGHT_PREFIX = f"(?:(?:[وفبكل]|[اأإآٱ]ل){_MARKS})*"
_SUFFIX_RE = re.compile(r"(?:ing|ed|es|s|ly)$")


def _latin_stem(word: str) -> str:
    """A crude English stem, only to highlight the forms porter folds together."""
    stemmed = _SUFFIX_RE.sub("", word)
    return stemmed if len(stemmed) >= 3 else word


def match_pattern(term: str, prefix: bool = False) -> str:
    """A regular expression that finds the words of original text matching a normalized term.

    ``term`` is one normalized search word. Arabic letters match every form
    that folds to them, with tashkeel and tatweel anywhere and any clitic
    prefix in front; digits match their Arabic-Indic and Persian forms;
    Latin words match any ending, since the index stems them.
    """
    if not term:
        raise ValueError("empty term")
    is_latin = all(ch.isascii() for ch in term)
    if is_latin and term.isalpha():
        core = re.escape(_latin_stem(term))
        return rf"(?<!\w){core}\w*"
    body = _MARKS.join(_VARIANTS.get(ch, re.escape(ch)) for ch in term)
    tail = r"\w*" if prefix else r"(?!\w)"
    lead = _HIGHLIGHT_PREFIX if any(_is_arabic(ch) or ch.isdigit() for ch in term) else ""
    return rf"(?<!\w){lead}{body}{_MARKS}{tail}"


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"
