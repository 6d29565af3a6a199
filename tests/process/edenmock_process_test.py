"""The edenmock executable as users run it: flags, the ready line, the port file, signals, a
failed bind, the launch example of Eden AI's asynchronous-features guide (Python requests), a
webhook checked the way Eden's receiver sample checks it (cryptography); the scripts that start it (scripts/run.sh, scripts/test.sh, scripts/with-edenmock.sh); and README
statements about the repository.

Run: python3 edenmock_process_test.py --binary path/to/edenmock [unittest options]
"""

import glob
import hashlib
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

import edenmock_process as edenmock
from edenmock_process import Emulator, WebhookReceiver, wav_bytes

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
WITH_EDENMOCK = os.path.join(ROOT, "scripts", "with-edenmock.sh")
RUN = os.path.join(ROOT, "scripts", "run.sh")


def fast_scenario(folder):
    """A scenario file that finishes every provider 50 ms after launch."""
    path = os.path.join(folder, "fast.json")
    with open(path, "w") as f:
        json.dump({"name": "default", "timelines": {"*": [{"after": "50ms"}]}}, f)
    return path


def eden_v2_signature_is_valid(public_key_pem, payload, signature_hex):
    """Eden's v2 receiver check, in Python: hash the payload stringified with an indent of 2
    (SHA-256, hex digest), then verify the RSA PKCS#1 v1.5 SHA-256 signature over that hex."""
    hashed_payload = hashlib.sha256(
        json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")).hexdigest()
    public_key = serialization.load_pem_public_key(public_key_pem)
    try:
        public_key.verify(bytes.fromhex(signature_hex), hashed_payload.encode("ascii"),
                          padding.PKCS1v15(), hashes.SHA256())
        return True
    except InvalidSignature:
        return False


class ProcessTest(unittest.TestCase):
    def test_help_lists_every_flag_and_exits_zero(self):
        out = subprocess.run([edenmock.BINARY, "--help"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 0)
        for flag in ["--host", "--port", "--port-file", "--clock", "--clock-start", "--seed",
                     "--scenarios", "--api-key", "--auth-failure-status", "--max-body-bytes",
                     "--threads", "--log-level"]:
            self.assertIn(flag, out.stdout)

    def test_bad_flag_is_a_usage_error(self):
        out = subprocess.run([edenmock.BINARY, "--clock", "fast"], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 2)
        self.assertIn("--clock must be real, manual, scaled or auto", out.stderr)

    def test_ready_line_and_port_file(self):
        with Emulator() as emu:
            with open(emu.port_file) as f:
                port = int(f.read())
            self.assertEqual(emu.ready_line, f"edenmock listening on http://127.0.0.1:{port}")
            self.assertEqual(requests.get(emu.url + "/_emulator/health", timeout=5).json()["status"], "ok")

    def test_failed_bind_exits_one_with_a_clear_error(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            out = subprocess.run([edenmock.BINARY, "--port", str(port)], capture_output=True,
                                 text=True, timeout=10)
        self.assertEqual(out.returncode, 1)
        self.assertIn(f"cannot bind to 127.0.0.1:{port}", out.stderr)
        self.assertEqual(out.stdout, "")

    def test_sigterm_and_sigint_exit_zero_within_a_second(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(sig=sig), Emulator() as emu:
                idle = requests.Session()  # an idle keep-alive connection must not hold the exit
                idle.get(emu.url + "/_emulator/health", timeout=5)
                started = time.monotonic()
                self.assertEqual(emu.stop(sig), 0)
                self.assertLess(time.monotonic() - started, 1.5)
                idle.close()

    def test_environment_twins_configure_the_server(self):
        with Emulator(env={"EDENMOCK_CLOCK": "manual", "EDENMOCK_CLOCK_START": "2030-05-01T12:00:00Z"}) as emu:
            clock = requests.get(emu.url + "/_emulator/clock", timeout=5).json()
            self.assertEqual(clock, {"mode": "manual", "now": "2030-05-01T12:00:00.000000Z",
                                     "epoch_ms": 1903867200000})

    def test_guide_launch_example_works_with_only_the_base_url_changed(self):
        with Emulator("--clock", "manual", "--seed", "1") as emu, tempfile.TemporaryDirectory() as tmp:
            audio = os.path.join(tmp, "audio.wav")
            with open(audio, "wb") as f:
                f.write(wav_bytes())
            # The example of Eden's guide, verbatim but for the base URL.
            headers = {"Authorization": "Bearer my_api_key"}
            url = emu.url + "/v2/audio/speech_to_text_async"
            data = {"providers": "amazon", "language": "en"}
            files = {"file": open(audio, "rb")}
            response = requests.post(url, data=data, files=files, headers=headers)
            files["file"].close()
            result = json.loads(response.text)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(list(result), ["public_id"])

            poll = requests.get(url + "/" + result["public_id"], headers=headers).json()
            self.assertEqual(poll["status"], "processing")
            requests.post(emu.url + "/_emulator/clock/advance", json={"seconds": 2})
            poll = requests.get(url + "/" + result["public_id"], headers=headers).json()
            self.assertEqual(poll["status"], "finished")
            amazon = poll["results"]["amazon"]
            self.assertIsNone(amazon["error"])
            self.assertEqual(amazon["final_status"], "finished")
            self.assertTrue(amazon["text"])

    def test_real_clock_finishes_jobs_on_time(self):
        with tempfile.TemporaryDirectory() as tmp:
            scenario = os.path.join(tmp, "fast.json")
            with open(scenario, "w") as f:
                json.dump({"name": "default", "timelines": {"*": [{"after": "50ms"}]}}, f)
            with Emulator("--scenarios", scenario) as emu:
                headers = {"Authorization": "Bearer k"}
                url = emu.url + "/v2/ocr/ocr_async"
                launched = requests.post(url, json={"providers": "google", "file_url": "https://x.test/a.pdf"},
                                         headers=headers).json()
                # The timer applies the transition by itself; poll with a bounded wait.
                deadline = time.monotonic() + 10
                status = "processing"
                while status == "processing" and time.monotonic() < deadline:
                    status = requests.get(url + "/" + launched["public_id"], headers=headers).json()["status"]
                self.assertEqual(status, "finished")

    def test_real_clock_delivers_the_webhook_without_polling(self):
        with WebhookReceiver() as receiver, tempfile.TemporaryDirectory() as tmp:
            with Emulator("--scenarios", fast_scenario(tmp)) as emu:
                launched = requests.post(
                    emu.url + "/v2/ocr/ocr_async",
                    json={"providers": "google", "file_url": "https://x.test/a.pdf",
                          "webhook_receiver": receiver.url, "users_webhook_parameters": {"ref": 1}},
                    headers={"Authorization": "Bearer k"}).json()
                self.assertTrue(receiver.arrived.wait(10), "no webhook within 10 s")
                headers, body = receiver.received[0]
                payload = json.loads(body)
                self.assertEqual(payload["public_id"], launched["public_id"])
                self.assertEqual(payload["status"], "finished")
                self.assertEqual(payload["users_webhook_parameters"], {"ref": 1})
                self.assertEqual(headers["x-edenai-hash-algorithm"], "SHA256")

    def test_webhook_signature_verifies_with_edens_procedure_and_the_served_key(self):
        with WebhookReceiver() as receiver, tempfile.TemporaryDirectory() as tmp:
            with Emulator("--scenarios", fast_scenario(tmp)) as emu:
                requests.post(
                    emu.url + "/v2/ocr/ocr_async",
                    json={"providers": "google", "file_url": "https://x.test/a.pdf",
                          "webhook_receiver": receiver.url,
                          "users_webhook_parameters": {"note": "café ☕", "ratio": 1.0}},
                    headers={"Authorization": "Bearer k"}).raise_for_status()
                self.assertTrue(receiver.arrived.wait(10), "no webhook within 10 s")
                key = requests.get(emu.url + "/_emulator/webhooks/public-key")
                self.assertEqual(key.headers["Content-Type"], "application/x-pem-file")
                headers, body = receiver.received[0]
                signature = headers["x-edenai-signature"]
                payload = json.loads(body)
                self.assertTrue(eden_v2_signature_is_valid(key.content, payload, signature))
                # The same digest over the bytes as received: what edenmock signs.
                public_key = serialization.load_pem_public_key(key.content)
                public_key.verify(bytes.fromhex(signature),
                                  hashlib.sha256(body).hexdigest().encode("ascii"),
                                  padding.PKCS1v15(), hashes.SHA256())
                payload["status"] = "failed"
                self.assertFalse(eden_v2_signature_is_valid(key.content, payload, signature))
                with self.assertRaises(InvalidSignature):  # not a signature of the body bytes
                    public_key.verify(bytes.fromhex(signature), body, padding.PKCS1v15(),
                                      hashes.SHA256())

    def test_unusable_webhook_key_is_a_startup_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            key = os.path.join(tmp, "key.pem")
            with open(key, "w") as f:
                f.write("not a key")
            out = subprocess.run([edenmock.BINARY, "--port", "0", "--webhook-key", key],
                                 capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 1)
        self.assertIn(key + ": expected an unencrypted PEM private key", out.stderr)

    def test_invalid_scenario_file_is_a_startup_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            scenario = os.path.join(tmp, "broken.json")
            with open(scenario, "w") as f:
                f.write('{"name": "x", "timelines": {"amazon": [{"after": "soon"}]}}')
            out = subprocess.run([edenmock.BINARY, "--port", "0", "--scenarios", scenario],
                                 capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 1)
        self.assertIn('broken.json: timelines.amazon[0].after: expected duration like "30s"', out.stderr)

    def test_ready_fd_gets_the_ready_line_then_end_of_file(self):
        read_end, write_end = os.pipe()
        proc = subprocess.Popen([edenmock.BINARY, "--port", "0", "--ready-fd", str(write_end)],
                                pass_fds=(write_end,), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        os.close(write_end)
        try:
            received = b""
            while True:
                ready, _, _ = select.select([read_end], [], [], 10)
                self.assertTrue(ready, "nothing on --ready-fd within 10 s")
                chunk = os.read(read_end, 4096)
                if not chunk:
                    break  # edenmock closed it after the line
                received += chunk
            line = received.decode()
            self.assertRegex(line, r"^edenmock listening on http://127\.0\.0\.1:\d+\n$")
            self.assertEqual(proc.stdout.readline(), line)  # the same line as on stdout
            url = line.split()[-1]
            self.assertEqual(requests.get(url + "/_emulator/health", timeout=5).status_code, 200)
        finally:
            os.close(read_end)
            proc.terminate()
            self.assertEqual(proc.wait(timeout=5), 0)
            proc.stdout.close()
            proc.stderr.close()

    def test_ready_fd_that_is_not_open_is_a_startup_error(self):
        out = subprocess.run([edenmock.BINARY, "--port", "0", "--ready-fd", "57"],
                             capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 1)
        self.assertIn("cannot write to --ready-fd 57: Bad file descriptor", out.stderr)
        self.assertEqual(out.stdout, "")

    def test_json_logs_are_one_object_per_line(self):
        proc = subprocess.Popen([edenmock.BINARY, "--port", "0", "--log-format", "json",
                                 "--log-level", "info"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        url = proc.stdout.readline().split()[-1]
        requests.get(url + "/v2/audio/speech_to_text_async",
                     headers={"Authorization": "Bearer secret-token"}, timeout=5)
        proc.terminate()
        self.assertEqual(proc.wait(timeout=5), 0)
        lines = proc.stderr.read().splitlines()
        proc.stdout.close()
        proc.stderr.close()
        entries = [json.loads(line) for line in lines]  # every line is one JSON object
        self.assertTrue(entries)
        for entry in entries:
            self.assertTrue({"ts", "level", "msg"} <= entry.keys(), entry)
        access = [e for e in entries if e.get("path") == "/v2/audio/speech_to_text_async"]
        self.assertEqual(len(access), 1, lines)
        self.assertEqual(access[0]["method"], "GET")
        self.assertEqual(access[0]["status"], 200)
        self.assertRegex(access[0]["tenant_hash"], r"^[0-9a-f]{8}$")
        self.assertNotIn("secret-token", "\n".join(lines))

    def test_ci_recipe_script_runs_a_command_against_a_fresh_emulator(self):
        env = {**os.environ, "EDENMOCK_BIN": edenmock.BINARY}
        probe = ("import json, os, urllib.request; print(json.load(urllib.request.urlopen("
                 "os.environ['EDENMOCK_URL'] + '/_emulator/health'))['clock'])")
        out = subprocess.run([WITH_EDENMOCK, "--clock", "manual", "--", sys.executable, "-c", probe],
                             capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "manual")
        failing = subprocess.run([WITH_EDENMOCK, "--", sys.executable, "-c", "raise SystemExit(3)"],
                                 capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(failing.returncode, 3)  # the command's status
        refused = subprocess.run([WITH_EDENMOCK, "--clock", "fast", "--", "true"],
                                 capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("edenmock exited with status 2 before listening", refused.stderr)


def free_port():
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment_without_twins(**extra):
    """This environment without EDENMOCK_* variables (they would set edenmock flags), plus extra."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDENMOCK_")}
    return {**env, **extra}


STUB = """#!{python}
import json, os, sys
if "-B" in sys.argv:  # cmake: the build folder, as scripts/test.sh then cds into it
    os.makedirs(sys.argv[sys.argv.index("-B") + 1], exist_ok=True)
with open(os.path.join({log!r}, os.path.basename(sys.argv[0]) + ".log"), "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
"""


class ScriptSandbox:
    """A copy of the repository's scripts in a temporary root where install-deps.sh, cmake, ctest
    and the built edenmock are stubs that log their arguments: the scripts' own logic, run in
    milliseconds without installing or building anything."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = self.dir.name
        self.logs = os.path.join(self.root, "logs")
        self.stubs = os.path.join(self.root, "stubs")
        shutil.copytree(os.path.join(ROOT, "scripts"), os.path.join(self.root, "scripts"))
        for path in [os.path.join(self.stubs, "cmake"), os.path.join(self.stubs, "ctest"),
                     os.path.join(self.root, "scripts", "install-deps.sh"),
                     os.path.join(self.root, "build", "run", "server", "edenmock")]:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(STUB.format(python=sys.executable, log=self.logs))
            os.chmod(path, 0o755)
        os.makedirs(self.logs)

    def run(self, script, *args, **env):
        """Runs scripts/<script> with args; returns the completed process."""
        path = environment_without_twins()["PATH"]
        return subprocess.run([os.path.join(self.root, "scripts", script), *args],
                              capture_output=True, text=True, timeout=60,
                              env=environment_without_twins(PATH=self.stubs + ":" + path, **env))

    def calls(self, program):
        """The argument lists program was called with so far, and forgets them."""
        log = os.path.join(self.logs, program + ".log")
        if not os.path.exists(log):
            return []
        with open(log) as f:
            calls = [json.loads(line) for line in f]
        os.remove(log)
        return calls

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.dir.cleanup()


class ScriptsTest(unittest.TestCase):
    def test_run_script_adds_only_the_defaults_its_arguments_do_not_set(self):
        with ScriptSandbox() as box:
            scenarios = "--scenarios=" + os.path.join(box.root, "scenarios", "default.json")
            cases = [
                ((), {}, ["--host=127.0.0.1", "--port=8080", scenarios]),
                (("--port", "18080", "--clock", "manual"), {},
                 ["--host=127.0.0.1", scenarios, "--port", "18080", "--clock", "manual"]),
                (("--port=18080", "--host", "0.0.0.0", "--scenarios", "mine.json"), {},
                 ["--port=18080", "--host", "0.0.0.0", "--scenarios", "mine.json"]),
                (("--port-file", "p"), {}, ["--host=127.0.0.1", "--port=8080", scenarios,
                                            "--port-file", "p"]),
                ((), {"EDENMOCK_PORT": "18080"}, ["--host=127.0.0.1", scenarios]),  # the twin
            ]
            for args, env, expected in cases:
                with self.subTest(args=args, env=env):
                    out = box.run("run.sh", *args, **env)
                    self.assertEqual(out.returncode, 0, out.stderr)
                    self.assertEqual(box.calls("edenmock"), [expected])

    def test_run_and_test_scripts_build_in_folders_of_their_own(self):
        with ScriptSandbox() as box:
            # In the README's order: run.sh first, and its cache must not turn test.sh's tests off.
            self.assertEqual(box.run("run.sh").returncode, 0)
            run_configure, run_build = box.calls("cmake")
            run_folder = os.path.join(box.root, "build", "run")
            self.assertEqual(run_configure[run_configure.index("-B") + 1], run_folder)
            self.assertIn("-DBUILD_TESTING=OFF", run_configure)
            self.assertEqual(run_build[:2], ["--build", run_folder])

            out = box.run("test.sh")
            self.assertEqual(out.returncode, 0, out.stderr)
            configures = [call for call in box.calls("cmake") if "-S" in call]
            folders = [os.path.join(box.root, "build", name) for name in ("release", "sanitize")]
            self.assertEqual([call[call.index("-B") + 1] for call in configures], folders)
            for call in configures:
                self.assertIn("-DBUILD_TESTING=ON", call)
            ctests = box.calls("ctest")
            self.assertEqual(len(ctests), 2)
            for call in ctests:
                self.assertIn("--no-tests=error", call)  # no tests is a failure, not a pass

    def test_ci_recipe_script_lets_flags_override_its_defaults(self):
        probe = ("import os, urllib.request; url = os.environ['EDENMOCK_URL']; "
                 "urllib.request.urlopen(url + '/_emulator/health'); print(url)")
        with tempfile.TemporaryDirectory() as tmp:
            port_file = os.path.join(tmp, "port")
            port = free_port()
            cases = [
                (["--port", str(port)], {}),
                ([f"--port={port}", "--host=127.0.0.1", "--port-file", port_file], {}),
                ([], {"EDENMOCK_PORT": str(port)}),  # the twin
            ]
            for flags, env in cases:
                with self.subTest(flags=flags, env=env):
                    out = subprocess.run(
                        [WITH_EDENMOCK, *flags, "--", sys.executable, "-c", probe],
                        capture_output=True, text=True, timeout=60,
                        env=environment_without_twins(EDENMOCK_BIN=edenmock.BINARY, **env))
                    self.assertEqual(out.returncode, 0, out.stderr)
                    self.assertEqual(out.stdout.strip(), f"http://127.0.0.1:{port}")
            with open(port_file) as f:
                self.assertEqual(f.read().strip(), str(port))

    def test_run_script_starts_the_library_as_the_scenarios_readme_suggests(self):
        """scripts/run.sh with EDENMOCK_BIN (no install, no build): the user's --host, --port and
        --scenarios (or their twins) replace the script's, as scenarios/README.md suggests."""
        library = sorted(os.path.splitext(name)[0]
                         for name in os.listdir(os.path.join(ROOT, "scenarios", "library"))
                         if name.endswith(".json"))
        port = free_port()
        cases = [
            (["--scenarios", "scenarios/library", "--port", str(port)], {}, library),
            ([f"--port={port}", "--clock", "manual"], {"EDENMOCK_SCENARIOS": "scenarios/library"},
             library),
            (["--host", "127.0.0.1", "--port", str(port)], {}, ["default"]),
        ]
        for flags, twins, names in cases:
            with self.subTest(flags=flags, twins=twins):
                env = environment_without_twins(EDENMOCK_BIN=edenmock.BINARY, **twins)
                with Emulator(*flags, env=env, program=RUN, cwd=ROOT) as emulator:
                    self.assertEqual(emulator.url, f"http://127.0.0.1:{port}")
                    listed = requests.get(emulator.url + "/_emulator/scenarios", timeout=10).json()["scenarios"]
                    files = sorted(s["name"] for s in listed if s["source"] != "built-in")
                    self.assertEqual(files or ["default"], names)


class ReadmeTest(unittest.TestCase):
    def readme(self):
        """README.md, its line breaks and indents as single spaces."""
        with open(os.path.join(ROOT, "README.md")) as f:
            return " ".join(f.read().split())

    def test_readme_lists_the_packages_install_deps_installs(self):
        with open(os.path.join(ROOT, "scripts", "install-deps.sh")) as f:
            installed = re.search(r"^packages=\(([^)]*)\)", f.read(), re.M).group(1).split()
        listed = re.search(r"installs missing Debian packages \(`([^`]*)`\)", self.readme())
        self.assertIsNotNone(listed, "README: no \"installs missing Debian packages (`...`)\"")
        self.assertEqual(listed.group(1).split(), installed)

    def test_the_only_tests_that_sleep_are_the_ones_the_readme_names(self):
        sleep = re.compile(r"\bsleep(?:_for|_until)?\s*\(")
        sleeping = {}
        for path in glob.glob(os.path.join(ROOT, "tests", "**", "*.*"), recursive=True):
            if path.endswith((".cpp", ".hpp", ".py")) and not os.path.samefile(path, __file__):
                with open(path) as f:
                    count = len(sleep.findall(f.read()))
                if count:
                    sleeping[os.path.relpath(path, ROOT)] = count
        # README, "Development": the --clock auto tests, whose sleep is the client's interval.
        self.assertEqual(sleeping, {"tests/integration/clock_modes_test.cpp": 2,
                                    "tests/process/v3_clients_test.py": 1})
        for named in ["two `--clock auto` tests of `tests/integration/clock_modes_test.cpp`",
                      "`tests/process/v3_clients_test.py`"]:
            self.assertTrue(named in self.readme(), "README, Development: no " + named)


if __name__ == "__main__":
    edenmock.main()
