"""Every page in Russian reads as Russian: no English word is left in what a person reads (text,
titles, labels, alternative texts, placeholders) but codes (KI1), the brand and the names of
formats, keys and commands; English quoted on purpose is marked ``lang="en"``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from plantar.knowledge import load
from plantar.knowledge.schema import Source
from plantar.web.app import create_app
from web_practice_support import CONFIRM_ALL, Records, Visitor

# Words that are not English prose: codes (KI1, ST44), the brand, formats and standards, keys.
ALLOWED = re.compile(
    r"(?:[A-Z]{1,3}\d+[a-z]?|[A-Z]{2,6}|plantar|PDF|CSV|JSON|FHIR|ICS|API|HTTP|HTTPS|SOAP|WHO|ISO|QR|"
    r"Enter|Esc|Tab|Ctrl|Wi-Fi|UTC|ID|SVG|PNG|OK)"
)
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
SKIPPED = ("script", "style", "code", "kbd", "samp", "pre")


class Reader(HTMLParser):
    """The text a person reads on a page, without what is marked as another language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from this reading)
        self.read: list[str] = []

    def hidden(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        other_language = named.get("lang") not in (None, "ru")
        void = tag in {"input", "img", "br", "meta", "link", "hr", "source", "area", "wbr"}
        if not void:
            self.stack.append((tag, tag in SKIPPED or other_language))
        if self.hidden() or other_language:
            return
        for key in ATTRIBUTES:
            if named.get(key):
                self.read.append(str(named[key]))
        if tag == "input" and named.get("type") in ("submit", "button") and named.get("value"):
            self.read.append(str(named["value"]))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden():
            self.read.append(data)


def english_left(page: str) -> list[str]:
    """The Latin words of three letters or more a reader meets on ``page``."""
    reader = Reader()
    reader.feed(page)
    # What was typed, as an error names it ('nowhere'), is the reader's own word.
    text = ECHOED.sub(" ", WEB_ADDRESS.sub(" ", " ".join(reader.read)))
    words = re.findall(LATIN_WORD, text)
    return sorted({w for w in words if not ALLOWED.fullmatch(w) and w not in NAMES})


KB = load()
LATIN_WORD = r"[A-Za-z][A-Za-z'’-]{2,}"
ECHOED = re.compile(r"'[^'\s]+'")
WEB_ADDRESS = re.compile(r"https?://\S+|\S+\.(?:org|com|ru|net|edu|gov|info)\b\S*")
# Names a Russian reference keeps in their own letters: the authors, journals, publishers and
# sites the sources' Russian titles name; and the Latin term the glossary writes in brackets.
NAMES = {
    w
    for s in KB.all(Source)
    for text in (s.title, s.finding)
    if text is not None
    for w in re.findall(LATIN_WORD, text.ru)
} | {
    "hallux",
    "valgus",
}
HOME = [
    "/",
    "/start",
    "/start?step=1&receiver=other",
    "/start?step=8&receiver=self&conditions=skin_lesion",
    "/start?step=9&receiver=self&answered=1&age=40",
    "/start?step=9&receiver=self&answered=1&conditions=fever",
    "/safety",
    "/safety?asked=1&answered=1&conditions=diabetes&age=60",
    "/safety?asked=1&answered=1&conditions=pregnancy&conditions=varicose_veins",
    "/plan",
    "/plan?goals=sleep&minutes=15&answered=1",
    "/plan?goals=sleep&minutes=15",
    "/plan?goals=swelling&minutes=20&answered=1&conditions=diabetes",
    "/plan?routine=routine_acupressure&answered=1",
    "/plan?routine=routine_self&answered=1&receiver=other",
    "/player?goals=sleep&minutes=15&answered=1",
    "/map",
    "/library",
    "/offline",
    "/journal",
    "/login",
    "/library/nowhere",
    "/plan?minutes=abc",
    *(f"/library/{kind}" for kind in ("styles", "techniques", "routines", "claims", "conditions")),
    *(f"/library/{kind}" for kind in ("rules", "points", "zones", "goals", "devices", "sources")),
]
RECORDS = [f"/library/{record_id}" for record_id in KB.ids()]


@pytest.fixture(scope="module")
def client() -> TestClient:
    http = TestClient(create_app())
    http.cookies.set("plantar_lang", "ru")
    return http


@pytest.mark.parametrize("path", HOME)
def test_a_home_page_in_russian_has_no_english_left(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert '<html lang="ru">' in page.text, path
    assert english_left(page.text) == [], path


def test_every_library_record_in_russian_has_no_english_left(client: TestClient) -> None:
    left = {}
    for path in RECORDS:
        if found := english_left(client.get(path).text):
            left[path] = found
    assert left == {}


def russian_records(practitioner: Visitor) -> Records:
    """``Records``, as a Russian practitioner types them (what a person types is their own)."""
    client = practitioner.created("/api/v1/clients", {"name": "Пётр", "consent": True})
    visit = practitioner.created(
        f"/api/v1/clients/{client}/visits",
        {"style": "classical", "pain_before": 6, "subjective": "устали ноги"},
    )
    intake = {"conditions": ["varicose_veins"]}
    assert practitioner.post(f"/api/v1/visits/{visit}/intake", intake).status_code == 201
    finding = practitioner.created(
        f"/api/v1/visits/{visit}/chart",
        {"target": "arch", "side": "left", "kind": "pain", "intensity": 7},
    )
    signed = practitioner.created(f"/api/v1/clients/{client}/visits", {"pain_before": 4})
    assert practitioner.post(f"/api/v1/visits/{signed}/sign", CONFIRM_ALL).status_code == 200
    addendum = {"reason": "опечатка", "text": "боль была 3"}
    assert practitioner.post(f"/api/v1/visits/{signed}/addenda", addendum).status_code == 201
    course = practitioner.created(
        f"/api/v1/clients/{client}/courses",
        {"title": "Десять сеансов", "sessions_planned": 10, "price_total": "15000"},
    )
    return Records(client, visit, finding, signed, course)


def test_the_practice_pages_in_russian_have_no_english_left(as_alice: Visitor) -> None:
    # A practitioner working in Russian: a stored screening keeps the words it was made in.
    as_alice.http.cookies.set("plantar_lang", "ru")
    records = russian_records(as_alice)
    paths = [
        "/practice",
        "/practice/clients/new",
        "/practice/journal",
        "/practice/prices",
        "/practice/account",
        f"/practice/clients/{records.client}",
        f"/practice/clients/{records.client}/timeline",
        f"/practice/clients/{records.client}/edit",
        f"/practice/visits/{records.visit}",
        f"/practice/visits/{records.visit}/intake",
        f"/practice/visits/{records.visit}/chart",
        f"/practice/visits/{records.visit}/plan",
        f"/practice/visits/{records.signed_visit}",
    ]
    left = {}
    for path in paths:
        page = as_alice.get(path)
        assert page.status_code == 200, (path, page.status_code)
        if found := english_left(page.text):
            left[path] = found
    assert left == {}


def test_the_reader_skips_what_is_marked_english_and_reads_attributes() -> None:
    page = (
        '<p>Привет <q lang="en">Foot massage</q> <img alt="A foot"> KI1 plantar</p>'
        "<script>var english = 'words';</script>"
    )
    assert english_left(page) == ["foot"]
