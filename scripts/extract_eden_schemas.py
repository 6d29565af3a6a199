#!/usr/bin/env python3
"""Extracts Eden AI's v2 async provider-item schemas into one JSON Schema draft-07 file.

Maintainer tool, run by hand (never by the build): it reads the reference data kept next to
the clone and writes tests/schemas/provider_items.schema.json, which the tests load.

    scripts/extract_eden_schemas.py ../shared/reference/edenai-v2-async-openapi.json \
        ../shared/reference/edenai-v2-async-features.json

The output holds, under "definitions", every component schema reachable from the 17 provider
item schemas the features document names (get_result.provider_item_schema), converted from
OpenAPI 3.0 to draft-07, plus edenmock's own item schemas for the three automl features; and
under "properties", one "$ref" per feature path ("ocr/ocr_async").

Eden's schema has defects its own samples contradict. Each is patched below in PATCHES, with
the evidence; docs/schema-deviations.md lists them. --no-patches writes the schema as Eden
publishes it (converted only), to re-check the evidence against the samples.

Python 3 standard library only.
"""

import argparse
import copy
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))
from openapi_schemas import definition_ref, fail, reachable, write_document  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "tests" / "schemas" / "provider_items.schema.json"

# OpenAPI-only keywords: draft-07 has no such keyword (nullable is turned into a "null" type
# first), or valijson would read them differently from OpenAPI.
OPENAPI_ONLY = {
    "nullable",
    "example",
    "examples",
    "readOnly",
    "writeOnly",
    "discriminator",
    "xml",
    "externalDocs",
    "deprecated",
}

def add_null(schema):
    """Lets a converted schema node also accept null."""
    kind = schema.get("type")
    if kind is None:
        if "$ref" in schema or "allOf" in schema or "anyOf" in schema or "oneOf" in schema:
            # A reference cannot take siblings in draft-07: wrap it.
            inner = {k: v for k, v in schema.items() if k not in ("title", "description", "default")}
            outer = {k: v for k, v in schema.items() if k in ("title", "description", "default")}
            outer["anyOf"] = [inner, {"type": "null"}]
            return outer
        return schema  # no type: null is already allowed
    if isinstance(kind, list):
        if "null" not in kind:
            schema["type"] = kind + ["null"]
    elif kind != "null":
        schema["type"] = [kind, "null"]
    if "enum" in schema and None not in schema["enum"]:
        schema["enum"] = schema["enum"] + [None]
    return schema


