"""What scripts/extract_eden_schemas.py (v2) and scripts/extract_eden_v3_schemas.py share: how
an OpenAPI document's component schemas are found from their roots and written as one JSON
Schema draft-07 file for valijson.

Python 3 standard library only.
"""

import json
import sys
from pathlib import Path

REF_PREFIX = "#/components/schemas/"
DEFINITIONS_PREFIX = "#/definitions/"


def fail(message):
    print(f"{Path(sys.argv[0]).stem}: {message}", file=sys.stderr)
    sys.exit(1)


def definition_ref(ref):
    """An OpenAPI component $ref ("#/components/schemas/X") as a draft-07 one."""
    if not ref.startswith(REF_PREFIX):
        fail(f"unsupported $ref {ref}")
    return DEFINITIONS_PREFIX + ref[len(REF_PREFIX):]


def referenced_names(node):
    """Names of the component schemas a schema node refers to, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
                yield value[len(REF_PREFIX):]
            else:
                yield from referenced_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from referenced_names(value)


def reachable(components, roots):
    """Every component schema reachable from roots by $ref, roots first, then breadth-first."""
    order, queue = [], list(roots)
    while queue:
        name = queue.pop(0)
        if name in order:
            continue
        if name not in components:
            fail(f"schema {name} is referenced but not defined")
        order.append(name)
        queue.extend(referenced_names(components[name]))
    return order


def write_document(output, title, description, comment, definitions, refs):
    """Writes the draft-07 file: definitions, and under "properties" one $ref per name of refs
    ({name: definition name}); other top-level names fail instead of passing unchecked."""
    document = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": comment,
        "title": title,
        "description": description,
        "definitions": definitions,
        "type": "object",
        "additionalProperties": False,
        "properties": {name: {"$ref": DEFINITIONS_PREFIX + refs[name]} for name in sorted(refs)},
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {output}: {len(definitions)} definitions, {len(refs)} entries")
