"""The code systems our FHIR export uses, and the checks fhir.resources does not make.

fhir.resources validates structure and types but accepts any string as a code. These tables
hold the R4B value sets for the codes we emit (required bindings), and ``check_codes`` walks a
bundle to reject anything outside them, any reference to a resource not in the bundle, and any
plantar code that the knowledge base does not know.

Service types 25 (Massage Therapy) and 29 (Reflexology) are from the HL7 service-type code
system (v4.0.1); LOINC 72514-3 is the 0-10 pain severity score. No SNOMED code is used: none
for massage was found, and SNOMED needs a licence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, get_args

from plantar.i18n import N_, Words
from plantar.knowledge import KnowledgeBase
from plantar.knowledge.schema import PERFORMERS as KNOWN_PERFORMERS
from plantar.practice.schemas import FindingKind
from plantar.safety.verdicts import VERDICTS as SAFETY_VERDICTS

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
# Each display is said in the practice's language (the request's or command's) when a bundle
# is built: its English is the code system's own display, the catalog's key.
PAIN_DISPLAY = N_("Pain severity - 0-10 verbal numeric rating [Score] - Reported")
ICD10 = "http://hl7.org/fhir/sid/icd-10"
SERVICE_TYPE = "http://terminology.hl7.org/CodeSystem/service-type"
ENCOUNTER_CLASS = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
# Our own code systems: ids of the knowledge base and of the practice journal.
PLANTAR = {
    name: f"urn:plantar:{name}"
    for name in ("condition", "style", "performer", "region", "verdict", "finding-kind")
}

SERVICE_TYPES: Mapping[str, str] = Words({"25": N_("Massage Therapy"), "29": N_("Reflexology")})
REFLEXOLOGY_STYLES = frozenset({"reflexology"})

# R4B required bindings, for the elements we fill.
STATUS = {
    "Encounter": frozenset(
        {
            "planned",
            "arrived",
            "triaged",
            "in-progress",
            "onleave",
            "finished",
            "cancelled",
            "entered-in-error",
            "unknown",
        }
    ),
    "Procedure": frozenset(
        {
            "preparation",
            "in-progress",
            "not-done",
            "on-hold",
            "stopped",
            "completed",
            "entered-in-error",
            "unknown",
        }
    ),
    "Observation": frozenset(
        {
            "registered",
            "preliminary",
            "final",
            "amended",
            "corrected",
            "cancelled",
            "entered-in-error",
            "unknown",
        }
    ),
    "QuestionnaireResponse": frozenset(
        {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
    ),
}
CLINICAL = frozenset({"active", "recurrence", "relapse", "inactive", "remission", "resolved"})
VERIFICATION = frozenset(
    {"unconfirmed", "provisional", "differential", "confirmed", "refuted", "entered-in-error"}
)
ACT_CODES = frozenset({"AMB", "HH", "VR"})
TELECOM = frozenset({"phone", "fax", "email", "pager", "url", "sms", "other"})
OBSERVATION_CATEGORIES = frozenset(
    {
        "social-history",
        "vital-signs",
        "imaging",
        "laboratory",
        "procedure",
        "survey",
        "exam",
        "therapy",
        "activity",
    }
)
ICD10_CODE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
VERDICTS = frozenset(SAFETY_VERDICTS)
PERFORMERS = frozenset(KNOWN_PERFORMERS)
FINDING_KINDS = frozenset(get_args(FindingKind))


def service_type(style: str | None) -> tuple[str, str]:
    """The service type's code and its display in the current language."""
    code = "29" if style in REFLEXOLOGY_STYLES else "25"
    return code, SERVICE_TYPES[code]


def _codings(node: Any) -> Iterator[dict[str, Any]]:
    """Every Coding anywhere below ``node`` (a dict with ``system`` and ``code``)."""
    if isinstance(node, dict):
        if "system" in node and "code" in node:
            yield node
        for value in node.values():
            yield from _codings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _codings(value)


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("reference"), str):
            yield node["reference"]
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _references(value)


def _known(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    return {
        PLANTAR["condition"]: frozenset(kb.ids("conditions")),
        PLANTAR["style"]: frozenset(kb.ids("styles")),
        PLANTAR["performer"]: PERFORMERS,
        PLANTAR["region"]: frozenset(kb.ids("regions") + kb.ids("zones") + kb.ids("points")),
        PLANTAR["verdict"]: VERDICTS,
        PLANTAR["finding-kind"]: FINDING_KINDS,
        SERVICE_TYPE: frozenset(SERVICE_TYPES),
        ENCOUNTER_CLASS: ACT_CODES,
        OBSERVATION_CATEGORY: OBSERVATION_CATEGORIES,
        CONDITION_CLINICAL: CLINICAL,
        CONDITION_VERIFICATION: VERIFICATION,
        LOINC: frozenset({PAIN_CODE}),
    }


def check_codes(bundle: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    """Problems with the coded values of a bundle's JSON; empty when all is well."""
    problems: list[str] = []
    known = _known(kb)
    urls = {entry.get("fullUrl") for entry in bundle.get("entry", [])}
    for index, entry in enumerate(bundle.get("entry", [])):
        resource = entry.get("resource", {})
        kind = resource.get("resourceType", "?")
        where = f"entry[{index}] {kind}"
        if kind in STATUS and resource.get("status") not in STATUS[kind]:
            problems.append(f"{where}: status {resource.get('status')!r} is not in the value set")
        for coding in _codings(resource):
            system, code = coding["system"], coding["code"]
            if system == ICD10:
                if not ICD10_CODE.match(code):
                    problems.append(f"{where}: {code!r} is not an ICD-10 code")
            elif system not in known:
                problems.append(f"{where}: unknown code system {system!r}")
            elif code not in known[system]:
                problems.append(f"{where}: {code!r} is not a code of {system}")
        for telecom in resource.get("telecom", []):
            if telecom.get("system") not in TELECOM:
                problems.append(f"{where}: telecom system {telecom.get('system')!r}")
        if kind == "Observation" and "valueInteger" in resource:
            loinc = any(c.get("code") == PAIN_CODE for c in _codings(resource.get("code")))
            if loinc and not 0 <= resource["valueInteger"] <= 10:
                problems.append(f"{where}: pain score {resource['valueInteger']} is not 0-10")
        for reference in _references(resource):
            if reference not in urls:
                problems.append(f"{where}: reference {reference!r} is not in the bundle")
    return problems
