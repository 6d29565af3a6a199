#!/usr/bin/env python3
"""Tests of scripts/check_layers.py on small trees made for each case."""

import pathlib
import subprocess
import sys
import tempfile
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check_layers.py"


def run(root):
    return subprocess.run([sys.executable, str(SCRIPT), str(root)],
                          capture_output=True, text=True, check=False)


class check_layers(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def write(self, path, text):
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text)

    def test_a_downward_include_passes(self):
        self.write("server/support/log.hpp", "#pragma once\n")
        self.write("server/net/router.cpp", '#include "server/support/log.hpp"\n')
        result = run(self.root)
        self.assertEqual(result.returncode, 0, result.stdout)

    def test_an_upward_include_fails_naming_file_and_line(self):
        self.write("server/app/emulator.hpp", "#pragma once\n")
        self.write("server/jobs/job.cpp",
                   '#include "server/jobs/job.hpp"\n\n#include "server/app/emulator.hpp"\n')
        self.write("server/jobs/job.hpp", "#pragma once\n")
        result = run(self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("server/jobs/job.cpp:3: includes server/app/emulator.hpp", result.stdout)

    def test_fake_providers_may_not_include_the_server_above_features(self):
        self.write("server/jobs/job.hpp", "#pragma once\n")
        self.write("server/features/feature_table.hpp", "#pragma once\n")
        self.write("fake_providers/registry.cpp",
                   '#include "server/features/feature_table.hpp"\n#include "server/jobs/job.hpp"\n')
        result = run(self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("fake_providers/registry.cpp:2:", result.stdout)
        self.assertNotIn("registry.cpp:1:", result.stdout)

    def test_cmake_libraries_out_of_layer_order_fail(self):
        self.write("server/CMakeLists.txt",
                   "add_library(emu_net STATIC net/a.cpp)\nadd_library(emu_support STATIC s.cpp)\n")
        result = run(self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("server/CMakeLists.txt", result.stdout)

    def test_a_readme_diagram_that_differs_fails(self):
        self.write("README.md", "  server/app/   the top\n  server/support/   the bottom\n")
        result = run(self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("README.md: the layer diagram", result.stdout)

    def test_the_diagram_printed_passes_the_readme_check(self):
        diagram = subprocess.run([sys.executable, str(SCRIPT), "--diagram"],
                                 capture_output=True, text=True, check=True).stdout
        self.write("README.md", "```\n" + diagram + "```\n")
        result = run(self.root)
        self.assertEqual(result.returncode, 0, result.stdout)


if __name__ == "__main__":
    unittest.main()
