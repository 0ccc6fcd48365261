"""A client's record as a FHIR R4B Bundle (type ``collection``), built and validated with
``fhir.resources.R4B``, then checked against our own code tables.

Mapping: client -> Patient; visit -> Encounter, and Procedure when a session took place (the
SOAP note and addenda as notes); pain before/after and each chart finding -> Observation (pain
as LOINC 72514-3, 0-10); conditions answered at intake -> Condition (self-reported, so
"unconfirmed"); each intake -> QuestionnaireResponse with the verdict and, when a doctor
cleared relative contraindications, a "clearance" group (conditions, who, when, note), also
noted on each cleared Condition as the doctor's Annotation.

``fhir.resources`` checks structure, cardinality and types, not coded values (it accepts
``Procedure.status = "bogus"``); ``check_codes`` does that part.

Codes and systems never change; the displays, texts and notes are said in the practice's
language, the current one (``i18n.current()``) of the request or command that exports. A text
naming a record by its id in English (``left arch (sole view)``) offers the translation
its title too (``place``, ``region_title``...): the id stays in the codings.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select
from sqlalchemy.orm import Session

from plantar.i18n import N_, Words, _, pgettext
from plantar.knowledge import KnowledgeBase, load
from plantar.knowledge.schema import Condition
from plantar.knowledge.vocabulary import FEET, FINDING_KINDS, NOTICES, VIEWS
from plantar.practice import audit
from plantar.practice.clients import owned_client
from plantar.practice.columns import utcnow
from plantar.practice.fhir_codes import (
    CONDITION_CLINICAL,
    CONDITION_VERIFICATION,
    ENCOUNTER_CLASS,
    ICD10,
    LOINC,
    OBSERVATION_CATEGORY,
    PAIN_CODE,
    PAIN_DISPLAY,
    PLANTAR,
    SERVICE_TYPE,
    check_codes,
    service_type,
)
from plantar.practice.models import Client, Finding, Intake, User, Visit

_NAMESPACE = uuid.UUID("6f0c1b56-3d7e-4c53-9d8a-2f1d6f3c7a10")


def _url(kind: str, record_id: int) -> str:
    """A stable ``urn:uuid`` per record: exporting twice names the same resources alike."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{record_id}')}"


def _telecom(contact: str) -> list[dict[str, str]]:
    if not contact.strip():
        return []
    if "@" in contact:
        return [{"system": "email", "value": contact.strip()}]
    digits = sum(ch.isdigit() for ch in contact)
    return [{"system": "phone" if digits >= 6 else "other", "value": contact.strip()}]


# The note of the pain reported before and after a session.
PAIN_NOTES = Words({"before": N_("before the session"), "after": N_("after the session")})


def _pain_coding() -> dict[str, str]:
    return {"system": LOINC, "code": PAIN_CODE, "display": _(PAIN_DISPLAY)}


def _pain(subject: str, encounter: str, when: str, value: int, note: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": [_pain_coding()]},
        "subject": {"reference": subject},
        "encounter": {"reference": encounter},
        "effectiveDateTime": when,
        "valueInteger": value,
        "note": [{"text": note}],
    }


def _finding(finding: Finding, subject: str, encounter: str, kb: KnowledgeBase) -> dict[str, Any]:
    site = _("{side} {target} ({view} view)").format(
        side=finding.side,
        target=finding.target,
        view=finding.view,
        foot=FEET.label(finding.side),
        place=kb.title(finding.target),
        seen=VIEWS.label(finding.view).lower(),
    )
    notes = [finding.comment] if finding.comment else []
    if finding.target.startswith("zone_"):
        zone = _("{zone} is a reflex zone inside the {region} region.").format(
            zone=finding.target,
            region=finding.region,
            zone_title=kb.title(finding.target),
            region_title=kb.title(finding.region),
        )
        notes.append(zone + " " + NOTICES["not_a_diagnosis"].text())
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": {
            "coding": [{"system": PLANTAR["finding-kind"], "code": finding.kind}],
            "text": _("foot chart: {kind}").format(kind=FINDING_KINDS.label(finding.kind).lower()),
        },
        "subject": {"reference": subject},
        "encounter": {"reference": encounter},
        "effectiveDateTime": finding.created_at.isoformat(),
        "bodySite": {
            "coding": [{"system": PLANTAR["region"], "code": finding.region}],
            "text": site,
        },
        "valueInteger": finding.intensity,
    }
    if finding.kind == "pain":
        resource["code"]["coding"].insert(0, _pain_coding())
    if notes:
        resource["note"] = [{"text": n} for n in notes]
    return resource


