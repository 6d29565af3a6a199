#!/usr/bin/env python3
"""Extracts the response schemas of Eden AI's v3 async surface into one JSON Schema draft-07 file.

Maintainer tool, run by hand (never by the build): it reads Eden's generated v3 OpenAPI 3.1
document kept next to the clone and writes tests/schemas/v3_responses.schema.json, which the
integration tests load (tests/integration/support/v3_schema_check.hpp).

    scripts/extract_eden_v3_schemas.py ../shared/reference/v3/edenai-v3-openapi-2026-09.json

The output holds, under "definitions", every component schema reachable from the responses of
the routes edenmock serves (RESPONSES below: /v3/universal-ai/async*, /v3/upload*, /v3/info*),
converted from OpenAPI 3.1 (JSON Schema 2020-12) to what valijson's draft-07 parser reads; and
under "properties", one "$ref" per response, by a short name ("job"). Each route RESPONSES
names is checked against the document's paths, and each response of those paths must be in
RESPONSES, so that a renamed schema or a new route stops the script.

Eden's v3 response schemas have no defect that Eden's own material contradicts: PATCHES is
empty, and docs/schema-deviations.md (section "v3") lists what was checked and what edenmock
deliberately does not patch.

Python 3 standard library only.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))
from openapi_schemas import definition_ref, fail, reachable, write_document  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "tests" / "schemas" / "v3_responses.schema.json"

# The routes whose responses edenmock serves: a path is on the surface when it is one of these
# or lies below one.
SURFACE = ("/v3/universal-ai/async", "/v3/upload", "/v3/info")

# A route whose schema is written inline in the path, not as a component: its definition is
# named after its "title", spaces removed.
INLINE = None

# Every 422 of the surface: FastAPI's request validation error.
VALIDATION_ERRORS = [
    ("POST", "/v3/universal-ai/async", "422"),
    ("GET", "/v3/universal-ai/async", "422"),
    ("GET", "/v3/universal-ai/async/{job_id}", "422"),
    ("DELETE", "/v3/universal-ai/async/{job_id}", "422"),
    ("POST", "/v3/upload", "422"),
    ("GET", "/v3/upload", "422"),
    ("POST", "/v3/upload/delete", "422"),
    ("GET", "/v3/info/{feature}", "422"),
    ("GET", "/v3/info/{feature}/{subfeature}", "422"),
]

# Short name -> (schema name, the routes that answer with it: method, path, status).
RESPONSES = {
    "job": (
        "UniversalAIAsyncResponse",
        [
            ("POST", "/v3/universal-ai/async", "202"),
            ("GET", "/v3/universal-ai/async/{job_id}", "200"),
        ],
    ),
    "job_list": ("UniversalAIAsyncJobListResponse", [("GET", "/v3/universal-ai/async", "200")]),
    "job_deleted": (INLINE, [("DELETE", "/v3/universal-ai/async/{job_id}", "200")]),
    "upload": ("UploadResponse", [("POST", "/v3/upload", "200")]),
    "file_list": ("ListFilesResponse", [("GET", "/v3/upload", "200")]),
    "files_deleted": (
        "DeleteFilesResponse",
        [("DELETE", "/v3/upload", "200"), ("POST", "/v3/upload/delete", "200")],
    ),
    "features": ("FeaturesListResponse", [("GET", "/v3/info", "200")]),
    "feature": ("FeatureInfo", [("GET", "/v3/info/{feature}", "200")]),
    "subfeature": ("SubfeatureDetailResponse", [("GET", "/v3/info/{feature}/{subfeature}", "200")]),
    "validation_error": ("HTTPValidationError", VALIDATION_ERRORS),
}

# --- OpenAPI 3.1 (JSON Schema 2020-12) -> draft-07 ------------------------------------------
#
# A keyword not in one of these tables stops the script, so that a new one gets a decision.

# Keywords draft-07 reads as 2020-12 does, whose value is not a schema. (`anyOf [X, {"type":
# "null"}]`, Pydantic's optional, needs no change: draft-07 has anyOf and the "null" type.)
SAME = {
    "type",
    "enum",
    "const",
    "required",
    "minimum",
    "maximum",
    "exclusiveMinimum",  # a number in both (draft-04's boolean form is gone since draft-06)
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "title",
    "description",
    "default",
}
# Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
SUBSCHEMA = {
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
}
SUBSCHEMA_LIST = {"anyOf", "allOf", "oneOf"}
SUBSCHEMA_MAP = {"properties", "patternProperties"}
# Annotations and OpenAPI keywords that validate nothing (`discriminator` only names the oneOf
# branch that applies; the oneOf itself is kept).
DROPPED = {
    "examples",
    "example",
    "readOnly",
    "writeOnly",
    "deprecated",
    "discriminator",
    "xml",
    "externalDocs",
    "$comment",
    "contentMediaType",
    "contentEncoding",
}

# Formats. valijson 1.0 checks "date", "time" and "date-time" and ignores every other format;
# it also applies a format to values that are not strings (a number is checked as its text, a
# non-empty object or array aborts the program), so a checked format is wrapped in
# "if": {"type": "string"}, leaving other values to the "type" constraint beside it.
CHECKED_FORMATS = {"date", "time", "date-time"}
# "uuid" is unchecked by valijson: written as the pattern of RFC 4122's text form instead.
UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def convert_format(node, out, where):
    kind = node["format"]
    if kind in CHECKED_FORMATS:
        if "if" in node:
            fail(f"{where}: format beside if/then; extend convert_format")
        out["if"] = {"type": "string"}
        out["then"] = {"format": kind}
    elif kind == "uuid":
        if "pattern" in node:
            fail(f"{where}: format uuid beside a pattern; extend convert_format")
        out["pattern"] = UUID_PATTERN
    else:
        fail(f"{where}: format {kind} has no draft-07 conversion; add it to convert_format")


def convert(node, where):
    """A 2020-12 schema (a boolean or an object) as a draft-07 one (a new object)."""
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        fail(f"{where}: a schema must be an object or a boolean")
    out = {}
    for key, value in node.items():
        at = f"{where}/{key}"
        if key in SAME:
            out[key] = value
        elif key in SUBSCHEMA:
            if key == "items" and "prefixItems" in node:
                out["additionalItems"] = convert(value, at)
            else:
                out[key] = convert(value, at)
        elif key == "prefixItems":
            out["items"] = [convert(sub, f"{at}/{i}") for i, sub in enumerate(value)]
        elif key in SUBSCHEMA_LIST:
            out[key] = [convert(sub, f"{at}/{i}") for i, sub in enumerate(value)]
        elif key in SUBSCHEMA_MAP:
            out[key] = {name: convert(sub, f"{at}/{name}") for name, sub in value.items()}
        elif key == "$ref":
            out[key] = definition_ref(value)
        elif key == "format":
            convert_format(node, out, where)
        elif key not in DROPPED:
            fail(f"{at}: keyword {key} has no draft-07 conversion; add it to a table")
    if "$ref" in out and len(out) > 1:
        # 2020-12 applies a $ref's siblings; draft-07 ignores them.
        ref = out.pop("$ref")
        out["allOf"] = [{"$ref": ref}] + out.get("allOf", [])
    return out


# --- Eden's known schema defects --------------------------------------------------------------
#
# None: every response schema above agrees with Eden's own examples and docs (the evidence is
# in docs/schema-deviations.md, section "v3"). A defect found later is patched here, as in
# scripts/extract_eden_schemas.py: a function that changes the converted definitions, stops
# the script when the defect is gone, and is listed in docs/schema-deviations.md.
PATCHES = []


def route_schemas(paths):
    """(METHOD, path, status) -> the JSON schema of each response of the surface's routes."""
    out = {}
    for path, operations in paths.items():
        if not any(path == root or path.startswith(root + "/") for root in SURFACE):
            continue
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if list(content) != ["application/json"]:
                    fail(f"{method.upper()} {path} {status}: not an application/json response")
                out[(method.upper(), path, status)] = content["application/json"]["schema"]
    return out


