"""Broken data is reported with the file, the line and what is wrong, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantar.knowledge import digest
from plantar.knowledge.problems import KnowledgeError, Problem
from plantar.knowledge.validate import compile_dir


def problems_of(data_dir: Path) -> list[Problem]:
    with pytest.raises(KnowledgeError) as caught:
        compile_dir(data_dir, digest(data_dir))
    return caught.value.problems


def append(data_dir: Path, name: str, text: str) -> int:
    """Append YAML to a data file; return the line number where the addition starts."""
    path = data_dir / name
    existing = path.read_text(encoding="utf-8")
    if existing.strip() == "[]":
        existing = ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + text, encoding="utf-8")
    return existing.count("\n") + 1


def only(problems: list[Problem], file: str) -> list[Problem]:
    return [p for p in problems if p.file.endswith(file)]


def test_the_shipped_knowledge_base_has_no_problems(kb: object) -> None:
    # `kb` loads through the same validator; a problem would raise before we get here.
    assert kb is not None


def test_it_reports_an_unknown_reference_with_its_line(data_copy: Path) -> None:
    start = append(
        data_copy,
        "zones.yaml",
        "- id: zone_test_broken\n"
        "  title: {en: Broken, ru: текст}\n"
        "  region: kneecap\n"
        "  scheme: western\n"
        "  corresponds_to: {en: nothing, ru: текст}\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "zones.yaml")
    assert any(
        p.line == start + 2 and "'kneecap'" in p.message and "regions" in p.message for p in found
    ), found


def test_it_reports_a_duplicate_id_across_kinds(data_copy: Path) -> None:
    start = append(
        data_copy,
        "devices.yaml",
        "- id: arch\n  title: {en: Dup, ru: текст}\n"
        '  how: {en: x, ru: текст}\n  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "devices.yaml")
    assert any(p.line == start and "already used in regions" in p.message for p in found), found


def test_it_reports_a_claim_without_evidence_level(data_copy: Path) -> None:
    start = append(
        data_copy,
        "claims.yaml",
        "- id: claim_test_no_level\n"
        "  text: {en: Massage does something., ru: текст}\n"
        "  rationale: {en: none, ru: текст}\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "claims.yaml")
    assert any(p.line == start and "evidence" in p.message for p in found), found


def test_it_reports_a_claim_without_source(data_copy: Path) -> None:
    start = append(
        data_copy,
        "claims.yaml",
        "- id: claim_test_no_source\n"
        "  text: {en: Massage does something., ru: текст}\n"
        "  evidence: traditional\n"
        "  rationale: {en: none, ru: текст}\n",
    )
    found = only(problems_of(data_copy), "claims.yaml")
    assert any(p.line == start and "sources" in p.message for p in found), found


def test_it_reports_a_study_level_claim_that_cites_no_study(data_copy: Path) -> None:
    start = append(
        data_copy,
        "claims.yaml",
        "- id: claim_test_unbacked\n"
        "  text: {en: Massage cures everything., ru: текст}\n"
        "  evidence: supported\n"
        "  rationale: {en: none, ru: текст}\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "claims.yaml")
    assert any(p.line == start + 2 and "needs a study citation" in p.message for p in found)


def test_it_reports_a_negative_duration_at_the_step(data_copy: Path) -> None:
    start = append(
        data_copy,
        "routines.yaml",
        "- id: routine_test_negative\n"
        "  title: {en: Bad, ru: текст}\n"
        "  summary: {en: Bad, ru: текст}\n"
        "  style: classical\n"
        "  performers: [self]\n"
        "  steps:\n"
        "    - technique: stroking\n"
        "      text: {en: Stroke., ru: текст}\n"
        "      seconds_min: -5\n"
        "      seconds_max: 10\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "routines.yaml")
    assert any(p.line == start + 8 and ">= 0" in p.message for p in found), found


def test_it_reports_an_unknown_key_at_its_own_line(data_copy: Path) -> None:
    start = append(
        data_copy,
        "devices.yaml",
        "- id: device_test_unknown_key\n"
        "  title: {en: Thing, ru: текст}\n"
        "  how: {en: Use it., ru: текст}\n"
        "  colour: red\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "devices.yaml")
    assert any(p.line == start + 3 and "colour" in p.message for p in found), found


def test_it_reports_a_key_written_twice(data_copy: Path) -> None:
    start = append(
        data_copy,
        "devices.yaml",
        "- id: device_test_twice\n"
        "  title: {en: Thing, ru: текст}\n"
        "  how: {en: Use it., ru: текст}\n"
        "  how: {en: Use it again., ru: текст}\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "devices.yaml")
    assert any(p.line == start + 3 and "appears twice" in p.message for p in found), found


def test_it_reports_a_quote_that_is_not_in_the_article(data_copy: Path) -> None:
    start = append(
        data_copy,
        "sources.yaml",
        '- id: "seed:test-invented"\n'
        "  kind: article\n"
        "  title: {en: Invented, ru: текст}\n"
        "  quote: Foot massage cures every disease known to science.\n",
    )
    found = only(problems_of(data_copy), "sources.yaml")
    assert any(p.line == start + 3 and "not found in the article" in p.message for p in found)
    # ... and, with no Russian rendering beside it, that it lacks one.
    assert any(p.line == start + 3 and "'quote_ru'" in p.message for p in found), found


def test_it_reports_broken_yaml_syntax(data_copy: Path) -> None:
    append(data_copy, "prices.yaml", "- id: [unclosed\n")
    found = only(problems_of(data_copy), "prices.yaml")
    assert any("not valid YAML" in p.message for p in found), found


def test_it_reports_every_problem_not_just_the_first(data_copy: Path) -> None:
    append(
        data_copy,
        "devices.yaml",
        "- id: device_test_a\n  title: {en: A, ru: текст}\n"
        '  how: {en: x, ru: текст}\n  sources: ["nowhere_a"]\n'
        "- id: device_test_b\n  title: {en: B, ru: текст}\n"
        '  how: {en: x, ru: текст}\n  sources: ["nowhere_b"]\n',
    )
    messages = " ".join(p.message for p in only(problems_of(data_copy), "devices.yaml"))
    assert "nowhere_a" in messages
    assert "nowhere_b" in messages


def test_an_unmapped_article_item_fails_the_checklist(data_copy: Path) -> None:
    coverage = data_copy / "coverage.yaml"
    lines = coverage.read_text(encoding="utf-8").splitlines(keepends=True)
    # Drop the first entry (every entry starts with "- section:").
    starts = [i for i, line in enumerate(lines) if line.startswith("- section:")]
    assert len(starts) > 1
    dropped = "".join(lines[starts[0] : starts[1]])
    coverage.write_text("".join(lines[: starts[0]] + lines[starts[1] :]), encoding="utf-8")
    found = only(problems_of(data_copy), "coverage.yaml")
    assert any("not in the checklist" in p.message for p in found), (dropped, found)


def test_a_problem_prints_as_file_colon_line() -> None:
    assert str(Problem("data/zones.yaml", 12, "bad")) == "data/zones.yaml:12: bad"


def test_it_reports_a_supported_claim_backed_only_by_a_single_trial(data_copy: Path) -> None:
    append(
        data_copy,
        "sources.yaml",
        "- id: test_single_trial\n"
        "  kind: trial\n"
        "  title: {en: One trial, ru: текст}\n"
        "  citation: Somebody 2020\n",
    )
    start = append(
        data_copy,
        "claims.yaml",
        "- id: claim_test_overstated\n"
        "  text: {en: Massage cures everything., ru: текст}\n"
        "  evidence: supported\n"
        "  rationale: {en: one trial, ru: текст}\n"
        '  sources: ["seed:benefits", test_single_trial]\n',
    )
    found = only(problems_of(data_copy), "claims.yaml")
    assert any(p.line == start + 2 and "systematic review" in p.message for p in found), found


def test_it_reports_conditions_that_imply_each_other(data_copy: Path) -> None:
    start = append(
        data_copy,
        "conditions.yaml",
        "- id: test_loop_a\n"
        "  title: {en: A, ru: текст}\n"
        "  question: {en: A?, ru: текст}\n"
        "  kind: relative\n"
        "  verdict: adapt\n"
        "  effect: {en: a, ru: текст}\n"
        "  implied_by:\n"
        "    - when: [test_loop_b, fever]\n"
        "      because: {en: b with fever, ru: текст}\n"
        '  sources: ["seed:benefits"]\n'
        "- id: test_loop_b\n"
        "  title: {en: B, ru: текст}\n"
        "  question: {en: B?, ru: текст}\n"
        "  kind: relative\n"
        "  verdict: adapt\n"
        "  effect: {en: b, ru: текст}\n"
        "  implied_by:\n"
        "    - when: [test_loop_a, fever]\n"
        "      because: {en: a with fever, ru: текст}\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "conditions.yaml")
    cycles = [p for p in found if "cycle" in p.message]
    assert {p.line for p in cycles} == {start + 7, start + 17}, found


def test_it_reports_an_implication_naming_an_unknown_condition(data_copy: Path) -> None:
    start = append(
        data_copy,
        "conditions.yaml",
        "- id: test_implied\n"
        "  title: {en: T, ru: текст}\n"
        "  question: {en: T?, ru: текст}\n"
        "  kind: relative\n"
        "  verdict: adapt\n"
        "  effect: {en: t, ru: текст}\n"
        "  implied_by:\n"
        "    - when: [diabetes, gangrene]\n"
        "      because: {en: diabetes with gangrene, ru: текст}\n"
        '  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "conditions.yaml")
    assert any(p.line == start + 7 and "'gangrene'" in p.message for p in found), found


def test_a_question_saying_you_needs_its_twin_about_someone_else(data_copy: Path) -> None:
    path = data_copy / "conditions.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    fever_twin = next(
        i for i, line in enumerate(lines) if "(fever) today?" in line and "they" in line
    )
    del lines[fever_twin]
    diabetes_twin = next(i for i, line in enumerate(lines) if "Do they have diabetes (of" in line)
    lines[diabetes_twin] = lines[diabetes_twin].replace("Do they", "Do you")
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [p.message for p in only(problems_of(data_copy), "conditions.yaml")]
    assert any("give question_other" in m for m in found), found
    assert any("must not say 'you'" in m for m in found), found


def test_at_most_five_rules_are_essential(data_copy: Path) -> None:
    path = data_copy / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: rule_knee_cushion\n")
    cut = text.index("  sources:", start)
    path.write_text(text[:cut] + "  essential: true\n" + text[cut:], encoding="utf-8")
    found = [p.message for p in only(problems_of(data_copy), "rules.yaml")]
    assert len(found) == 1, found
    assert "at most 5 rules are essential" in found[0], found


@pytest.mark.parametrize(
    ("title", "wrong"),
    [
        ("{en: Stroking}", "missing required field `ru`"),
        ('{en: Stroking, ru: ""}', "length >= 1"),
        ("{en: Stroking, ru: Stroking}", "matching regex"),  # English left in place
    ],
)
def test_a_text_without_its_russian_is_reported_at_its_line(
    data_copy: Path, title: str, wrong: str
) -> None:
    start = append(
        data_copy,
        "devices.yaml",
        f"- id: device_test_untranslated\n  title: {title}\n"
        '  how: {en: x, ru: ладонью}\n  sources: ["seed:benefits"]\n',
    )
    found = only(problems_of(data_copy), "devices.yaml")
    assert any(p.line == start + 1 and wrong in p.message for p in found), found