def _site(region: str, kb: KnowledgeBase) -> str:
    """A region named in a body site's text: its id in English, as the export always said it
    (the translation may use its title)."""
    return pgettext("FHIR body site", "{region}").format(
        region=region, region_title=kb.title(region)
    )


def _procedure(
    visit: Visit, subject: str, encounter: str, sites: list[str], kb: KnowledgeBase
) -> dict[str, Any]:
    start = visit.held_at
    end = start + timedelta(minutes=visit.duration_minutes or 0)
    soap = [
        (pgettext("SOAP note", "Subjective"), visit.subjective),
        (pgettext("SOAP note", "Objective"), visit.objective),
        (pgettext("SOAP note", "Assessment"), visit.assessment),
        (pgettext("SOAP note", "Plan"), visit.plan_note),
    ]
    notes = [{"text": f"{title}: {text}"} for title, text in soap if text]
    for addendum in visit.addenda:
        notes.append(
            {
                "text": _("Addendum ({reason}): {text}").format(
                    reason=addendum.reason, text=addendum.text
                ),
                "time": addendum.created_at.isoformat(),
            }
        )
    if visit.style:
        massage = _("foot massage ({style})").format(
            style=visit.style, style_title=kb.title(visit.style)
        )
    else:
        massage = _("foot massage (style not recorded)")
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "status": "completed",
        "code": {"text": massage},
        "subject": {"reference": subject},
        "encounter": {"reference": encounter},
        "performedPeriod": {"start": start.isoformat(), "end": end.isoformat()},
    }
    if sites:
        resource["bodySite"] = [
            {"coding": [{"system": PLANTAR["region"], "code": s}], "text": _site(s, kb)}
            for s in sites
        ]
    if notes:
        resource["note"] = notes
    return resource


def _questionnaire(intake: Intake, subject: str, encounter: str) -> dict[str, Any]:
    answers = intake.answers
    items: list[dict[str, Any]] = []

    def coded(link: str, system: str, codes: list[str]) -> None:
        if codes:
            answer = [{"valueCoding": {"system": system, "code": c}} for c in codes]
            items.append({"linkId": link, "answer": answer})

    coded("conditions", PLANTAR["condition"], list(answers.get("conditions") or []))
    for link in ("age", "minutes_since_meal"):
        if answers.get(link) is not None:
            items.append({"linkId": link, "answer": [{"valueInteger": answers[link]}]})
    coded("style", PLANTAR["style"], [answers["style"]] if answers.get("style") else [])
    coded(
        "performer",
        PLANTAR["performer"],
        [answers["performer"]] if answers.get("performer") else [],
    )
    coded("lesion_zones", PLANTAR["region"], list(answers.get("lesion_zones") or []))
    coded("verdict", PLANTAR["verdict"], [intake.verdict])
    items.append({"linkId": "kb_version", "answer": [{"valueString": intake.kb_version}]})
    items.extend(_clearance_items(intake))
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": {"reference": subject},
        "encounter": {"reference": encounter},
        "authored": intake.created_at.isoformat(),
        "item": items,
    }


def _clearance_items(intake: Intake) -> list[dict[str, Any]]:
    """The doctor's clearance as a group of the QuestionnaireResponse: the conditions it
    covers, who cleared massage, on which day, and the note."""
    if not intake.cleared or intake.cleared_by is None or intake.cleared_on is None:
        return []
    inner: list[dict[str, Any]] = [
        {
            "linkId": "clearance.cleared",
            "text": _("Relative contraindications cleared"),
            "answer": [
                {"valueCoding": {"system": PLANTAR["condition"], "code": c}} for c in intake.cleared
            ],
        },
        {
            "linkId": "clearance.cleared_by",
            "text": _("Cleared by (doctor)"),
            "answer": [{"valueString": intake.cleared_by}],
        },
        {
            "linkId": "clearance.cleared_on",
            "text": _("Cleared on"),
            "answer": [{"valueDate": intake.cleared_on.isoformat()}],
        },
    ]
    if intake.clearance_note:
        inner.append(
            {
                "linkId": "clearance.note",
                "text": _("Doctor's note"),
                "answer": [{"valueString": intake.clearance_note}],
            }
        )
    return [{"linkId": "clearance", "text": _("Doctor's clearance for massage"), "item": inner}]


