#!/usr/bin/env python3
"""Fails when a v3 catalog file does not follow docs/v3-catalog.md.

Reads every server/features/v3/<feature>.json and checks its keys and values: the feature and
subfeature keys, sync subfeatures not named *_async and async ones named so, each FIELD (keys,
type words, enum values, object fields, array items, bounds, MIME types), and each model row
(a model string under the file's feature/subfeature with a provider, no model twice, a known
price_unit_type). Prints each problem as file: where: what, and exits 1 when there is one.

Usage: scripts/check_v3_catalog.py [repository root]
"""

import json
import pathlib
import sys

CATALOG = pathlib.Path("server/features/v3")
TYPE_WORDS = {"string", "int", "float", "bool", "enum", "array", "object", "dict", "any",
              "file_input"}
PRICE_UNIT_TYPES = {"second", "page", "character", "url", "request"}
MODES = {"async", "sync"}

FEATURE_KEYS = {"name", "fullname", "description", "subfeatures"}
SUBFEATURE_KEYS = {"name", "fullname", "description", "mode", "input_schema", "output_schema",
                   "models"}
FIELD_KEYS = {"name", "type", "required", "description"}
FIELD_OPTIONAL_KEYS = {"enum", "fields", "items", "minimum", "maximum", "allowed_mime_types"}
PRICING_KEYS = {"price", "price_unit_quantity", "price_unit_type"}


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def keys_problems(where, value, required, optional=frozenset()):
    """Missing and unknown keys of an object, or that it is not one."""
    if not isinstance(value, dict):
        return [f"{where}: expected an object"]
    problems = [f"{where}: missing key {key!r}" for key in sorted(required - value.keys())]
    problems += [f"{where}: unknown key {key!r}"
                 for key in sorted(value.keys() - required - optional)]
    return problems


def type_words(type_text):
    """The words of a type, "file_input | object" holding two; None when a word is unknown."""
    words = [word.strip() for word in type_text.split("|")]
    return words if all(word in TYPE_WORDS for word in words) else None


def fields_problems(where, fields):
    """Problems of a FIELD list: each FIELD's own and names given twice."""
    if not isinstance(fields, list):
        return [f"{where}: fields must be a list"]
    problems = []
    seen = set()
    for index, field in enumerate(fields):
        name = field.get("name") if isinstance(field, dict) else None
        at = f"{where}.{name}" if isinstance(name, str) else f"{where}[{index}]"
        if isinstance(name, str) and name in seen:
            problems.append(f"{at}: field named twice")
        seen.add(name)
        problems += field_problems(at, field)
    return problems


def element_problems(where, type_text, holder):
    """Problems of what a type needs beside it: enum values, object fields, array items."""
    words = type_words(type_text) if isinstance(type_text, str) else None
    if words is None:
        return [f"{where}: unknown type {type_text!r} (known: {', '.join(sorted(TYPE_WORDS))})"]
    problems = []
    if "enum" in words:
        values = holder.get("enum")
        if (not isinstance(values, list) or not values or
                not all(isinstance(v, str) for v in values) or len(set(values)) != len(values)):
            problems.append(f"{where}: type enum needs 'enum', a list of distinct strings")
    elif "enum" in holder:
        problems.append(f"{where}: 'enum' given for type {type_text!r}")
    if "fields" in holder:
        if "object" not in words:
            problems.append(f"{where}: 'fields' given for type {type_text!r}")
        else:
            problems += fields_problems(where, holder["fields"])
    elif words == ["object"]:
        problems.append(f"{where}: type object needs 'fields'")
    return problems


def field_problems(where, field):
    problems = keys_problems(where, field, FIELD_KEYS, FIELD_OPTIONAL_KEYS)
    if problems and not isinstance(field, dict):
        return problems
    if "name" in field and (not isinstance(field["name"], str) or not field["name"]):
        problems.append(f"{where}: name must be a non-empty string")
    if "required" in field and not isinstance(field["required"], bool):
        problems.append(f"{where}: required must be true or false")
    if "description" in field and not isinstance(field["description"], str):
        problems.append(f"{where}: description must be a string")
    type_text = field.get("type")
    problems += element_problems(where, type_text, field)
    words = type_words(type_text) if isinstance(type_text, str) else None
    if words is None:
        return problems
    if "array" in words:
        items = field.get("items")
        problems += keys_problems(f"{where}.items", items, {"type"}, {"fields", "enum"})
        if isinstance(items, dict):
            problems += element_problems(f"{where}.items", items.get("type"), items)
    elif "items" in field:
        problems.append(f"{where}: 'items' given for type {type_text!r}")
    for bound in ("minimum", "maximum"):
        if bound in field and (not set(words) <= {"int", "float"} or
                               not is_number(field[bound])):
            problems.append(f"{where}: {bound} must be a number, on an int or float field")
    if (is_number(field.get("minimum")) and is_number(field.get("maximum")) and
            field["minimum"] > field["maximum"]):
        problems.append(f"{where}: minimum is above maximum")
    if "allowed_mime_types" in field:
        types = field["allowed_mime_types"]
        if "file_input" not in words or not isinstance(types, list) or not all(
                isinstance(t, str) and "/" in t for t in types):
            problems.append(f"{where}: allowed_mime_types must be a list of MIME types, on a "
                            f"file_input field")
    return problems


