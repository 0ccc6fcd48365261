"""One vocabulary: every enumerated value with its display text, in one place.

The ids are the values of the schema's ``Literal`` types (``schema.Foot``, ``schema.Evidence``
...; the chart's ``practice.schemas.FindingKind``) and are never translated; those types stay
the type source, and ``tests/test_vocabulary.py`` holds each table to its type. A ``Term``
carries a value's text one field per language, so a second language is a second column
(``ru``, issue 14), not a second copy of these tables: the CLI, the web pages, the map, the
printout and the FHIR export all ask ``label(table, value, lang)``.

Each text is the form shown on its own: a heading's capital for feet, views and chart
findings, lowercase for the tags beside a step or a badge (intensity, direction, evidence).
A sentence built around a label lowercases it itself. Whole sentences of advice stay with the
rules that decide them (``safety.advice``, ``planner.explain``).

Imports only ``plantar.i18n`` (the standard library): ``schema`` imports it
(``EVIDENCE_MEANINGS``), and every layer may use it. A text without a language asked for is
said in the current one (``i18n.current()``).
"""

from __future__ import annotations

from dataclasses import dataclass

from plantar.i18n import LANGUAGES, current


@dataclass(frozen=True, slots=True)
class Term:
    """One value's display text, a field per language of ``LANGUAGES``."""

    id: str
    en: str
    ru: str | None = None

    def text(self, lang: str | None = None) -> str:
        lang = current() if lang is None else lang
        if lang not in LANGUAGES:
            raise ValueError(f"no language {lang!r}: one of {', '.join(LANGUAGES)}")
        found: str | None = getattr(self, lang)
        return found or self.en