def build_bundle(session: Session, *, client: Client, kb: KnowledgeBase) -> dict[str, Any]:
    """The FHIR JSON of one client's record (the caller checked ownership)."""
    entries: list[tuple[str, dict[str, Any]]] = []
    patient = _url("client", client.id)
    entries.append(
        (
            patient,
            {
                "resourceType": "Patient",
                "name": [{"text": client.name}],
                **({"birthDate": client.date_of_birth.isoformat()} if client.date_of_birth else {}),
                **({"telecom": _telecom(client.contact)} if _telecom(client.contact) else {}),
            },
        )
    )
    visits = session.scalars(
        select(Visit).where(Visit.client_id == client.id).order_by(Visit.held_at, Visit.id)
    ).all()
    conditions: dict[str, Intake] = {}
    for visit in visits:
        encounter = _url("visit", visit.id)
        start = visit.held_at
        period = {"start": start.isoformat()}
        if visit.duration_minutes:
            period["end"] = (start + timedelta(minutes=visit.duration_minutes)).isoformat()
        code, display = service_type(visit.style)
        entries.append(
            (
                encounter,
                {
                    "resourceType": "Encounter",
                    "status": "finished",
                    "class": {
                        "system": ENCOUNTER_CLASS,
                        "code": "AMB",
                        "display": pgettext("FHIR encounter class", "ambulatory"),
                    },
                    "serviceType": {
                        "coding": [{"system": SERVICE_TYPE, "code": code, "display": display}]
                    },
                    "subject": {"reference": patient},
                    "period": period,
                },
            )
        )
        findings = session.scalars(
            select(Finding).where(Finding.visit_id == visit.id).order_by(Finding.id)
        ).all()
        if visit.duration_minutes or visit.style:
            sites = sorted({f.region for f in findings})
            entries.append(
                (_url("procedure", visit.id), _procedure(visit, patient, encounter, sites, kb))
            )
        for label, value in (("before", visit.pain_before), ("after", visit.pain_after)):
            if value is not None:
                entries.append(
                    (
                        _url(f"pain-{label}", visit.id),
                        _pain(patient, encounter, start.isoformat(), value, PAIN_NOTES[label]),
                    )
                )
        for finding in findings:
            entries.append((_url("finding", finding.id), _finding(finding, patient, encounter, kb)))
        for intake in session.scalars(
            select(Intake).where(Intake.visit_id == visit.id).order_by(Intake.id)
        ):
            entries.append((_url("intake", intake.id), _questionnaire(intake, patient, encounter)))
            for condition in intake.answers.get("conditions") or []:
                conditions[condition] = intake
    for condition_id, intake in sorted(conditions.items()):
        entries.append(
            (
                _url(f"condition-{condition_id}", client.id),
                _condition(condition_id, intake, patient, kb),
            )
        )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": utcnow().isoformat(),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def _condition(
    condition_id: str, intake: Intake, patient: str, kb: KnowledgeBase
) -> dict[str, Any]:
    coding = [{"system": PLANTAR["condition"], "code": condition_id}]
    title = condition_id.replace("_", " ")
    try:
        record = kb.get(Condition, condition_id)
    except KeyError:
        record = None
    if record is not None:
        title = record.title.text()
        if record.icd10:
            coding.insert(0, {"system": ICD10, "code": record.icd10})
    return {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"system": CONDITION_CLINICAL, "code": "active"}]},
        "verificationStatus": {
            "coding": [{"system": CONDITION_VERIFICATION, "code": "unconfirmed"}]
        },
        "code": {"coding": coding, "text": title},
        "subject": {"reference": patient},
        "recordedDate": intake.created_at.isoformat(),
        "note": [
            {"text": _("reported at intake (self-reported, not a diagnosis)")},
            *_clearance_note(condition_id, intake),
        ],
    }


def _clearance_note(condition_id: str, intake: Intake) -> list[dict[str, Any]]:
    """An Annotation by the doctor who cleared massage despite this condition, if one did."""
    if condition_id not in intake.cleared or not intake.cleared_by or not intake.cleared_on:
        return []
    text = _("a doctor cleared massage with this condition; the session is adapted to it")
    if intake.clearance_note:
        text += f" ({intake.clearance_note})"
    return [
        {"authorString": intake.cleared_by, "time": intake.cleared_on.isoformat(), "text": text}
    ]


def export_client_fhir(
    session: Session, *, owner: User, client_id: int, kb: KnowledgeBase | None = None
) -> dict[str, Any]:
    """The client's record as FHIR R4B JSON, validated by fhir.resources and our code checks."""
    kb = kb or load()
    client = owned_client(session, owner=owner, client_id=client_id)
    data = build_bundle(session, client=client, kb=kb)
    validated = Bundle.model_validate(data)
    result: dict[str, Any] = validated.model_dump(mode="json", exclude_none=True)
    problems = check_codes(result, kb)
    if problems:
        raise ValueError("FHIR export failed our code checks: " + "; ".join(problems))
    audit.record(
        session,
        actor=owner,
        action="export",
        entity="client",
        entity_id=client.id,
        client_id=client.id,
        detail="fhir r4b bundle",
    )
    return result
