"""``plantar screen``: JSON shape, report, exit statuses, and the --ask questionnaire."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from click.testing import Result

from plantar.knowledge import KnowledgeBase
from plantar.safety.questionnaire import questions

Run = Callable[..., Result]


def _json(result: Result) -> dict[str, object]:
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_it_prints_the_design_json_and_exits_0_when_all_is_well(run: Run) -> None:
    result = run("screen", "--age", "35", "--json")
    assert result.exit_code == 0
    data = _json(result)
    assert data["verdict"] == "ok"
    assert data["findings"] == []
    assert {"see_doctor", "avoid_zones", "allowed_styles", "notes"} <= set(data)


def test_it_exits_0_for_adapt_with_findings_that_name_their_sources(run: Run) -> None:
    result = run(
        "screen", "--condition", "pregnancy", "--style", "relaxing", "--lesion-zone", "heel",
        "--performer", "partner", "--json",
    )  # fmt: skip
    assert result.exit_code == 0
    data = _json(result)
    assert data["verdict"] == "adapt"
    assert data["allowed_styles"] == ["relaxing"]
    assert "heel" in data["avoid_zones"]  # type: ignore[operator]
    findings = data["findings"]
    assert isinstance(findings, list)
    assert {f["condition"] for f in findings} == {"pregnancy", "skin_lesion"}
    for finding in findings:
        assert set(finding) >= {"condition", "kind", "effect", "sources"}
        assert finding["sources"]


@pytest.mark.parametrize(
    "args",
    [
        ("--condition", "fever"),
        ("--minutes-since-meal", "10"),
        ("--condition", "thrombosis"),
        ("--condition", "diabetes", "--style", "acupressure"),
        ("--age", "0", "--style", "reflexology"),
    ],
)
def test_it_exits_3_when_massage_is_not_advised_now(run: Run, args: tuple[str, ...]) -> None:
    result = run("screen", *args, "--json")
    assert result.exit_code == 3
    assert _json(result)["verdict"] in {"postpone", "avoid"}


@pytest.mark.parametrize(
    ("args", "named", "valid"),
    [
        (("--condition", "flu"), "'flu'", "acute_infection"),
        (("--style", "swedish"), "'swedish'", "acupressure, classical"),
        (("--performer", "robot"), "'robot'", "partner, self, therapist"),
        (("--age", "-4"), "-4", "from 0 to 120"),
        (("--age", "250"), "250", "from 0 to 120"),
        (("--minutes-since-meal", "-1"), "-1", "0 or more"),
        (("--lesion-zone", "knee"), "'knee'", "heel"),
        (("--age", "old"), "'old'", "integer"),
    ],
)
def test_it_exits_2_naming_the_bad_value_and_the_valid_ones(
    run: Run, args: tuple[str, ...], named: str, valid: str
) -> None:
    result = run("screen", *args, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert named in result.stderr
    assert valid in result.stderr
    assert "Traceback" not in result.output


def test_its_report_gives_verdict_reasons_sources_advice_and_a_disclaimer(run: Run) -> None:
    result = run("screen", "--condition", "varicose_veins", "--condition", "fever")
    assert result.exit_code == 3
    text = " ".join(result.stdout.split())  # rich wraps lines
    assert "POSTPONE" in text
    assert "Varicose veins (mild)" in text
    assert "(local, adapt)" in text
    assert "Sources: Article: the general list of contraindications" in text
    assert "What to do" in text
    assert "Keep off: Calf and Shin" in text
    assert "not medical advice" in text


def test_its_report_says_when_to_see_a_doctor(run: Run) -> None:
    result = run("screen", "--condition", "calf_swelling_one_side")
    text = " ".join(result.stdout.split())
    assert "AVOID" in text
    assert "See a doctor: today" in text


def _answers(kb: KnowledgeBase, yes: set[str], age: str = "", minutes: str = "") -> str:
    lines = []
    for question in questions(kb):
        if question.answer == "yes_no":
            lines.append("y" if question.key in yes else "n")
            if question.key in yes and question.where:
                lines.append("heel")
        else:
            lines.append(age if question.key == "age" else minutes)
    return "\n".join(lines) + "\n"


def test_ask_takes_piped_answers_one_per_line(run: Run, kb: KnowledgeBase) -> None:
    answers = _answers(kb, {"pregnancy", "skin_lesion"}, age="30", minutes="90")
    result = run("screen", "--ask", "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    data = _json(result)
    assert data["verdict"] == "adapt"
    assert {f["condition"] for f in data["findings"]} == {"pregnancy", "skin_lesion"}  # type: ignore[attr-defined]
    assert "heel" in data["avoid_zones"]  # type: ignore[operator]
    assert "Warning signs first" in result.stderr  # the questions go to standard error


def test_ask_takes_an_empty_answer_as_no(run: Run, kb: KnowledgeBase) -> None:
    blank = "".join("\n" for _ in questions(kb))
    result = run("screen", "--ask", "--json", input=blank)
    assert result.exit_code == 0, result.stderr
    data = _json(result)
    assert data["findings"] == []
    assert data["checked"] is True
    assert "Enter means no" in result.stderr


SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


def test_ask_for_someone_else_speaks_of_them_throughout(run: Run, kb: KnowledgeBase) -> None:
    blank = "".join("\n" for _ in questions(kb))
    result = run("screen", "--ask", "--receiver", "other", "--json", input=blank)
    assert result.exit_code == 0, result.stderr
    asked = [q.text for q in questions(kb, "other")]
    assert all(text in result.stderr for text in asked)
    # Only the help about answering ("if you are not sure", "you will massage") speaks to the
    # person at the keyboard; no question about the receiver does.
    assert [t for t in asked if SECOND_PERSON.search(t.replace("you will massage", ""))] == []
    assert "Answer for the person whose feet you will massage" in result.stderr
    assert "How they are today" in result.stderr


def test_ask_for_oneself_says_you_throughout(run: Run, kb: KnowledgeBase) -> None:
    blank = "".join("\n" for _ in questions(kb))
    result = run("screen", "--ask", "--json", input=blank)
    assert "Answer for yourself" in result.stderr
    assert re.search(r"\bthey\b|\btheir\b", " ".join(q.text for q in questions(kb))) is None


def test_ask_names_a_bad_receiver_and_the_valid_ones(run: Run) -> None:
    result = run("screen", "--ask", "--receiver", "partner")
    assert result.exit_code == 2
    assert "'partner'" in result.stderr
    assert "'other'" in result.stderr


def test_ask_turns_the_age_and_meal_answers_into_findings(run: Run, kb: KnowledgeBase) -> None:
    result = run("screen", "--ask", "--json", input=_answers(kb, set(), age="70", minutes="15"))
    assert result.exit_code == 3
    conditions = {f["condition"] for f in _json(result)["findings"]}  # type: ignore[attr-defined]
    assert conditions == {"older_age", "recent_meal"}


def test_ask_stops_at_an_emergency(run: Run, kb: KnowledgeBase) -> None:
    first = questions(kb)[0]
    assert first.stops
    result = run("screen", "--ask", "--json", input="y\n")
    assert result.exit_code == 3
    data = _json(result)
    assert data["findings"][0]["condition"] == first.key  # type: ignore[index]
    assert "emergency" in result.stderr


def test_ask_without_a_terminal_or_answers_exits_2_and_says_why(run: Run) -> None:
    result = run("screen", "--ask")
    assert result.exit_code == 2
    assert "terminal" in result.stderr
    assert "pipe one answer per line" in result.stderr


def test_ask_rejects_a_bad_piped_answer_naming_it(run: Run) -> None:
    result = run("screen", "--ask", input="perhaps\n")
    assert result.exit_code == 2
    assert "'perhaps'" in result.stderr


def test_ask_checks_the_flags_before_asking(run: Run) -> None:
    result = run("screen", "--ask", "--style", "swedish", input="n\n")
    assert result.exit_code == 2
    assert "Warning signs" not in result.stderr


def _plantar() -> str:
    found = shutil.which("plantar", path=str(Path(sys.executable).parent))
    assert found is not None
    return found


@pytest.mark.slow
def test_ask_in_a_real_terminal_reaches_a_verdict_a_person_understands(
    kb: KnowledgeBase,
) -> None:
    child = pexpect.spawn(
        _plantar(),
        ["screen", "--ask"],
        env={**os.environ, "COLUMNS": "120", "TERM": "dumb"},
        encoding="utf-8",
        timeout=30,
    )
    for question in questions(kb):
        if question.answer == "yes_no":
            child.expect_exact("[y/N/?]")
            if question.key == "diabetes":
                child.sendline("maybe")  # a terminal asks again instead of failing
                child.expect_exact("not sure")
                child.sendline("y")
            else:
                child.sendline("")  # Enter: no
        elif question.key == "age":
            child.expect_exact("Enter to skip")
            child.sendline("45")
        else:
            child.expect_exact("more than an hour ago")
            child.sendline("")
    child.expect_exact("ADAPT")
    child.expect_exact("Diabetes")
    child.expect_exact("Sources:")
    child.expect_exact("not medical advice")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