def convert(node):
    """OpenAPI 3.0 schema object -> draft-07 schema (a new object)."""
    if isinstance(node, list):
        return [convert(value) for value in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in OPENAPI_ONLY:
            continue
        if key == "$ref":
            out[key] = definition_ref(value)
        elif key in ("properties", "definitions", "patternProperties"):
            out[key] = {name: convert(sub) for name, sub in value.items()}
        else:
            out[key] = convert(value)
    if node.get("nullable") is True:
        out = add_null(out)
    return out


# --- Eden's known schema defects --------------------------------------------------------------
#
# Each patch names what it changes and why; the evidence is quoted in docs/schema-deviations.md.
# A patch that no longer applies (Eden fixed the schema, or renamed it) stops the script, so
# that the patches and the document are revisited.


def properties_of(definitions, name):
    if name not in definitions:
        fail(f"patch target {name} is gone from Eden's schema")
    return definitions[name].setdefault("properties", {})


def patch_final_status(definitions):
    # D1. FinalStatusEnum is ["sucess", "fail"] (sic), yet every official example of a provider
    # item says "finished"; edenmock says "finished", "processing" and "failed" (the latter two
    # only on items that carry no result). Widen the enum to what the API answers.
    enum = definitions["FinalStatusEnum"]
    if enum.get("enum") != ["sucess", "fail"]:
        fail("FinalStatusEnum changed upstream; revisit patch D1")
    enum["enum"] = ["finished", "processing", "failed", "sucess", "fail"]


def patch_null_defaults(definitions):
    # D2. Pydantic Optional[...] = None fields are published with "default": null but without
    # "nullable": every provider item's "error" (type object; every official example has
    # "error": null) and SpeechDiarization.error_message (Eden's samples have null), and
    # Line.bounding_box. A property whose default is null also accepts null.
    patched = 0
    for schema in definitions.values():
        for name, prop in schema.get("properties", {}).items():
            if "default" in prop and prop["default"] is None and name != "original_response":
                schema["properties"][name] = add_null(prop)
                patched += 1
    if patched == 0:
        fail("no property with a null default left; revisit patch D2")


# D3. Fields published as "integer" that Eden's own samples give as floats (pydantic float
# fields the schema generator mistyped): confidences, scores, normalized coordinates and sizes,
# times in seconds, face and person attribute scores, poses, landmark points. "number?" marks
# the fields the samples also give as null (D4: Optional[float] published as required integer).
# Only fields a sample proves wrong are listed; see docs/schema-deviations.md for which sample.
NUMBER, NULLABLE_NUMBER = "number", "number?"
BOX = ("left", "top", "width", "height")
INTEGER_BUT_FLOAT = {
    "SpeechDiarizationEntry": {"confidence": NUMBER},
    "CustomDocumentParsingAsyncItem": {"confidence": NUMBER},
    "CustomDocumentParsingAsyncBoundingBox": dict.fromkeys(BOX, NUMBER),
    "Line": {"confidence": NULLABLE_NUMBER},
    "Word": {"confidence": NUMBER},
    "BoundingBox": dict.fromkeys(BOX, NUMBER),
    "videodeepfake_detection_asyncDeepfakeDetectionAsyncDataClass": {"average_score": NUMBER},
    "DetailPerFrame": {"position": NUMBER, "score": NUMBER},
    "ContentNSFW": {"timestamp": NUMBER, "confidence": NUMBER},
    "VideoFace": {"offset": NUMBER},
    "VideoBoundingBox": dict.fromkeys(BOX, NUMBER),
    "FaceAttributes": dict.fromkeys(
        (
            "headwear",
            "frontal_gaze",
            "eyes_visible",
            "glasses",
            "mouth_open",
            "smiling",
            "brightness",
            "sharpness",
        ),
        NULLABLE_NUMBER,
    ),
    "VideoFacePoses": dict.fromkeys(("pitch", "roll", "yawn"), NULLABLE_NUMBER),
    "VideoLabel": {"confidence": NUMBER},
    "VideoLabelTimeStamp": {"start": NUMBER, "end": NULLABLE_NUMBER},
    # No sample has a label box or a clothing item (their lists are empty); Eden's dataclasses
    # (edenai-apis label_detection_async / person_tracking_async) declare them Optional[float]
    # and float, like their siblings the samples do prove.
    "VideoLabelBoundingBox": dict.fromkeys(BOX, NULLABLE_NUMBER),
    "UpperCloth": {"confidence": NUMBER},
    "LowerCloth": {"confidence": NUMBER},
    "VideoLogo": {"timestamp": NUMBER, "confidence": NULLABLE_NUMBER},
    "VideoLogoBoundingBox": dict.fromkeys(BOX, NULLABLE_NUMBER),
    "ObjectTrack": {"confidence": NUMBER},
    "ObjectFrame": {"timestamp": NUMBER},
    "VideoObjectBoundingBox": dict.fromkeys(BOX, NUMBER),
    "PersonTracking": {"offset": NUMBER},
    "VideoTrackingBoundingBox": dict.fromkeys(BOX, NUMBER),
    "VideoPersonPoses": dict.fromkeys(("pitch", "roll", "yaw"), NULLABLE_NUMBER),
    "VideoPersonQuality": dict.fromkeys(("brightness", "sharpness"), NULLABLE_NUMBER),
    "ShotFrame": {"startTimeOffset": NUMBER, "endTimeOffset": NUMBER},
    "VideoTextFrames": {"confidence": NUMBER, "timestamp": NUMBER},
    "VideoTextBoundingBox": dict.fromkeys(BOX, NULLABLE_NUMBER),
}

# D3 also covers landmark points: lists of integers in the schema, of floats in the samples
# (eyes, nose and mouth; the other body points are empty lists in every sample, and
# Sequence[float] in Eden's PersonLandmarks dataclass like the ones the samples prove).
LANDMARK_POINTS = {
    "LandmarksVideo": ("eye_left", "eye_right", "nose", "mouth_left", "mouth_right"),
    "PersonLandmarks": None,  # every point
}


def retype_number(prop, kind, where):
    if prop.get("type") != "integer":
        fail(f"{where} is no longer an integer; revisit patch D3")
    prop["type"] = "number"
    if kind == NULLABLE_NUMBER:
        add_null(prop)


def patch_integer_floats(definitions):
    for name, fields in INTEGER_BUT_FLOAT.items():
        props = properties_of(definitions, name)
        for field, kind in fields.items():
            if field not in props:
                fail(f"{name}.{field} is gone; revisit patch D3")
            retype_number(props[field], kind, f"{name}.{field}")
    for name, fields in LANDMARK_POINTS.items():
        props = properties_of(definitions, name)
        for field in fields or props:
            retype_number(props[field].get("items", {}), NUMBER, f"{name}.{field}[]")


def patch_ocr_page_count(definitions):
    # D4. ocr_async number_of_pages: Eden's oneai sample (provider-outputs
    # ocr__ocr_async__oneai.json) has "number_of_pages": null and no pages; the field is
    # required but must accept null.
    props = properties_of(definitions, "ocrocr_asyncOcrAsyncDataClass")
    props["number_of_pages"] = add_null(props["number_of_pages"])


PATCHES = [patch_final_status, patch_null_defaults, patch_integer_floats, patch_ocr_page_count]

# --- edenmock's own item schemas for the automl features ------------------------------------
#
# Eden publishes no item schema for them: their GET response model is a provider-keyed object
# ({"nyckel": AutomlClassificationCreateProjectDataClass}) without the job envelope, an artefact
# of its schema generator. These follow edenai-apis' nyckel implementation and dataclasses
# (AutomlClassification{Predict,Train,UploadData}AsyncDataClass), as
# fake_providers/image/automl_classification.cpp does.


def common_item_properties():
    return {
        "original_response": {"default": None},
        "id": {"type": "string"},
        "final_status": {"$ref": "#/definitions/FinalStatusEnum"},
        "error": {"type": ["object", "null"], "additionalProperties": True, "default": None},
    }


def own_item(title, fields, required):
    properties = dict(fields)
    properties.update(common_item_properties())
    return {
        "title": title,
        "description": "edenmock's own: Eden publishes no provider item schema for this feature",
        "type": "object",
        "properties": properties,
        "required": required + ["id", "final_status"],
        "additionalProperties": False,
    }


OWN_ITEMS = {
    "image/automl_classification/predict_async": own_item(
        "edenmock_AutomlClassificationPredictAsyncItem",
        {
            "label": {"type": "string"},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
        ["label", "confidence"],
    ),
    "image/automl_classification/train_async": own_item(
        "edenmock_AutomlClassificationTrainAsyncItem",
        {
            "message": {"type": "string"},
            "name": {"type": ["string", "null"]},
            "project_id": {"type": "string"},
        },
        ["message", "name", "project_id"],
    ),
    "image/automl_classification/upload_data_async": own_item(
        "edenmock_AutomlClassificationUploadDataAsyncItem",
        {
            "message": {"type": "string"},
            "label_name": {"type": "string"},
        },
        ["message", "label_name"],
    ),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("openapi", type=Path, help="edenai-v2-async-openapi.json")
    parser.add_argument("features", type=Path, help="edenai-v2-async-features.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--no-patches", action="store_true", help="leave Eden's known schema defects in place"
    )
    args = parser.parse_args()

    components = json.loads(args.openapi.read_text(encoding="utf-8"))["components"]["schemas"]
    features = json.loads(args.features.read_text(encoding="utf-8"))["features"]

    items = {}
    for feature in features:
        path = f"{feature['feature']}/{feature['subfeature']}"
        schema = feature["get_result"].get("provider_item_schema")
        if schema is not None:
            items[path] = schema
        elif path not in OWN_ITEMS:
            fail(f"{path} has no provider item schema and no edenmock one")
    if len(items) != 17:
        fail(f"expected 17 provider item schemas, found {len(items)}")

    definitions = {
        name: convert(components[name]) for name in reachable(components, items.values())
    }
    if not args.no_patches:
        for patch in PATCHES:
            patch(definitions)
    for path, schema in OWN_ITEMS.items():
        definitions[schema["title"]] = copy.deepcopy(schema)
        items[path] = schema["title"]

    write_document(
        args.output,
        title="Eden AI v2 async provider items",
        description=(
            "Validate one provider item {error, id, final_status, fields..., original_response} "
            "as {<feature path>: item}: properties[<feature path>] applies."
        ),
        comment=(
            "Generated by scripts/extract_eden_schemas.py from Eden AI's v2 OpenAPI document; "
            "do not edit. Patches of Eden's schema defects: docs/schema-deviations.md."
        ),
        definitions=definitions,
        refs=items,
    )


if __name__ == "__main__":
    main()
