"""Request and response bodies that are msgspec structs of the domain layers.

The API decodes a JSON body straight into the domain's own request type (``Intake``,
``PlanRequest``), so the CLI and the web validate the same fields the same way, and encodes
the domain's result with ``msgspec.to_builtins`` exactly as the CLI's ``--json`` does. This
module decodes, encodes, and describes those types in the OpenAPI document.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response

from plantar.errors import BadInput, decoding_error
from plantar.i18n import _

T = TypeVar("T")
REF = "#/components/schemas/{name}"
_REGISTERED: list[type[Any]] = []


class JSONBody(Response):
    media_type = "application/json"


def encode(value: Any) -> JSONBody:
    """The JSON of a domain result: the same data as the CLI's ``--json`` (which goes through
    ``msgspec.to_builtins``; encoding the structs directly gives the same bytes, faster)."""
    return JSONBody(msgspec.json.encode(value))


async def decode(request: Request, body_type: type[T]) -> T:
    """Decode the request body into ``body_type``; a bad body is ``BadInput`` (HTTP 422)."""
    raw = await request.body()
    if not raw.strip():
        said = _("{field}: expected a JSON object, got nothing").format(field="body")
        raise BadInput("body", None, message=said)
    try:
        return msgspec.json.decode(raw, type=body_type, strict=True)
    except msgspec.ValidationError as exc:
        raise decoding_error(str(exc)) from None
    except msgspec.DecodeError as exc:
        # msgspec's own words inside the brackets stay as it says them (English).
        said = _("{field}: expected a JSON object ({reason})").format(field="body", reason=exc)
        raise BadInput("body", None, message=said) from None


def schema_ref(struct: type[Any]) -> dict[str, str]:
    """A $ref to ``struct``'s schema, registering it for the OpenAPI components."""
    if struct not in _REGISTERED:
        _REGISTERED.append(struct)
    return {"$ref": REF.format(name=struct.__name__)}


def body_spec(struct: type[Any], example: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema_ref(struct), "example": example}},
        }
    }


def response_spec(struct: type[Any], description: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": description,
            "content": {"application/json": {"schema": schema_ref(struct)}},
        },
        # Described for every operation alike by install_openapi (the one 422 contract).
        422: {"description": BAD_INPUT_DESCRIPTION},
    }


# The body of every 422 (web/errors.py): the same for the public and the practice API.
BAD_INPUT_DESCRIPTION = "Bad input: the message names the bad value and the valid ones"
BAD_INPUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What is wrong, and what is valid"},
        "field": {
            "type": "string",
            "description": "The request field that is bad (body: the body as a whole)",
        },
    },
    "required": ["detail", "field"],
}


def install_openapi(app: FastAPI) -> None:
    """Add the msgspec structs' JSON schemas to the app's OpenAPI components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        _, components = msgspec.json.schema_components(_REGISTERED, ref_template=REF)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(components)
        # One 422 for every operation, in place of FastAPI's default (a list of pydantic
        # errors, which this app never sends).
        schemas["BadInput"] = BAD_INPUT_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        bad_input = {
            "description": BAD_INPUT_DESCRIPTION,
            "content": {"application/json": {"schema": {"$ref": REF.format(name="BadInput")}}},
        }
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                if "422" in operation.get("responses", {}):
                    operation["responses"]["422"] = bad_input
        # FastAPI gives a custom response class a {"type": "string"} schema and merges ours
        # into it; a $ref must stand alone.
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for response in operation.get("responses", {}).values():
                    for content in response.get("content", {}).values():
                        body = content.get("schema", {})
                        if "$ref" in body:
                            content["schema"] = {"$ref": body["$ref"]}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