@dataclass(frozen=True, slots=True)
class Table:
    """One enumerated kind: its values in order, each with its display text."""

    name: str
    terms: tuple[Term, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(term.id for term in self.terms)

    def __getitem__(self, value: str) -> Term:
        for term in self.terms:
            if term.id == value:
                return term
        raise KeyError(f"{value!r} is not one of the {self.name}: {', '.join(self.ids)}")

    def label(self, value: str, lang: str | None = None) -> str:
        return self[value].text(lang)

    def labels(self, lang: str | None = None) -> dict[str, str]:
        """Every value and its text, in order (a template's choices)."""
        return {term.id: term.text(lang) for term in self.terms}


def _table(name: str, *rows: tuple[str, str], ru: dict[str, str]) -> Table:
    """A table's values with their English text, and ``ru``: each value's Russian."""
    return Table(name, tuple(Term(value, en, ru[value]) for value, en in rows))


# Russian, a column per table (docs/glossary-ru.md keeps the words).
RU_FEET = {
    "left": "Левая стопа",
    "right": "Правая стопа",
    "both": "Обе стопы",
    "none": "Не на стопах",
}
RU_VIEWS = {
    "sole": "Подошва",
    "top": "Тыльная сторона",
    "inner": "Внутренний край",
    "outer": "Наружный край",
}
RU_MAP_TABS = {
    "sole": "Подошва",
    "top": "Тыл",
    "inner": "Внутри",
    "outer": "Снаружи",
    "all": "Все",
    "left": "Левая",
    "right": "Правая",
    "both": "Обе",
}
RU_MAP_LAYERS = {
    "guides": "Направляющие линии",
    "longitudinal": "Десять продольных зон",
}
RU_GUIDE_LINES = {
    "shoulder": "Линия плеч",
    "diaphragm": "Линия диафрагмы",
    "waist": "Линия талии",
    "pelvic": "Линия таза",
}
RU_EVIDENCE = {
    "supported": "подтверждено",
    "limited": "данных мало",
    "traditional": "традиционное представление",
    "refuted": "опровергнуто",
}
RU_EVIDENCE_MEANINGS = {
    "supported": "Систематические обзоры или метаанализы находят пользу",
    "limited": "Небольшие или некачественные исследования указывают на пользу",
    "traditional": (
        "Представление рефлексологии или традиционной китайской медицины, "
        "исследованиями не подтверждено"
    ),
    "refuted": "Противоречит данным исследований или анатомии и физиологии",
}
RU_EVIDENCE_PHRASES = {
    "supported": "подтверждено обзорами исследований",
    "limited": "небольшие исследования указывают на это",
    "traditional": "традиционное представление",
    "refuted": "данными не подтверждается",
}
RU_INTENSITIES = {"light": "лёгкое", "medium": "среднее", "firm": "сильное"}
RU_DIRECTIONS = {
    "clockwise": "по часовой стрелке",
    "counterclockwise": "против часовой стрелки",
    "toward_ankle": "к голеностопу",
    "none": "в любом направлении",
}
RU_PERFORMERS = {
    "self": "Я делаю массаж себе",
    "partner": "Массаж делает партнёр",
    "therapist": "Массажист",
}
RU_RECEIVERS = {"self": "Мне", "other": "Другому человеку"}
RU_FINDING_KINDS = {
    "pain": "Боль",
    "tension": "Напряжение",
    "callus": "Мозоль",
    "lesion": "Повреждение кожи или рана",
    "do_not_touch": "Не касаться",
}
RU_RECORD_FIELDS = {
    "quote": "Слова статьи (в английском переводе)",
    "quote_ru": "По-русски: обратный перевод с английского, не подлинный текст статьи",
    "citation": "Источник",
    "ref": "Ссылка",
    "url": "Адрес",
    "seen": "Сверено с оригиналом",
    "finding": "Что обнаружено",
    "features": "Чем отличается",
    "performers": "Кто делает",
    "min_minutes": "Самый короткий сеанс",
    "typical_minutes": "Обычная длительность",
    "max_intensity": "Самое сильное надавливание",
    "needs_specialist": "Нужен обученный специалист",
    "claims": "Утверждения",
    "hand_parts": "Чем работать",
    "direction": "Направление",
    "repetitions": "Сколько раз",
    "default_intensity": "Обычное надавливание",
    "views": "Где на карте",
    "on_leg": "На голени",
    "region": "Часть стопы",
    "scheme": "Схема",
    "foot": "Стопа",
    "view": "Вид",
    "corresponds_to": "По традиционным представлениям соответствует",
    "organs": "Органы",
    "disagrees_with": "Другие схемы помещают её иначе",
    "disagreement": "Чем расходятся схемы",
    "zone": "Зона",
    "article_step": "Шаг в статье",
    "who_code": "Стандартный код",
    "match": "Насколько совпадают",
    "match_note": "Почему",
    "claimed_for": "Что утверждает статья",
    "pregnancy_light_only": "При беременности: только лёгкое касание",
    "pinyin": "Название (пиньинь)",
    "name": "Название в переводе",
    "meridian": "Меридиан",
    "traditional_uses": "Традиционно применяют при",
    "nearest": "Ближайшие стандартные точки",
    "cautions": "Осторожно",
    "condition": "Когда",
    "sources": "Источники",
    "text": "Что делать",
    "question": "Вопрос",
    "kind": "Вид",
    "verdict": "Вывод",
    "effect": "Что меняется",
    "see_doctor": "Посоветуйтесь с врачом",
    "urgency": "Как скоро",
    "rules_out_styles": "Исключает эти виды массажа",
    "no_point_work": "Без работы с точками",
    "icd10": "Код МКБ-10",
    "red_flag": "Тревожный признак",
    "avoid_targets": "Не касаться",
    "rules_out": "Исключает",
    "max_minutes": "Самый долгий сеанс",
    "needs_other_performer": "Массаж должен делать другой человек",
    "article_wording": "Слова статьи",
    "asks_first": "Сначала спрашивает о",
    "evidence": "Доказательность",
    "rationale": "Почему такой уровень",
    "goals": "Цели",
    "category": "Вид правила",
    "article_number": "Правило в статье",
    "styles": "Только для этих видов массажа",
    "amount": "Сумма",
    "style": "Вид массажа",
    "devices": "Понадобится",
    "stated_minutes": "Время по статье",
    "per_foot": "На каждой стопе",
    "length": "Длительность",
    "home_made": "Самодельный",
    "price": "Цена",
    "year": "Год",
    "depends_on": "Зависит от",
    "phase": "Часть сеанса",
    "technique": "Приём",
    "target": "Где",
    "time": "Время",
    "intensity": "Надавливание",
    "equipment": "Понадобится",
    "purpose": "Для чего",
}
RU_CONDITION_KINDS = {
    "absolute": "Никогда: абсолютное противопоказание",
    "relative": "Только осторожно или с согласия врача: относительное противопоказание",
    "local": "Только в стороне от этого места: местное противопоказание",
    "temporary": "Не сейчас, пока это длится: временное противопоказание",
}
RU_VERDICTS = {
    "ok": "Можно",
    "adapt": "С изменениями: массаж с поправками",
    "postpone": "Отложить: не сегодня",
    "avoid": "Массаж стоп не делать",
}
RU_URGENCIES = {
    "none": "Врач по этому поводу не нужен",
    "routine": "При плановом визите",
    "soon": "В ближайшие дни",
    "urgent": "Сегодня",
    "emergency": "Немедленно: неотложное состояние",
}
RU_HAND_PARTS = {
    "thumb": "большой палец",
    "fingers": "пальцы",
    "fingertips": "кончики пальцев",
    "palm": "ладонь",
    "palm_heel": "основание ладони",
    "palm_edge": "ребро ладони",
    "knuckles": "костяшки пальцев",
    "fist": "кулак",
    "both_hands": "обе руки",
    "elbow": "локоть",
    "knee": "колено",
    "foot": "стопа",
    "device": "массажёр",
}
RU_POINT_MATCHES = {
    "strong": "Совпадают",
    "good": "Близко",
    "loose": "Приблизительно",
    "disagrees": "Расходятся",
    "none": "Нет стандартной точки для сравнения",
}
RU_MERIDIANS = {
    "kidney": "Меридиан почек",
    "liver": "Меридиан печени",
    "spleen": "Меридиан селезёнки",
    "stomach": "Меридиан желудка",
    "gallbladder": "Меридиан желчного пузыря",
    "bladder": "Меридиан мочевого пузыря",
}
RU_SOURCE_KINDS = {
    "article": "Статья",
    "review": "Систематический обзор",
    "meta_analysis": "Метаанализ",
    "trial": "Исследование",
    "guideline": "Клинические рекомендации",
    "reference": "Справочник",
    "web": "Веб-страница",
}
RU_SOURCE_SEEN = {"seen": "Да", "partial": "Частично", "unverified": "Пока нет"}
RU_RULE_CATEGORIES = {
    "environment": "Комната и настрой",
    "preparation": "Подготовка",
    "timing": "Когда",
    "technique": "Техника",
    "direction": "Направление",
    "intensity": "Надавливание",
    "conduct": "Во время массажа",
    "aftercare": "После массажа",
    "safety": "Безопасность",
}
RU_PHASES = {
    "prepare": "Подготовка",
    "warm_up": "Разогрев",
    "main": "Основная часть",
    "points": "Работа с точками",
    "finish": "Завершение",
}
RU_EFFECTS = {"calming": "успокаивает", "neutral": "нейтрально", "stimulating": "бодрит"}
RU_PROPERTIES = {
    "heat": "тепло",
    "vigorous": "интенсивные движения",
    "sitting_up": "положение сидя",
    "drink": "питьё",
    "scents": "ароматы",
    "weight_bearing": "стоя на ногах",
}
RU_RECORD_KINDS = {
    "sources": "Источники",
    "styles": "Виды массажа",
    "techniques": "Приёмы",
    "regions": "Области стопы",
    "zones": "Зоны",
    "points": "Точки",
    "conditions": "Противопоказания",
    "goals": "Цели",
    "claims": "Утверждения",
    "rules": "Правила",
    "routines": "Методики",
    "devices": "Приспособления",
    "prices": "Цены",
    "exercises": "Упражнения",
}
RU_NOTICES = {
    "not_medical_advice": "Не медицинская консультация.",
    "not_a_diagnosis": (
        "Соответствие рефлекторной зоны органу — традиционное представление, а не диагноз."
    ),
    "not_diagnoses": (
        "Соответствия рефлекторных зон органам — традиционные представления, а не диагнозы."
    ),
}

# schema.Foot: where a step or a zone is. "none": a step done off the feet (getting ready).
FEET = _table(
    "feet",
    ("left", "Left foot"),
    ("right", "Right foot"),
    ("both", "Both feet"),
    ("none", "Neither foot"),
    ru=RU_FEET,
)
# schema.View: the four views of the foot map (DESIGN.md: "sole, top, inner and outer edge").
VIEWS = _table(
    "views",
    ("sole", "Sole"),
    ("top", "Top"),
    ("inner", "Inner edge"),
    ("outer", "Outer edge"),
    ru=RU_VIEWS,
)
# The map's tabs: short enough for one row each on a phone (the views and the feet, and both).
MAP_TABS = _table(
    "map_tabs",
    ("sole", "Sole"),
    ("top", "Top"),
    ("inner", "Inner"),
    ("outer", "Outer"),
    ("all", "All"),
    ("left", "Left"),
    ("right", "Right"),
    ("both", "Both"),
    ru=RU_MAP_TABS,
)
# The map's layers that can be switched on over the Western chart (footmap.request.Layer).
MAP_LAYERS = _table(
    "map_layers",
    ("guides", "Guide lines"),
    ("longitudinal", "The ten longitudinal zones"),
    ru=RU_MAP_LAYERS,
)
# The transverse lines every Western chart is drawn on (footmap.outline.GuideLine).
GUIDE_LINES = _table(
    "guide_lines",
    ("shoulder", "Shoulder line"),
    ("diaphragm", "Diaphragm line"),
    ("waist", "Waistline"),
    ("pelvic", "Pelvic line"),
    ru=RU_GUIDE_LINES,
)
# schema.Evidence, best first: the badge beside every claim and goal.
EVIDENCE = _table(
    "evidence",
    ("supported", "supported"),
    ("limited", "limited"),
    ("traditional", "traditional"),
    ("refuted", "refuted"),
    ru=RU_EVIDENCE,
)
# What each level means (DESIGN.md, "Honesty is a feature"); shown beside every badge.
EVIDENCE_MEANINGS = _table(
    "evidence_meanings",
    ("supported", "Systematic reviews or meta-analyses find a benefit"),
    ("limited", "Small or low-quality trials suggest a benefit"),
    ("traditional", "A belief of reflexology or traditional Chinese medicine, no trial support"),
    ("refuted", "Contradicted by evidence or by anatomy and physiology"),
    ru=RU_EVIDENCE_MEANINGS,
)
# How a level is said inside a step's "why" ("Serves your goals: sleep (a traditional belief)").
EVIDENCE_PHRASES = _table(
    "evidence_phrases",
    ("supported", "supported by reviews of trials"),
    ("limited", "small trials suggest it"),
    ("traditional", "a traditional belief"),
    ("refuted", "not borne out by evidence"),
    ru=RU_EVIDENCE_PHRASES,
)
# schema.Intensity: the pressure of a step (the advice that goes with each is planner.explain's).
INTENSITIES = _table(
    "intensities", ("light", "light"), ("medium", "medium"), ("firm", "firm"), ru=RU_INTENSITIES
)
# schema.Direction: which way a step's strokes or circles go.
DIRECTIONS = _table(
    "directions",
    ("clockwise", "clockwise"),
    ("counterclockwise", "counterclockwise"),
    ("toward_ankle", "toward the ankle"),
    ("none", "any direction"),
    ru=RU_DIRECTIONS,
)
# schema.Performer: who gives the massage, as the person planning chooses it.
PERFORMERS = _table(
    "performers",
    ("self", "I massage my own feet"),
    ("partner", "A partner massages them"),
    ("therapist", "A therapist"),
    ru=RU_PERFORMERS,
)
# safety.questionnaire.Receiver: whose feet will be massaged; the questions follow the choice.
RECEIVERS = _table("receivers", ("self", "Me"), ("other", "Someone else"), ru=RU_RECEIVERS)
# practice.schemas.FindingKind: what a practitioner marks on a client's foot chart.
FINDING_KINDS = _table(
    "finding_kinds",
    ("pain", "Pain"),
    ("tension", "Tension"),
    ("callus", "Callus"),
    ("lesion", "Skin lesion or wound"),
    ("do_not_touch", "Do not touch"),
    ru=RU_FINDING_KINDS,
)
# The words a library page uses for a record's fields and enumerated values (web.home.
# record_view): no raw field name, id, True or None ever reaches a reader.
RECORD_FIELDS = _table(
    "record_fields",
    ("quote", "The article's words"),
    ("quote_ru", "In Russian, translated back from the English"),
    ("citation", "Citation"),
    ("ref", "Reference"),
    ("url", "Link"),
    ("seen", "Checked against the original"),
    ("finding", "What it found"),
    ("features", "What sets it apart"),
    ("performers", "Who gives it"),
    ("min_minutes", "Shortest session"),
    ("typical_minutes", "Usual length"),
    ("max_intensity", "Firmest pressure"),
    ("needs_specialist", "Needs a trained specialist"),
    ("claims", "Claims"),
    ("hand_parts", "Part of the hand"),
    ("direction", "Direction"),
    ("repetitions", "How many times"),
    ("default_intensity", "Usual pressure"),
    ("views", "Seen on the map"),
    ("on_leg", "On the leg"),
    ("region", "Part of the foot"),
    ("scheme", "Chart"),
    ("foot", "Foot"),
    ("view", "View"),
    ("corresponds_to", "Said to correspond to"),
    ("organs", "Organs"),
    ("disagrees_with", "Other charts put it elsewhere"),
    ("disagreement", "How the charts differ"),
    ("zone", "Zone"),
    ("article_step", "Step in the article"),
    ("who_code", "Standard code"),
    ("match", "How well the two agree"),
    ("match_note", "Why"),
    ("claimed_for", "What the article claims"),
    ("pregnancy_light_only", "In pregnancy: light touch only"),
    ("pinyin", "Name (pinyin)"),
    ("name", "Name in English"),
    ("meridian", "Meridian"),
    ("traditional_uses", "Traditionally used for"),
    ("nearest", "Nearest standard points"),
    ("cautions", "Cautions"),
    ("condition", "When"),
    ("sources", "Sources"),
    ("text", "What to do"),
    ("question", "The question"),
    ("kind", "Kind"),
    ("verdict", "Verdict"),
    ("effect", "Effect"),
    ("see_doctor", "Ask a doctor"),
    ("urgency", "How soon"),
    ("rules_out_styles", "Rules out these styles"),
    ("no_point_work", "No point work"),
    ("icd10", "ICD-10 code"),
    ("red_flag", "A warning sign"),
    ("avoid_targets", "Keep off"),
    ("rules_out", "Rules out"),
    ("max_minutes", "Longest session"),
    ("needs_other_performer", "Someone else must give the massage"),
    ("article_wording", "The article's words"),
    ("asks_first", "Asks first about"),
    ("evidence", "Evidence"),
    ("rationale", "Why this level"),
    ("goals", "Goals"),
    ("category", "Kind of rule"),
    ("article_number", "Rule in the article"),
    ("styles", "Only for these styles"),
    ("amount", "Amount"),
    ("style", "Style"),
    ("devices", "Needs"),
    ("stated_minutes", "The article's time"),
    ("per_foot", "Done on each foot"),
    ("length", "Length"),
    ("home_made", "Home-made"),
    ("price", "Price"),
    ("year", "Year"),
    ("depends_on", "Depends on"),
    ("phase", "Part of the session"),
    ("technique", "Technique"),
    ("target", "Where"),
    ("time", "Time"),
    ("intensity", "Pressure"),
    ("equipment", "Needs"),
    ("purpose", "What it is for"),
    ru=RU_RECORD_FIELDS,
)
# schema.ConditionKind, in plain words: what the kind of a contraindication means.
CONDITION_KINDS = _table(
    "condition_kinds",
    ("absolute", "Never: an absolute contraindication"),
    ("relative", "Only with care, or once a doctor agrees: a relative contraindication"),
    ("local", "Only away from the place: a local contraindication"),
    ("temporary", "Not now, while it lasts: a temporary contraindication"),
    ru=RU_CONDITION_KINDS,
)
# A verdict's badge in a terminal or beside a finding: one or two words, and "not checked"
# for a check whose questions were not answered (safety.advice.badge).
VERDICT_BADGES = _table(
    "verdict_badges",
    ("ok", "ok"),
    ("adapt", "adapt"),
    ("postpone", "postpone"),
    ("avoid", "avoid"),
    ("not_checked", "not checked"),
    ru={
        "ok": "можно",
        "adapt": "с изменениями",
        "postpone": "отложить",
        "avoid": "не делать",
        "not_checked": "не проверено",
    },
)
# schema.ConditionKind as the tag beside a finding ("relative").
CONDITION_KIND_TAGS = _table(
    "condition_kind_tags",
    ("absolute", "absolute"),
    ("relative", "relative"),
    ("local", "local"),
    ("temporary", "temporary"),
    ru={
        "absolute": "абсолютное",
        "relative": "относительное",
        "local": "местное",
        "temporary": "временное",
    },
)
# schema.Verdict: what the safety check says (the badge words).
VERDICTS = _table(
    "verdicts",
    ("ok", "OK"),
    ("adapt", "Adapt: massage with changes"),
    ("postpone", "Postpone: not today"),
    ("avoid", "Avoid foot massage"),
    ru=RU_VERDICTS,
)
URGENCIES = _table(
    "urgencies",
    ("none", "No doctor needed for this"),
    ("routine", "At a routine visit"),
    ("soon", "Within a few days"),
    ("urgent", "Today"),
    ("emergency", "At once: an emergency"),
    ru=RU_URGENCIES,
)
HAND_PARTS = _table(
    "hand_parts",
    ("thumb", "thumb"),
    ("fingers", "fingers"),
    ("fingertips", "fingertips"),
    ("palm", "palm"),
    ("palm_heel", "heel of the palm"),
    ("palm_edge", "edge of the palm"),
    ("knuckles", "knuckles"),
    ("fist", "fist"),
    ("both_hands", "both hands"),
    ("elbow", "elbow"),
    ("knee", "knee"),
    ("foot", "foot"),
    ("device", "a device"),
    ru=RU_HAND_PARTS,
)
POINT_MATCHES = _table(
    "point_matches",
    ("strong", "They agree"),
    ("good", "Close"),
    ("loose", "Roughly"),
    ("disagrees", "They disagree"),
    ("none", "No standard point to compare"),
    ru=RU_POINT_MATCHES,
)
# schema.Meridian: the channel of Chinese medicine a standard point lies on.
MERIDIANS = _table(
    "meridians",
    ("kidney", "Kidney meridian"),
    ("liver", "Liver meridian"),
    ("spleen", "Spleen meridian"),
    ("stomach", "Stomach meridian"),
    ("gallbladder", "Gallbladder meridian"),
    ("bladder", "Bladder meridian"),
    ru=RU_MERIDIANS,
)
SOURCE_KINDS = _table(
    "source_kinds",
    ("article", "The article"),
    ("review", "A systematic review"),
    ("meta_analysis", "A meta-analysis"),
    ("trial", "A trial"),
    ("guideline", "A clinical guideline"),
    ("reference", "A reference work"),
    ("web", "A web page"),
    ru=RU_SOURCE_KINDS,
)
SOURCE_SEEN = _table(
    "source_seen",
    ("seen", "Yes"),
    ("partial", "In part"),
    ("unverified", "Not yet"),
    ru=RU_SOURCE_SEEN,
)
RULE_CATEGORIES = _table(
    "rule_categories",
    ("environment", "The room and the mood"),
    ("preparation", "Getting ready"),
    ("timing", "When"),
    ("technique", "Technique"),
    ("direction", "Direction"),
    ("intensity", "Pressure"),
    ("conduct", "During the massage"),
    ("aftercare", "Afterwards"),
    ("safety", "Safety"),
    ru=RU_RULE_CATEGORIES,
)
PHASES = _table(
    "phases",
    ("prepare", "Getting ready"),
    ("warm_up", "Warm-up"),
    ("main", "Main part"),
    ("points", "Point work"),
    ("finish", "Finish"),
    ru=RU_PHASES,
)
EFFECTS = _table(
    "effects",
    ("calming", "calming"),
    ("neutral", "neutral"),
    ("stimulating", "stimulating"),
    ru=RU_EFFECTS,
)
PROPERTIES = _table(
    "properties",
    ("heat", "heat"),
    ("vigorous", "vigorous movements"),
    ("sitting_up", "sitting up"),
    ("drink", "a drink"),
    ("scents", "scents"),
    ("weight_bearing", "standing on the feet"),
    ru=RU_PROPERTIES,
)
# The kinds of record (schema.KINDS) as a heading names them: the library, `plantar overview`.
RECORD_KINDS = _table(
    "record_kinds",
    ("sources", "Sources"),
    ("styles", "Styles"),
    ("techniques", "Techniques"),
    ("regions", "Regions"),
    ("zones", "Zones"),
    ("points", "Points"),
    ("conditions", "Conditions"),
    ("goals", "Goals"),
    ("claims", "Claims"),
    ("rules", "Rules"),
    ("routines", "Routines"),
    ("devices", "Devices"),
    ("prices", "Prices"),
    ("exercises", "Exercises"),
    ru=RU_RECORD_KINDS,
)
# The honest small print, said the same way on every surface.
NOTICES = _table(
    "notices",
    ("not_medical_advice", "Not medical advice."),
    # Under one zone or point: the map, the library, `kb show`, the FHIR export.
    ("not_a_diagnosis", "A reflex correspondence is a traditional belief, not a diagnosis."),
    # Under the whole: help texts, plans, printouts, the map and the foot chart.
    ("not_diagnoses", "Reflex-zone correspondences are traditional beliefs, not diagnoses."),
    ru=RU_NOTICES,
)

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        FEET,
        VIEWS,
        MAP_TABS,
        MAP_LAYERS,
        GUIDE_LINES,
        EVIDENCE,
        EVIDENCE_MEANINGS,
        EVIDENCE_PHRASES,
        INTENSITIES,
        RECEIVERS,
        DIRECTIONS,
        PERFORMERS,
        FINDING_KINDS,
        NOTICES,
        RECORD_FIELDS,
        RECORD_KINDS,
        CONDITION_KINDS,
        CONDITION_KIND_TAGS,
        VERDICTS,
        VERDICT_BADGES,
        URGENCIES,
        HAND_PARTS,
        POINT_MATCHES,
        MERIDIANS,
        SOURCE_KINDS,
        SOURCE_SEEN,
        RULE_CATEGORIES,
        PHASES,
        EFFECTS,
        PROPERTIES,
    )
}

NOT_MEDICAL_ADVICE = NOTICES.label("not_medical_advice")
NOT_A_DIAGNOSIS = NOTICES.label("not_a_diagnosis")
NOT_DIAGNOSES = NOTICES.label("not_diagnoses")


def label(table: Table | str, value: str, lang: str | None = None) -> str:
    """The display text of ``value`` in ``table`` (a ``Table`` or its name), in ``lang``."""
    return (TABLES[table] if isinstance(table, str) else table).label(value, lang)
