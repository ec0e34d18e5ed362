"""Gentle words, never policed: wording that often lands as blame or as minimising,
each with a kind word on why and a gentler way to say it.

This is the one list. The server reads it to offer its hint after a form is sent
without JavaScript (accounts/hints.py), and the same entries reach the browser as
JSON for static/js/gentle.js. A hint never blocks anything and nothing it notices is
kept.

The list is per language, because the phrases are: a language the app ships gets
its own entries written in that language (`PATTERNS["es"] = (...)`), never a
translation of the English expressions. A language without entries gets no hints.

Each phrase is a regular expression that must mean the same in Python's `re` and in
JavaScript's `RegExp` (both matched case-insensitively, `^` at the start of any line):
keep to plain groups, classes, `\\b`, `\\s` and `(?!...)`, no named groups,
lookbehind or inline flags. Word boundaries (`\\b`) are ASCII-only in JavaScript,
so phrases in languages with accented letters spell out their edges instead.
Apostrophes are written `['’]`, because phones type the curly one.
"""

import re
from dataclasses import dataclass
from functools import cache

# How the browser compiles each entry's pattern; `FLAGS` is the same for the server.
JS_FLAGS = "im"
FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True)
class Pattern:
    key: str
    phrases: tuple[str, ...]
    kind: str  # why this wording can hurt, kindly, without judging the writer
    gentler: str  # a way to say it instead

    @property
    def source(self) -> str:
        return "|".join(f"(?:{phrase})" for phrase in self.phrases)


# Words for "you" being directly addressed: "you're", "you are".
_YOU_ARE = r"you(?:['’]re|\s+are)"

