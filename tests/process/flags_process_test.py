"""The executable's answers to flags as users type them: each bad value exits 2 with one line on
stderr that names the flag (or its EDENMOCK_* twin) and, where there is one, a suggestion;
--host localhost serves; a port already taken exits 1 saying what to do; --help reads as a
person's help, not Boost's syntax.

Run: python3 flags_process_test.py --binary path/to/edenmock [unittest options]
"""

import json
import os
import subprocess
import unittest
import urllib.request

import edenmock_process as edenmock
from edenmock_process import Emulator

# (arguments, environment, the one stderr line after "edenmock: ")
BAD_INVOCATIONS = [
    (["--webhook-retries", "-1"], {},
     '--webhook-retries must be a whole number from 0 to 100, not "-1"'),
    (["--scenarios-reload-ms", "-1"], {},
     '--scenarios-reload-ms must be a whole number of milliseconds (0 or more), not "-1"'),
    (["--port", "70000"], {}, '--port must be a whole number from 0 to 65535, not "70000"'),
    (["--port", "abc"], {}, '--port must be a whole number from 0 to 65535, not "abc"'),
    (["--threads", "-2"], {}, '--threads must be a whole number from 1 to 64, not "-2"'),
    (["--request-timeout", "30s"], {},
     '--request-timeout must be a whole number of seconds (1 or more), not "30s"'),
    (["--prot", "1"], {}, "unrecognised option '--prot'; did you mean --port?"),
    (["--no-such-flag"], {}, "unrecognised option '--no-such-flag'; edenmock --help lists the flags"),
    (["--host", "foo"], {},
     '--host must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface), not "foo"'),
    (["--host", "127.0.0.1:8080"], {},
     '--host must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface), '
     'not "127.0.0.1:8080"; give the port with --port'),
    (["--clock", "manul"], {},
     '--clock must be real, manual, scaled or auto, not "manul"; did you mean manual?'),
    (["--log-level", "loud"], {}, '--log-level must be debug, info, warn, error or off, not "loud"'),
    (["--webhook-insecure=maybe"], {}, '--webhook-insecure must be on or off, not "maybe"'),
    ([], {"EDENMOCK_PORT": "abc"},
     'EDENMOCK_PORT (--port) must be a whole number from 0 to 65535, not "abc"'),
    ([], {"EDENMOCK_WEBHOOK_RETRIES": "-1"},
     'EDENMOCK_WEBHOOK_RETRIES (--webhook-retries) must be a whole number from 0 to 100, not "-1"'),
]


def environment(**extra):
    """This environment without EDENMOCK_* variables (they would set flags), plus extra."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("EDENMOCK_")}, **extra}


def run(args, **env):
    return subprocess.run([edenmock.BINARY, *args], capture_output=True, text=True, timeout=10,
                          env=environment(**env))


class FlagsTest(unittest.TestCase):
    def test_bad_values_exit_two_with_one_line_naming_the_flag(self):
        for args, env, message in BAD_INVOCATIONS:
            with self.subTest(args=args, env=env):
                out = run(args, **env)
                self.assertEqual(out.returncode, 2, out.stderr)
                self.assertEqual(out.stderr, "edenmock: " + message + "\n")
                self.assertEqual(out.stdout, "")

    def test_host_localhost_serves_on_127_0_0_1(self):
        with Emulator("--host", "localhost", env=environment()) as emu:
            self.assertRegex(emu.ready_line, r"^edenmock listening on http://127\.0\.0\.1:\d+$")
            with urllib.request.urlopen(emu.url + "/_emulator/health", timeout=5) as answer:
                self.assertEqual(json.load(answer)["status"], "ok")

    def test_a_taken_port_exits_one_saying_what_to_do(self):
        with Emulator(env=environment()) as first:
            with open(first.port_file) as f:
                port = f.read().strip()
            out = run(["--port", port])
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(out.stdout, "")
        self.assertEqual(out.stderr.count("\n"), 1, out.stderr)
        self.assertRegex(out.stderr, rf"^edenmock: cannot bind to 127\.0\.0\.1:{port}: .+; "
                                     r"another process holds the port: choose another --port, "
                                     r"or --port 0 for a free one \(--port-file and --ready-fd "
                                     r"tell which\)\n$")

    def test_help_shows_switches_and_value_names(self):
        out = run(["--help"])
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertNotIn("arg(=", out.stdout)
        self.assertNotIn(" arg ", out.stdout)
        self.assertRegex(out.stdout, r"--webhook-insecure \[=on\|off\] \(=off\)")
        self.assertRegex(out.stdout, r"--port N \(=8080\)")
        self.assertRegex(out.stdout, r"--host IP \(=127\.0\.0\.1\)")


if __name__ == "__main__":
    edenmock.main()