def models_problems(where, prefix, models):
    if not isinstance(models, list) or not models:
        return [f"{where}: models must be a non-empty list"]
    problems = []
    seen = set()
    for index, row in enumerate(models):
        at = f"{where}[{index}]"
        problems += keys_problems(at, row, {"model", "pricing"})
        if not isinstance(row, dict):
            continue
        model = row.get("model")
        if isinstance(model, str):
            at = f"{where} {model!r}"
        if not isinstance(model, str) or not model.startswith(prefix):
            problems.append(f"{at}: model must start with {prefix!r}")
        elif not model[len(prefix):].split("/")[0] or model.endswith("/") or "//" in model:
            problems.append(f"{at}: model needs a provider and no empty segment")
        if model in seen:
            problems.append(f"{at}: model listed twice")
        seen.add(model)
        pricing = row.get("pricing")
        problems += keys_problems(f"{at} pricing", pricing, PRICING_KEYS)
        if not isinstance(pricing, dict):
            continue
        if not is_number(pricing.get("price")) or pricing["price"] < 0:
            problems.append(f"{at}: price must be a number, 0 or more")
        if not is_number(pricing.get("price_unit_quantity")) or pricing["price_unit_quantity"] <= 0:
            problems.append(f"{at}: price_unit_quantity must be a positive number")
        if pricing.get("price_unit_type") not in PRICE_UNIT_TYPES:
            problems.append(f"{at}: unknown price_unit_type {pricing.get('price_unit_type')!r} "
                            f"(known: {', '.join(sorted(PRICE_UNIT_TYPES))})")
    return problems


def subfeature_problems(feature, where, sub):
    problems = keys_problems(where, sub, SUBFEATURE_KEYS)
    if not isinstance(sub, dict):
        return problems
    name = sub.get("name")
    for key in ("name", "fullname"):
        if not isinstance(sub.get(key), str) or not sub.get(key):
            problems.append(f"{where}: {key} must be a non-empty string")
    if "description" in sub and not isinstance(sub["description"], (str, type(None))):
        problems.append(f"{where}: description must be a string or null")
    mode = sub.get("mode")
    if mode not in MODES:
        problems.append(f"{where}: mode must be 'async' or 'sync', not {mode!r}")
    elif isinstance(name, str) and (mode == "async") != name.endswith("_async"):
        rule = "an async subfeature must" if mode == "async" else "a sync subfeature must not"
        problems.append(f"{where}: {rule} be named *_async")
    for schema in ("input_schema", "output_schema"):
        if schema in sub:
            problems += keys_problems(f"{where}.{schema}", sub[schema], {"fields"})
            if isinstance(sub[schema], dict) and "fields" in sub[schema]:
                problems += fields_problems(f"{where}.{schema}", sub[schema]["fields"])
    if "models" in sub and isinstance(name, str):
        problems += models_problems(f"{where}.models", f"{feature}/{name}/", sub["models"])
    return problems


def file_problems(path):
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"does not parse: {error}"]
    problems = keys_problems("feature", document, FEATURE_KEYS)
    if not isinstance(document, dict):
        return problems
    feature = document.get("name")
    if feature != path.stem:
        problems.append(f"feature: name {feature!r} is not the file's name {path.stem!r}")
    if not isinstance(document.get("fullname"), str) or not document.get("fullname"):
        problems.append("feature: fullname must be a non-empty string")
    if "description" in document and not isinstance(document["description"], (str, type(None))):
        problems.append("feature: description must be a string or null")
    subfeatures = document.get("subfeatures")
    if not isinstance(subfeatures, list) or not subfeatures:
        return problems + ["feature: subfeatures must be a non-empty list"]
    seen = set()
    for index, sub in enumerate(subfeatures):
        name = sub.get("name") if isinstance(sub, dict) else None
        where = name if isinstance(name, str) else f"subfeatures[{index}]"
        if name in seen:
            problems.append(f"{where}: subfeature listed twice")
        seen.add(name)
        problems += subfeature_problems(feature, where, sub)
    return problems


def main(argv):
    root = pathlib.Path(argv[1] if len(argv) > 1 else ".")
    files = sorted((root / CATALOG).glob("*.json"))
    if not files:
        print(f"{CATALOG}: no catalog file")
        return 1
    failed = False
    for path in files:
        for problem in file_problems(path):
            print(f"{path.relative_to(root).as_posix()}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