ENGLISH = (
    Pattern(
        "always",
        (
            # "You always make me laugh" is praise, not blame.
            rf"\b(?:you|{_YOU_ARE})\s+always\b(?!\s+(?:make\s+me\s+(?:laugh|smile|feel\s+(?:safe|loved|better|seen))"
            r"|know\s+(?:how|what)|find\s+a\s+way|have\s+my\s+back|show\s+up|there\s+for|help|listen"
            r"|remember|try|come\s+back)\b)",
        ),
        "“Always” can turn one hard moment into a verdict on the whole person, "
        "and then it is hard for them to listen.",
        "You could name one moment instead: “I felt … when … I need …”.",
    ),
    Pattern(
        "never",
        (
            rf"\b(?:you|{_YOU_ARE})\s+never\b(?!\s+(?:fail\s+to|let\s+me\s+down|judge|gave\s+up|give\s+up"
            r"|stopped|stop\s+trying|have\s+to\s+(?:wonder|worry)|left)\b)",
        ),
        "“Never” can sound like nothing they have done counts, "
        "and then it is hard for them to listen.",
        "You could name one moment instead: “I felt … when … I need …”.",
    ),
    Pattern(
        "calm_down",
        (
            r"(?:^|[.!?]\s*|\b(?:just|please|you\s+(?:need|have)\s+to|you\s+should"
            r"|can\s+you|could\s+you|will\s+you)\s+)calm\s+down\b",
            # "You're not overreacting" is support; only the plain claim is noticed.
            rf"\b{_YOU_ARE}\s+(?:(?:just|being|so|way)\s+)*(?:over-?reacting|too\s+sensitive"
            r"|dramatic|paranoid|hysterical)\b",
        ),
        "Being told to calm down, or that a feeling is too much, "
        "usually makes the feeling louder, not quieter.",
        "You could say what you see, or what you need: “I can see this is hard. I'm listening.” "
        "or “I'm overwhelmed. I need a short pause, then I'll come back.”",
    ),
    Pattern(
        "minimising",
        (
            r"\b(?:it|that)(?:['’]s|\s+was|\s+is)\s+(?:just|only)\s+(?:(?:a|an|one|some)\s+"
            r"(?!(?:lovely|beautiful|wonderful|great|nice|perfect|good|happy|sweet|special)\b)"
            r"|(?:nothing|sex|lunch|coffee|drinks?|texting|talking|chatting|flirting|friends"
            r"|work|words|messages)\b)",
            r"\b(?:it|that|she|he|they)\s+(?:meant\s+nothing|didn['’]t\s+mean\s+anything"
            r"|did\s+not\s+mean\s+anything)\b",
        ),
        "“It was just…” can sound as if the hurt does not count, even when you mean to reassure.",
        "You could name the impact instead: “I see that this hurt you because …”.",
    ),
    Pattern(
        "hurrying",
        (
            r"\bget\s+over\s+it\b",
            r"\b(?:just|you\s+(?:need|have)\s+to|can['’]?t\s+you|why\s+can['’]?t\s+you)\s+"
            r"(?:move\s+on|let\s+it\s+go|get\s+past\s+(?:it|this))\b",
            r"\b(?:it|that)(?:['’]s|\s+is)\s+in\s+the\s+past\b",
            r"\bshould\s+be\s+over\s+(?:it|this|that)\b",
            r"\bhow\s+long\s+are\s+you\s+going\s+to\b",
        ),
        "Asking someone to get over it or move on puts healing on a timetable; "
        "it keeps its own pace.",
        "You could say what is hard for you: “I'm finding this slow. I need … to keep going.”",
    ),
    Pattern(
        "apology_but",
        (
            r"\b(?:i['’]?m\s+sorry|i\s+am\s+sorry|sorry|i\s+apologi[sz]e)\b"
            r"[^.!?\n]{0,80}?(?:[.!?]\s*)?\bbut\b",
        ),
        "A “but” right after an apology can take the apology back.",
        "You could let it stand alone: “I'm sorry I … .” The rest can wait for another moment.",
    ),
    Pattern(
        "conditional_apology",
        (
            r"\bsorry\s+if\b",
            r"\bsorry\s+(?:that\s+)?you(?:['’]re|\s+are|\s+feel|\s+felt|\s+were|\s+got)\b",
        ),
        "“Sorry if you…” puts the hurt on the other person's side, "
        "so it can feel like no apology at all.",
        "You could own your part: “I'm sorry I … . I see it hurt you.”",
    ),
    Pattern(
        "blame",
        (
            r"\b(?:it|that)(?:['’]s|\s+is|\s+was)\s+(?:all\s+)?your\s+(?:own\s+)?fault\b",
            r"\byou\s+made\s+me\s+(?:do\s+(?:it|this|that)|cheat|lie|act\s+like|react"
            r"|feel\s+(?:like\s+)?(?:this|that))\b",
            r"\byou\s+(?:drove|pushed)\s+me\s+(?:to|into)\b",
        ),
        "“You made me” or “it's your fault” hands over what is yours to carry, "
        "and the other person will likely defend.",
        "You could speak for yourself: “I feel … when … I need …”.",
    ),
    Pattern(
        "pressure",
        (
            r"\byou\s+(?:just\s+)?(?:need|have|got)\s+to\s+(?:just\s+)?(?:trust|forgive)\s+me\b",
            r"\bwhy\s+can['’]?t\s+you\s+(?:just\s+)?(?:trust|forgive)\s+me\b",
            r"\bjust\s+(?:trust|forgive)\s+me\b",
        ),
        "Trust and forgiveness can't be asked for; they grow back slowly, from what is done.",
        "You could say what you will keep doing: “I know trust takes time. I will keep …”.",
    ),
)

