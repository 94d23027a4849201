"""The hub's OpenAPI schema, served at ``/openapi.json`` (written by hand: the bodies are canonical JSON
and signed headers that ``protocol.hub_api`` reads byte for byte, not models a framework derives)."""

from __future__ import annotations

from typing import Any

from protocol.hub_api import ERROR_CODES, MAX_CHUNK, REQUEST_HEADER, STATES

_SHA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json("Error")}


_RETRY = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}}
_CENTER_ERRORS = {
    "400": _error("malformed request, signed for another hub, method, path or body, or bytes past the size"),
    "401": _error("not signed by the center's enrolled key"),
    "403": _error("unknown or revoked center, or a package another center uploads"),
    "404": _error("no upload of this package was started"),
    "409": {"description": "a replayed counter (Error with last_counter), or an offset that is not the hub's "
                           "(PackageStatus: continue from its offset)",
            "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Error"},
                                                                  {"$ref": "#/components/schemas/PackageStatus"}]}}}},
    "413": _error("body over the limit"),
    "429": {**_error("too many requests from this center"), "headers": _RETRY},
    "503": {**_error("the database cannot be reached: send the request again later"), "headers": _RETRY},
}
_SIGNED = {"name": REQUEST_HEADER, "in": "header", "required": True,
           "description": "base64 of the canonical envelope, signed by the center's key, of a pupitre/hub-request",
           "schema": {"type": "string"}}
_PACKAGE = {"name": "sha256", "in": "path", "required": True, "schema": _SHA}


def schema() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pupitre results hub", "version": "1",
                 "description": "Centers upload session packages (resumable, idempotent by SHA-256); anyone checks "
                                "a published result by its code. See docs/hub.md and docs/adr/0031."},
        "paths": {
            "/v1/packages": {"post": {
                "summary": "Start (or find) the upload of a package", "parameters": [_SIGNED],
                "requestBody": {"required": True, "content": _json("UploadStart")},
                "responses": {"200": {"description": "where the upload stands", "content": _json("PackageStatus")},
                              **_CENTER_ERRORS}}},
            "/v1/packages/{sha256}": {
                "get": {"summary": "Where the upload of a package stands", "parameters": [_SIGNED, _PACKAGE],
                        "responses": {"200": {"description": "status", "content": _json("PackageStatus")},
                                      **_CENTER_ERRORS}},
                "patch": {"summary": "Write bytes at the signed offset", "parameters": [_SIGNED, _PACKAGE],
                          "requestBody": {"required": True, "content": {"application/octet-stream": {
                              "schema": {"type": "string", "format": "binary", "maxLength": MAX_CHUNK}}}},
                          "responses": {"200": {"description": "status after the write",
                                                "content": _json("PackageStatus")}, **_CENTER_ERRORS}}},
            "/v1/verify/{code}": {"get": {
                "summary": "A published result by its verification or receipt code",
                "parameters": [{"name": "code", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 40}}],
                "responses": {"200": {"description": "the published result", "content": _json("Published")},
                              "404": _error("no published result has this code"),
                              "429": {**_error("too many requests"), "headers": _RETRY}}}},
            "/verify/{code}": {"get": {
                "summary": "The same as a small page, French then English",
                "parameters": [{"name": "code", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 40}}],
                "responses": {"200": {"description": "the page",
                                      "content": {"text/html": {"schema": {"type": "string"}}}},
                              "404": {"description": "not found page",
                                      "content": {"text/html": {"schema": {"type": "string"}}}},
                              "429": {**_error("too many requests"), "headers": _RETRY}}}},
            "/v1/verify-qr": {"post": {
                "summary": "Verify an attestation's QR payload online",
                "requestBody": {"required": True, "content": _json("QrRequest")},
                "responses": {"200": {"description": "what the hub found", "content": _json("QrAnswer")},
                              "400": _error("not a JSON body with a payload"),
                              "413": _error("body over the limit"),
                              "429": {**_error("too many requests"), "headers": _RETRY}}}},
        },
        "components": {"schemas": {
            "UploadStart": {"type": "object", "required": ["package", "size"], "additionalProperties": False,
                            "properties": {"package": _SHA,
                                           "size": {"type": "integer", "minimum": 1, "maximum": 512 * 1024 * 1024}}},
            "PackageStatus": {
                "type": "object", "required": ["package", "state", "offset", "size", "reason", "receipt"],
                "properties": {"package": _SHA, "state": {"type": "string", "enum": list(STATES)},
                               "offset": {"type": "integer", "minimum": 0}, "size": {"type": "integer", "minimum": 1},
                               "reason": {"type": "string", "nullable": True},
                               "receipt": {"type": "string", "format": "byte", "nullable": True}}},
            "Error": {"type": "object", "required": ["error", "message"],
                      "properties": {"error": {"type": "string", "enum": [*ERROR_CODES, "internal"]},
                                     "message": {"type": "string"},
                                     "last_counter": {"type": "integer", "minimum": 0}}},
            "Published": {
                "type": "object",
                "required": ["code", "center", "date", "initials", "decision", "decided_at", "score", "level"],
                "properties": {"code": {"type": "string"},
                               "center": {"type": "object", "required": ["id", "name"],
                                          "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
                               "date": {"type": "string", "format": "date"}, "initials": {"type": "string"},
                               "decision": {"type": "string", "enum": ["obtained", "not-obtained", "cancelled"]},
                               "decided_at": {"type": "string", "format": "date-time"},
                               "score": {"type": "integer", "nullable": True},
                               "level": {"type": "string", "nullable": True},
                               "verification_code": {"type": "string", "nullable": True},
                               "receipt_code": {"type": "string", "nullable": True},
                               "competence_levels": {"type": "object",
                                                     "additionalProperties": {"type": "integer"}}}},
            "QrRequest": {"type": "object", "required": ["payload"],
                          "properties": {"payload": {"type": "string", "maxLength": 600}}},
            "QrAnswer": {"type": "object",
                         "required": ["valid", "reason", "signature", "published", "result", "decision"],
                         "properties": {"valid": {"type": "boolean"}, "reason": {"type": "string"},
                                        "signature": {"type": "boolean"}, "published": {"type": "boolean"},
                                        "result": {"type": "object", "nullable": True},
                                        "decision": {"type": "string", "nullable": True}}},
        }},
    }