def response_roots(paths):
    """Short name -> definition name, with the inline schemas; checks RESPONSES against paths."""
    schemas = route_schemas(paths)
    listed = set()
    roots, inline = {}, {}
    for name, (schema_name, routes) in RESPONSES.items():
        for route in routes:
            if route not in schemas:
                fail(f"{' '.join(route)} ({name}) is not a response of Eden's document")
            listed.add(route)
            schema = schemas[route]
            if schema_name is INLINE:
                if "$ref" in schema or "title" not in schema:
                    fail(f"{' '.join(route)} ({name}) is no longer an inline schema with a title")
                definition = "".join(schema["title"].split())
                inline[definition] = schema
            elif schema.get("$ref") != "#/components/schemas/" + schema_name:
                fail(f"{' '.join(route)} answers {schema}, not {schema_name}; revisit RESPONSES")
            else:
                definition = schema_name
            if roots.setdefault(name, definition) != definition:
                fail(f"the routes of {name} answer different schemas")
    for route in sorted(set(schemas) - listed):
        fail(f"{' '.join(route)} is a response of the surface that RESPONSES does not list")
    return roots, inline


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("openapi", type=Path, help="edenai-v3-openapi-2026-09.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    document = json.loads(args.openapi.read_text(encoding="utf-8"))
    if not document.get("openapi", "").startswith("3.1."):
        fail(f"expected an OpenAPI 3.1 document, found {document.get('openapi')}")
    components = document["components"]["schemas"]
    roots, inline = response_roots(document["paths"])

    component_roots = [name for name in roots.values() if name not in inline]
    definitions = {
        name: convert(components[name], f"#/components/schemas/{name}")
        for name in reachable(components, component_roots)
    }
    for name, schema in inline.items():
        definitions[name] = convert(schema, f"inline {name}")
    for patch in PATCHES:
        patch(definitions)

    write_document(
        args.output,
        title="Eden AI v3 async surface responses",
        description=(
            "Validate one response body against properties[<name>] (with these definitions), "
            "or as {<name>: body}."
        ),
        comment=(
            "Generated by scripts/extract_eden_v3_schemas.py from Eden AI's v3 OpenAPI 3.1 "
            f"document ({document['info']['title']} {document['info']['version']}, "
            f"{args.openapi.name}); do not edit. The routes of each name are listed in the "
            "script; the conversion is described in docs/schema-deviations.md."
        ),
        definitions=definitions,
        refs=roots,
    )


if __name__ == "__main__":
    main()