# Written in Spanish for Spanish writers (tú, neutral Latin-American), not translated
# from the English. Accented words keep `\\b` only at an unaccented edge, and end
# without one (a longer word starting the same way is the same wording).
SPANISH = (
    Pattern(
        "always",
        (
            # "Siempre me haces reír" is praise, not blame.
            r"\bsiempre\s+(?:me\s+)?(?:haces|dices|estás|eres|llegas|olvidas|ignoras"
            r"|te\s+pones|terminas|arruinas)(?!\s+(?:reír|sonreír|sentir\s+(?:bien|segur)))",
            r"\bnunca\s+(?:me\s+)?(?:escuchas|entiendes|haces|dices|cambias|estás|piensas"
            r"|cumples|ayudas)",
        ),
        "“Siempre” o “nunca” pueden convertir un momento difícil en un juicio sobre toda la "
        "persona, y entonces le cuesta escuchar.",
        "Podrías nombrar un momento concreto: “Me sentí … cuando … Necesito …”.",
    ),
    Pattern(
        "hurrying",
        (
            r"\b(?:supéralo|superarlo\s+ya|pasa\s+la\s+página|dar\s+vuelta\s+a\s+la\s+página"
            r"|déjalo\s+atrás|olvídalo\s+ya)",
            r"\bya\s+(?:pasó|es\s+pasado|quedó\s+atrás)",
            r"\bdeberías\s+haberlo\s+superado",
            r"\bhasta\s+cuándo\s+vas\s+a",
        ),
        "Pedir que alguien lo supere o pase la página pone la sanación en un calendario; "
        "lleva su propio ritmo.",
        "Podrías decir qué es difícil para ti: “Esto me está costando. Necesito … para seguir.”",
    ),
    Pattern(
        "apology_but",
        (
            r"\b(?:lo\s+siento|perdón|perdóname|discúlpame|disculpa|te\s+pido\s+perdón)"
            r"[^.!?\n]{0,80}?(?:[.!?]\s*)?\bpero\b",
        ),
        "Un “pero” justo después de una disculpa puede deshacer la disculpa.",
        "Podrías dejarla sola: “Lo siento, yo … .” Lo demás puede esperar a otro momento.",
    ),
    Pattern(
        "conditional_apology",
        (
            r"\b(?:lo\s+siento|perdón|perdona|disculpa)\s+si\b",
            r"\bsiento\s+que\s+te\s+(?:sientas|hayas\s+sentido|lo\s+tomes|lo\s+hayas\s+tomado)",
        ),
        "“Perdón si te…” deja el dolor del lado de la otra persona, así que puede sentirse "
        "como si no fuera una disculpa.",
        "Podrías hacerte cargo de tu parte: “Siento haber … . Veo que te dolió.”",
    ),
    Pattern(
        "blame",
        (
            r"\b(?:es|fue)\s+(?:toda\s+)?(?:tu\s+culpa|culpa\s+tuya)",
            r"\bpor\s+tu\s+culpa\b",
            r"\bme\s+(?:hiciste|obligaste\s+a)\s+(?:hacerlo|engañarte|mentirte|mentir"
            r"|reaccionar\s+así|sentir\s+así)",
            r"\bme\s+(?:empujaste|llevaste)\s+a\b",
        ),
        "“Tú me hiciste” o “es tu culpa” entregan a la otra persona lo que te toca cargar, "
        "y es probable que se defienda.",
        "Podrías hablar por ti: “Me siento … cuando … Necesito …”.",
    ),
    Pattern(
        "pressure",
        (
            r"\btienes\s+que\s+(?:confiar\s+en\s+mí|perdonarme)",
            r"\bpor\s+qué\s+no\s+puedes\s+(?:simplemente\s+)?(?:confiar\s+en\s+mí|perdonarme)",
            r"\bs[oó]lo\s+(?:confía\s+en\s+mí|perdóname)",
        ),
        "La confianza y el perdón no se pueden pedir; vuelven poco a poco, por lo que se hace.",
        "Podrías decir qué vas a seguir haciendo: “Sé que la confianza lleva tiempo. "
        "Voy a seguir …”.",
    ),
)

PATTERNS: dict[str, tuple[Pattern, ...]] = {"en": ENGLISH, "es": SPANISH}


def patterns_for(language: str | None) -> tuple[Pattern, ...]:
    """The entries for a language code ("en", "en-gb"); none for a language without any."""
    code = (language or "").lower()
    return PATTERNS.get(code) or PATTERNS.get(code.split("-")[0], ())


@cache
def _compiled(language: str) -> tuple[tuple[Pattern, re.Pattern], ...]:
    return tuple((p, re.compile(p.source, FLAGS)) for p in patterns_for(language))


def first_match(text: str, language: str | None) -> Pattern | None:
    """The first entry (in list order) whose wording appears in `text`, or None."""
    for pattern, compiled in _compiled(language or ""):
        if compiled.search(text):
            return pattern
    return None


def for_browser(language: str | None) -> list[dict[str, str]]:
    """The entries as static/js/gentle.js reads them: `new RegExp(source, flags)`."""
    return [
        {
            "key": p.key,
            "source": p.source,
            "flags": JS_FLAGS,
            "kind": p.kind,
            "gentler": p.gentler,
        }
        for p in patterns_for(language)
    ]
