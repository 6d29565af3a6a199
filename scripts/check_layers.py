#!/usr/bin/env python3
"""Fails when a project #include runs from a lower layer to a higher one.

The layers, lowest first, are written once, here. A file may include headers of its own layer
and of the layers below it. The check also holds server/CMakeLists.txt to the same order (one
library per folder, each added after the ones it links) and the README's layer diagram to this
list. Prints each violation as file:line: what, and exits 1 when there is one.

Usage: scripts/check_layers.py [repository root]
"""

import pathlib
import re
import sys

# (folder, what it holds), lowest first.
LAYERS = [
    ("server/support", "logging, coroutine spawning, ISO-8601 times, text, globs, hashes, enum names"),
    ("server/storage", "the SQLite state file: records, write-behind group commits, refusals, migrations"),
    ("server/features", "Eden's v2 feature table and the v3 catalog: paths, providers, models"),
    ("fake_providers", "deterministic fake results for every feature and provider"),
    ("server/scheduling", "clocks, the timeline of due entries, the timer that wakes it"),
    ("server/scenario", "scenario model, loader, catalog, match rules, file watcher"),
    ("server/jobs", "jobs and the job service on the clock"),
    ("server/uploads", "v3 uploads: each file's probed metadata, expiring on the clock"),
    ("server/webhooks", "webhook dispatcher, signing, outbound HTTP(S) sender, delivery journal"),
    ("server/observability", "request journal, client checks, Prometheus metrics"),
    ("server/engine", "clock control, fault decisions, the resetter over every service"),
    ("server/wire", "what crosses the wire: JSON writer, job envelope, records as JSON"),
    ("server/net", "HTTP types, Eden errors, the route table, router, sessions, listener"),
    ("server/eden_v2", "Eden's v2 API: launch forms and validation, job endpoints"),
    ("server/eden_v3", "Eden's v3 API: async jobs, uploads and discovery endpoints"),
    ("server/control", "the /_emulator/ control API endpoints"),
    ("server/app", "options, the one route table's rows, the emulator (composition root)"),
    ("server/embed", "the embeddable edenmock::server library"),
]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SOURCES = ("*.cpp", "*.hpp", "*.cpp.in")


def layer_of(path):
    """The index of the layer a repository path belongs to, or None."""
    best = None
    for index, (folder, _) in enumerate(LAYERS):
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(LAYERS[best][0]):
                best = index
    return best


def include_violations(root):
    problems = []
    for folder, _ in LAYERS:
        for pattern in SOURCES:
            for file in sorted((root / folder).rglob(pattern)):
                source = file.relative_to(root).as_posix()
                own = layer_of(source)
                if own is None:
                    continue
                lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
                for number, line in enumerate(lines, 1):
                    match = INCLUDE.match(line)
                    if not match:
                        continue
                    target = match.group(1)
                    if not (root / target).exists():
                        continue  # not a repository path (a sibling or generated file)
                    theirs = layer_of(target)
                    if theirs is not None and theirs > own:
                        problems.append(
                            f"{source}:{number}: includes {target}: {LAYERS[own][0]} is below "
                            f"{LAYERS[theirs][0]}, so it may not include it")
    return problems


def cmake_violations(root):
    """server/CMakeLists.txt must add one library per server folder, in layer order."""
    cmake = root / "server" / "CMakeLists.txt"
    if not cmake.exists():
        return []
    text = cmake.read_text(encoding="utf-8")
    added = re.findall(r"add_library\(emu_(\w+) STATIC", text)
    wanted = [folder.split("/", 1)[1] for folder, _ in LAYERS
              if folder.startswith("server/") and folder != "server/embed"]
    if added != wanted:
        return [f"server/CMakeLists.txt: libraries emu_{', emu_'.join(added)} are not one per "
                f"folder in layer order (emu_{', emu_'.join(wanted)})"]
    return []


def readme_violations(root):
    """The README's layer diagram lists the layers, highest first, one line per folder."""
    readme = root / "README.md"
    if not readme.exists():
        return []
    shown = [line.split()[0] for line in readme.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(server/\w+|fake_providers)/\s", line)]
    wanted = [folder for folder, _ in reversed(LAYERS)]
    shown = [folder.rstrip("/") for folder in shown]
    if shown != wanted:
        return [f"README.md: the layer diagram shows {shown}, expected {wanted} "
                "(scripts/check_layers.py --diagram prints it)"]
    return []


def diagram():
    width = max(len(folder) for folder, _ in LAYERS) + 2
    return "\n".join(f"{folder + '/':<{width}}{what}" for folder, what in reversed(LAYERS))


def main(argv):
    if len(argv) > 1 and argv[1] == "--diagram":
        print(diagram())
        return 0
    root = pathlib.Path(argv[1] if len(argv) > 1 else pathlib.Path(__file__).parent.parent)
    problems = include_violations(root) + cmake_violations(root) + readme_violations(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} layer violation(s); the layers are listed in scripts/check_layers.py")
        return 1
    print(f"layers: {len(LAYERS)} layers, no upward include")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
