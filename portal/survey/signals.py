"""Safety signals: a respondent who says they do not feel safe, or a comment with
danger words (violence, abuse, self-harm, suicide).

A signal shows the help block at the top of the thank-you page and is counted in
the reports ("safety signals"). It never blocks sending and is never traced to
anyone: the stored response only gets ``safety_signal = True``.

The word lists are per language code; a comment is checked against every list,
because a youth may write in another language than the one the pages are in.
Each entry matches at the start of a word, so a stem ("mishandel") also finds
"mishandeld" and "mishandeling". A false match only shows phone numbers, so the
lists lean towards matching too much rather than too little.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

# Word stems per language. nl and en are filled here; ar, tr, pl and uk are filled
# with the translations (issue 8 item 6): add a language by adding its key.
DANGER_WORDS: dict[str, tuple[str, ...]] = {
    "nl": (
        "geweld",
        "mishandel",
        "misbruik",
        "geslagen",
        "slaat me",
        "slaan me",
        "schopt me",
        "schoppen me",
        "verkracht",
        "aangerand",
        "aanranding",
        "zelfmoord",
        "suïcid",
        "suicid",
        "zelfbeschadig",
        "snijd mezelf",
        "snij mezelf",
        "mezelf pijn",
        "mezelf snijden",
        "wil dood",
        "dood willen",
        "niet meer leven",
        "bedreigd",
        "bedreigen me",
        "onveilig",
    ),
    "en": (
        "violen",
        "abuse",
        "abusing",
        "beat me",
        "beats me",
        "beaten",
        "hit me",
        "hits me",
        "hurts me",
        "hurt me",
        "rape",
        "raping",
        "assault",
        "molest",
        "suicid",
        "kill myself",
        "killing myself",
        "self-harm",
        "self harm",
        "selfharm",
        "cut myself",
        "cutting myself",
        "hurt myself",
        "hurting myself",
        "want to die",
        "threaten",
        "unsafe",
    ),
    # Arabic: each stem also with the article or a joined "and"/"with" (و، ب، ال), since a
    # stem only matches at the start of a word; with and without hamza, as people type.
    "ar": (
        "عنف",
        "العنف",
        "والعنف",
        "بالعنف",
        "يضربني",
        "تضربني",
        "يضربونني",
        "ضربني",
        "ضربتني",
        "ضربوني",
        "إساءة",
        "اساءة",
        "الإساءة",
        "الاساءة",
        "اعتداء",
        "إعتداء",
        "الاعتداء",
        "تحرش",
        "التحرش",
        "اغتصاب",
        "إغتصاب",
        "الاغتصاب",
        "اغتصبني",
        "انتحار",
        "إنتحار",
        "الانتحار",
        "أنتحر",
        "انتحر",
        "أقتل نفسي",
        "اقتل نفسي",
        "أؤذي نفسي",
        "اؤذي نفسي",
        "إيذاء النفس",
        "ايذاء النفس",
        "إيذاء نفسي",
        "ايذاء نفسي",
        "أجرح نفسي",
        "اجرح نفسي",
        "أريد أن أموت",
        "اريد ان اموت",
        "أريد الموت",
        "اريد الموت",
        "يهددني",
        "تهددني",
        "يهددونني",
        "لست آمن",
        "لست امن",
        "لست في أمان",
        "غير آمن",
        "غير امن",
        "لا أشعر بالأمان",
        "لا اشعر بالامان",
    ),
    # Turkish: also as typed without Turkish letters (ş→s, ü→u, ö→o, ı→i, ğ→g).
    "tr": (
        "şiddet",
        "siddet",
        "dayak",
        "beni döv",
        "beni dov",
        "dövüyor",
        "dovuyor",
        "dövdü",
        "dovdu",
        "beni vur",
        "vuruyor",
        "istismar",
        "taciz",
        "tecavüz",
        "tecavuz",
        "kötü muamele",
        "kotu muamele",
        "intihar",
        "kendimi öldür",
        "kendimi oldur",
        "ölmek istiyorum",
        "olmek istiyorum",
        "yaşamak istemiyorum",
        "yasamak istemiyorum",
        "kendime zarar",
        "kendimi kes",
        "kendimi yarala",
        "tehdit",
        "güvende değil",
        "guvende degil",
        "güvende hissetmiyorum",
        "guvende hissetmiyorum",
        "güvensiz",
        "guvensiz",
    ),
    # Polish: also as typed without Polish letters.
    "pl": (
        "przemoc",
        "bije mnie",
        "biją mnie",
        "bija mnie",
        "bił mnie",
        "bil mnie",
        "biła mnie",
        "bila mnie",
        "pobił",
        "pobil",
        "pobiła",
        "pobila",
        "znęca",
        "zneca",
        "molestow",
        "wykorzystywał mnie",
        "wykorzystuje mnie",
        "gwałt",
        "gwalt",
        "zgwałc",
        "zgwalc",
        "napastow",
        "samobój",
        "samoboj",
        "zabić się",
        "zabic sie",
        "zabiję się",
        "zabije sie",
        "chcę umrzeć",
        "chce umrzec",
        "nie chcę żyć",
        "nie chce zyc",
        "samookalecz",
        "tnę się",
        "tne sie",
        "kaleczę się",
        "kalecze sie",
        "krzywdzę się",
        "krzywdze sie",
        "grozi mi",
        "grożą mi",
        "groza mi",
        "zastrasz",
        "nie czuję się bezpiecznie",
        "nie czuje sie bezpiecznie",
        "boję się",
        "boje sie",
    ),
    # Ukrainian: the apostrophe in three spellings (' ʼ ’).
    "uk": (
        "насильств",
        "насилля",
        "б'є мене",
        "бʼє мене",
        "б’є мене",
        "б'ють мене",
        "бʼють мене",
        "б’ють мене",
        "бив мене",
        "била мене",
        "били мене",
        "побив",
        "побила",
        "побили",
        "знущ",
        "кривдить мене",
        "ґвалт",
        "згвалт",
        "зґвалт",
        "домагав",
        "домагає",
        "розбещ",
        "самогубств",
        "суїцид",
        "вбити себе",
        "вбʼю себе",
        "вб'ю себе",
        "вб’ю себе",
        "покінчити з собою",
        "хочу померти",
        "не хочу жити",
        "самоушкодж",
        "ріжу себе",
        "шкоджу собі",
        "завдаю собі болю",
        "погрож",
        "не в безпеці",
        "небезпечно",
        "не почуваюся в безпеці",
        "боюся",
    ),
}

# Agree-scale answers that mean "I do not feel safe": totally disagree (1), disagree (2).
UNSAFE_VALUES = frozenset({1, 2})


def _normal(text: str) -> str:
    """Lower case, one space between words, compatibility forms folded (so a
    full-width or ligature letter matches too)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@cache
def _pattern(languages: tuple[str, ...]) -> re.Pattern[str]:
    stems = sorted(
        {_normal(stem) for code in languages for stem in DANGER_WORDS.get(code, ())},
        key=len,
        reverse=True,
    )
    if not stems:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(stem) for stem in stems) + ")")


def has_danger_words(text: str) -> bool:
    """True when ``text`` holds a danger word of any language."""
    return bool(text.strip()) and bool(_pattern(tuple(sorted(DANGER_WORDS))).search(_normal(text)))


def feels_unsafe(safety_answers: Iterable[int | None]) -> bool:
    """True when a safety question was answered with disagree or totally disagree."""
    return any(value in UNSAFE_VALUES for value in safety_answers)


def safety_signal(safety_answers: Iterable[int | None], comment: str) -> bool:
    return feels_unsafe(safety_answers) or has_danger_words(comment)
