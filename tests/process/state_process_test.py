"""--state PATH as users run it: the emulator's whole state kept in an SQLite file and carried on
at the next start. A SIGKILL under load loses no acknowledged job and no scheduled webhook; a
graceful restart gives back a byte-identical snapshot and the same GET bodies; each file it
cannot use is refused at start with one line, exit 1, and the file untouched; the file's seed is
kept; a schema-1 file is migrated; and without --state nothing is written.

Run: python3 state_process_test.py --binary path/to/edenmock [unittest options]
"""

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest

import requests

import edenmock_process as edenmock
from edenmock_process import Emulator, WebhookReceiver

TIMEOUT = 10  # seconds for any one HTTP call

V2_FEATURE = "/v2/audio/speech_to_text_async"
V2_BODY = {"providers": "amazon,google", "file_url": "https://x.test/a.wav", "language": "en"}
V3_ASYNC = "/v3/universal-ai/async"
V3_BODY = {"model": "ocr/ocr_async/amazon", "input": {"file": "https://x.test/a.pdf"}}

# A tenant's own scenario: providers finish 1 s after launch, the webhook is sent 30 s later.
LATE_WEBHOOK = {"timelines": {"*": [{"after": "1s"}]}, "webhook": {"delay": "30s"}}
# Providers still processing after 1 s, finished after 4 s: jobs in the middle of a timeline.
SLOW = {"timelines": {"*": [{"after": "1s", "status": "processing"}, {"after": "3s"}]}}


def auth(key):
    return {"Authorization": "Bearer " + key}


def launch(url, key, kind, session=requests, **extra):
    """Launches one v2 or v3 job as tenant `key`; returns its public_id."""
    if kind == "v2":
        answer = session.post(url + V2_FEATURE, json={**V2_BODY, **extra}, headers=auth(key),
                              timeout=TIMEOUT)
        expected = 200
    else:
        answer = session.post(url + V3_ASYNC, json={**V3_BODY, **extra}, headers=auth(key),
                              timeout=TIMEOUT)
        expected = 202
    if answer.status_code != expected:
        raise AssertionError("launch %s answered %d: %s" % (kind, answer.status_code, answer.text))
    return answer.json()["public_id"]


def job_path(kind, public_id):
    return (V2_FEATURE if kind == "v2" else V3_ASYNC) + "/" + public_id


def get_job(url, key, kind, public_id):
    """GET of one job (this counts as a poll): the response."""
    return requests.get(url + job_path(kind, public_id), headers=auth(key), timeout=TIMEOUT)


def control(url, method, path, timeout=TIMEOUT, **kwargs):
    """A control call that must succeed: the response."""
    answer = requests.request(method, url + "/_emulator" + path, timeout=timeout, **kwargs)
    if answer.status_code >= 300:
        raise AssertionError("%s %s answered %d: %s" % (method, path, answer.status_code,
                                                        answer.text))
    return answer


def advance(url, **body):
    return control(url, "POST", "/clock/advance", json=body).json()


def until_idle(url):
    answer = control(url, "POST", "/clock/advance", json={"until_idle": True}, timeout=120)
    return answer.json()


def snapshot(url):
    return control(url, "GET", "/snapshot").content


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def stop_gracefully(emu):
    """SIGTERM, and the exit status must be 0 (so the write-ahead log is checkpointed)."""
    code = emu.stop(signal.SIGTERM, timeout=10)
    if code != 0:
        raise AssertionError("edenmock exited %d on SIGTERM" % code)


def clean_environment():
    """This environment without EDENMOCK_* variables (they would set flags)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("EDENMOCK_")}


def run_to_exit(*args):
    """Runs edenmock expecting it to stop at start: the completed process."""
    return subprocess.run([edenmock.BINARY, "--port", "0", "--log-level", "warn", *args],
                          capture_output=True, text=True, timeout=20, env=clean_environment())


def with_state(path, *args):
    """An emulator on the manual clock keeping its state in `path`."""
    return Emulator("--clock", "manual", "--state", path, *args)


class StateTestCase(unittest.TestCase):
    """Gives each test a temporary directory (self.dir), removed after it."""

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.dir = folder.name
        self.state = os.path.join(self.dir, "state.db")

    def emulator(self, *args, **kwargs):
        """An Emulator that is stopped (SIGTERM) when the test ends, if still running."""
        emu = Emulator(*args, **kwargs)
        self.addCleanup(emu.__exit__)
        return emu

    def make_state_file(self, *args):
        """A real state file (seed 42, manual clock) with v2 and v3 jobs of two tenants, some
        ended, some polled, stopped gracefully: [(key, kind, public_id)]."""
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state, *args)
        jobs = [(key, kind, launch(emu.url, key, kind))
                for key in ("alice", "bob") for kind in ("v2", "v3", "v2")]
        advance(emu.url, seconds=3)
        for key, kind, public_id in jobs[:2]:
            self.assertEqual(get_job(emu.url, key, kind, public_id).status_code, 200)
        stop_gracefully(emu)
        self.assertFalse(os.path.exists(self.state + "-wal"), "a -wal left after SIGTERM")
        return jobs

    def assert_refused(self, path, reason, *args, prefix=False):
        """edenmock --state path exits 1 with the one line `edenmock: --state <path>: <reason>`
        (only its start with prefix=True), prints nothing on stdout, and leaves the file byte for
        byte as it was (or, when there was none, makes none)."""
        before = sha256(path) if os.path.isfile(path) else None
        out = run_to_exit("--state", path, *args)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(out.stdout, "")
        line = "edenmock: --state %s: %s" % (path, reason)
        if prefix:
            self.assertTrue(out.stderr.startswith(line), out.stderr)
            self.assertEqual(out.stderr.count("\n"), 1, out.stderr)
            self.assertTrue(out.stderr.endswith("\n"), out.stderr)
        else:
            self.assertEqual(out.stderr, line + "\n")
        if before is None:
            self.assertFalse(os.path.exists(path), "the refusal made the file")
        else:
            self.assertEqual(sha256(path), before, "the refusal changed the file")

    @staticmethod
    def files_of(folder):
        """{name: sha256} of the regular files of folder ({} when it is not a directory)."""
        if not os.path.isdir(folder):
            return {}
        return {name: sha256(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
                if os.path.isfile(os.path.join(folder, name))}


class LaunchCount:
    """Launches answered by every load thread; `reached` is set once there are `enough`."""

    def __init__(self, enough):
        self.lock = threading.Lock()
        self.count = 0
        self.enough = enough
        self.reached = threading.Event()

    def add(self):
        with self.lock:
            self.count += 1
            if self.count >= self.enough:
                self.reached.set()


class LoadThread(threading.Thread):
    """A client of its own tenant that launches v2 and v3 jobs, alternately, until told to stop
    or the emulator goes away; `acknowledged` holds (kind, public_id) of every answered launch,
    in launch order, and each is added to `counted`. A thread that ends early sets `reached`
    too, so the waiting test wakes up and reports it."""

    def __init__(self, url, key, stop, counted):
        super().__init__(daemon=True)
        self.url, self.key, self.stop, self.counted = url, key, stop, counted
        self.acknowledged = []
        self.failure = None
        self.cut = False  # whether a launch was cut by the kill

    def run(self):
        session = requests.Session()
        kinds = ("v2", "v3")
        while not self.stop.is_set():
            kind = kinds[len(self.acknowledged) % 2]
            try:
                public_id = launch(self.url, self.key, kind, session=session)
            except requests.RequestException:
                self.cut = True  # the emulator was killed
                return
            except AssertionError as error:
                self.failure = error
                self.counted.reached.set()
                return
            self.acknowledged.append((kind, public_id))
            self.counted.add()


class CrashTest(StateTestCase):
    def test_sigkill_under_load_keeps_every_acknowledged_job_and_the_scheduled_webhook(self):
        """SIGKILL while 6 tenants launch v2 and v3 jobs on 4 threads: after a restart on the
        file every acknowledged id answers 200 to its tenant, the manual clock reads where it
        stood, advancing until idle finishes every job, the webhook that was due later arrives
        exactly once, and a finished job's body is the one an uninterrupted emulator (same seed,
        same launches) gives."""
        receiver = WebhookReceiver()
        self.addCleanup(receiver.__exit__)
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state,
                            "--threads", "4")
        control(emu.url, "PUT", "/scenarios/late", params={"tenant": "hook"}, json=LATE_WEBHOOK)
        hooked = launch(emu.url, "hook", "v2", webhook_receiver=receiver.url)
        advance(emu.url, seconds=5)  # the job ends at +1 s, its webhook is due at +31 s
        clock = control(emu.url, "GET", "/clock").json()

        stop = threading.Event()
        counted = LaunchCount(300)
        threads = [LoadThread(emu.url, "load-%d" % n, stop, counted) for n in range(6)]
        for thread in threads:
            thread.start()
        self.assertTrue(counted.reached.wait(60), "300 launches not answered in 60 s")
        self.assertTrue(all(t.is_alive() for t in threads),
                        [t.failure for t in threads if t.failure])
        self.assertEqual(emu.stop(signal.SIGKILL), -signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(timeout=TIMEOUT + 5)
            self.assertFalse(thread.is_alive())
            self.assertIsNone(thread.failure)
        self.assertTrue(any(t.cut for t in threads), "no launch was in flight at the kill")
        self.assertEqual(receiver.received, [], "the webhook was sent before it was due")

        emu = self.emulator("--clock", "manual", "--state", self.state, "--threads", "4")
        self.assertEqual(control(emu.url, "GET", "/clock").json(), clock)
        acknowledged = [(t.key, kind, public_id) for t in threads
                        for kind, public_id in t.acknowledged]
        self.assertGreaterEqual(len(acknowledged), 300)
        health = control(emu.url, "GET", "/health").json()
        self.assertGreaterEqual(health["jobs"], len(acknowledged) + 1)
        for key, kind, public_id in acknowledged + [("hook", "v2", hooked)]:
            answer = get_job(emu.url, key, kind, public_id)
            self.assertEqual(answer.status_code, 200, (key, kind, public_id, answer.text))

        self.assertTrue(until_idle(emu.url)["idle"])
        for key, kind, public_id in acknowledged:
            status = get_job(emu.url, key, kind, public_id).json()["status"]
            self.assertEqual(status, "finished" if kind == "v2" else "success", public_id)
        delivered = control(emu.url, "GET", "/await",
                            params={"webhook": hooked, "timeout": "10s"}).json()
        self.assertEqual(delivered["webhooks_delivered"], 1)
        self.assertEqual(len(receiver.received), 1)
        attempts = control(emu.url, "GET", "/webhooks", params={"job": hooked}).json()["attempts"]
        self.assertEqual([a["status"] for a in attempts], ["delivered"])

        first_of_load = threads[0].acknowledged[0]
        reference = self.uninterrupted_run(first_of_load[0])
        self.assertEqual(get_job(emu.url, "hook", "v2", hooked).content, reference["hook"])
        self.assertEqual(get_job(emu.url, "load-0", *first_of_load).content, reference["load"])
        self.assertEqual(receiver.received[0][1], reference["webhook"])

    def uninterrupted_run(self, load_kind):
        """The same launches of tenant "hook" and of load-0's first job on an emulator without
        --state that is never stopped: {"hook": body, "load": body, "webhook": body}."""
        with WebhookReceiver() as receiver, \
                Emulator("--clock", "manual", "--seed", "42") as emu:
            control(emu.url, "PUT", "/scenarios/late", params={"tenant": "hook"},
                    json=LATE_WEBHOOK)
            hooked = launch(emu.url, "hook", "v2", webhook_receiver=receiver.url)
            advance(emu.url, seconds=5)
            loaded = launch(emu.url, "load-0", load_kind)
            self.assertTrue(until_idle(emu.url)["idle"])
            control(emu.url, "GET", "/await", params={"webhook": hooked, "timeout": "10s"})
            return {"hook": get_job(emu.url, "hook", "v2", hooked).content,
                    "load": get_job(emu.url, "load-0", load_kind, loaded).content,
                    "webhook": receiver.received[0][1]}


class HeldReceiver(WebhookReceiver):
    """A WebhookReceiver whose first webhook is held unanswered until `release` is set (at most
    20 s); `holding` is set once it holds one."""

    def __init__(self):
        super().__init__()
        self.holding, self.release = threading.Event(), threading.Event()
        outer, answer = self, self.server.RequestHandlerClass.do_POST

        def do_post(handler):
            if not outer.holding.is_set():
                outer.holding.set()
                outer.release.wait(20)
                return  # no answer: the connection is closed
            answer(handler)

        self.server.RequestHandlerClass.do_POST = do_post


class InFlightTest(StateTestCase):
    def test_a_webhook_in_flight_at_a_sigkill_is_retried_after_the_restart(self):
        """A job's webhook attempt that the receiver has not answered when edenmock is killed
        counts as failed after the restart on the file (journal: attempt 1 failed), and its
        retry (attempt 2) is delivered."""
        receiver = HeldReceiver()
        self.addCleanup(receiver.__exit__)
        self.addCleanup(receiver.release.set)
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        hooked = launch(emu.url, "hook", "v2", webhook_receiver=receiver.url)
        advance(emu.url, seconds=3)
        self.assertTrue(receiver.holding.wait(10), "the webhook was not sent")
        in_flight = control(emu.url, "GET", "/webhooks", params={"job": hooked}).json()
        self.assertEqual([a["status"] for a in in_flight["attempts"]], ["in_flight"])
        advance(emu.url, ms=1)  # a committed call, so what was written behind is on disk too
        self.assertEqual(emu.stop(signal.SIGKILL), -signal.SIGKILL)
        receiver.release.set()

        emu = self.emulator("--clock", "manual", "--state", self.state)
        self.assertTrue(until_idle(emu.url)["idle"])
        control(emu.url, "GET", "/await", params={"webhook": hooked, "timeout": "10s"})
        attempts = control(emu.url, "GET", "/webhooks", params={"job": hooked}).json()["attempts"]
        self.assertEqual([(a["status"], a["attempt"]) for a in attempts],
                         [("failed", 1), ("delivered", 2)], attempts)
        self.assertEqual(len(receiver.received), 1)


class RestartTest(StateTestCase):
    def test_a_graceful_restart_gives_back_the_same_snapshot_and_the_same_answers(self):
        """Jobs of two tenants (v2 and v3, ended and mid-timeline, polled or not), a tenant's
        runtime scenario and an advanced clock: after SIGTERM and a restart on the file the
        snapshot is byte-identical, each job's GET body is the one it gave before the stop, and
        what follows (GETs after advancing the clock) is what an emulator that was never stopped
        answers to the same requests."""
        persistent = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        plain = self.emulator("--clock", "manual", "--seed", "42")
        jobs = []
        for emu in (persistent, plain):
            control(emu.url, "PUT", "/scenarios/slow", params={"tenant": "bob"}, json=SLOW)
            jobs = [(key, kind, launch(emu.url, key, kind))
                    for key in ("alice", "bob") for kind in ("v2", "v3", "v3", "v2")]
            advance(emu.url, seconds=1)
            for key, kind, public_id in jobs[::3]:
                get_job(emu.url, key, kind, public_id)
            advance(emu.url, seconds=1)
        before = snapshot(persistent.url)
        self.assertEqual(before, snapshot(plain.url))
        bodies = [get_job(persistent.url, *job).content for job in jobs]
        self.assertEqual(bodies, [get_job(plain.url, *job).content for job in jobs])
        before = snapshot(persistent.url)  # with the polls of those GETs

        stop_gracefully(persistent)
        persistent = self.emulator("--clock", "manual", "--state", self.state)
        self.assertEqual(snapshot(persistent.url), before)
        self.assertEqual([get_job(persistent.url, *job).content for job in jobs], bodies)

        for job in jobs:  # the same polls on the uninterrupted one, to stay in step
            get_job(plain.url, *job)
        for emu in (persistent, plain):
            advance(emu.url, seconds=5)
        self.assertEqual([get_job(persistent.url, *job).content for job in jobs],
                         [get_job(plain.url, *job).content for job in jobs])
        self.assertEqual(snapshot(persistent.url), snapshot(plain.url))

    def test_a_filename_that_is_not_utf8_is_kept_across_a_restart(self):
        """A multipart launch whose file's name holds a byte that is not UTF-8 (Latin-1 "é"):
        the snapshot shows it as U+FFFD, and after SIGKILL and a restart on the file the snapshot
        is the same and the job has finished (such a name once made the file refuse to
        open)."""
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        boundary = "edenmock-test-boundary"
        parts = [b'Content-Disposition: form-data; name="providers"\r\n\r\namazon',
                 b'Content-Disposition: form-data; name="language"\r\n\r\nen',
                 b'Content-Disposition: form-data; name="file"; filename="caf\xe9.wav"\r\n'
                 b'Content-Type: audio/wav\r\n\r\nRIFF0000WAVE']
        body = b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
        body += b"--" + boundary.encode() + b"--\r\n"
        answer = requests.post(emu.url + V2_FEATURE, data=body, timeout=TIMEOUT,
                               headers={**auth("alice"), "Content-Type":
                                        "multipart/form-data; boundary=" + boundary})
        self.assertEqual(answer.status_code, 200, answer.text)
        public_id = answer.json()["public_id"]
        advance(emu.url, seconds=60)  # answered once committed, like the launch
        saved = snapshot(emu.url)
        self.assertIn("caf\ufffd.wav", saved.decode("utf-8"))
        emu.stop(signal.SIGKILL, timeout=10)

        emu = self.emulator("--clock", "manual", "--state", self.state)
        self.assertEqual(snapshot(emu.url), saved)
        finished = get_job(emu.url, "alice", "v2", public_id)
        self.assertEqual(finished.status_code, 200, finished.text)
        self.assertEqual(finished.json()["status"], "finished")


class RefusalTest(StateTestCase):
    def test_a_text_file_is_refused(self):
        """A text file: "not an edenmock state file (not an SQLite database)", file unchanged."""
        with open(self.state, "w") as f:
            f.write("these are my notes, not a database\n" * 200)
        self.assert_refused(self.state, "not an edenmock state file (not an SQLite database)")

    def test_another_applications_database_is_refused(self):
        """An SQLite database with another application's table: "not an edenmock state file (an
        SQLite database of another application)", file unchanged."""
        with sqlite3.connect(self.state) as db:
            db.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
            db.execute("INSERT INTO invoices VALUES(1, 9.5)")
        db.close()
        self.assert_refused(
            self.state, "not an edenmock state file (an SQLite database of another application)")

    def test_a_corrupt_state_file_is_refused(self):
        """A real state file with garbage over the start of its second page: "corrupt state
        file: <SQLite's complaint>", file unchanged."""
        self.make_state_file()
        with open(self.state, "r+b") as f:
            self.assertGreater(os.path.getsize(self.state), 8192)
            f.seek(4096)
            f.write(bytes(range(7, 7 + 104)))
        self.assert_refused(self.state, "corrupt state file: ", prefix=True)

    def test_a_file_of_a_newer_schema_is_refused(self):
        """A real state file set to schema 99 and written by edenmock 9.9.9: "written by edenmock
        9.9.9 (state schema 99); this edenmock <version> reads schema 4 and older", file
        unchanged."""
        self.make_state_file()
        with sqlite3.connect(self.state) as db:
            (version,) = db.execute("SELECT value FROM meta WHERE name = 'written_by'").fetchone()
            db.execute("UPDATE meta SET value = '9.9.9' WHERE name = 'written_by'")
            db.execute("PRAGMA user_version = 99")
        db.close()
        self.assert_refused(self.state, "written by edenmock 9.9.9 (state schema 99); this "
                                        "edenmock %s reads schema 4 and older" % version)

    def test_a_refused_wal_file_gets_no_new_file_beside_it(self):
        """Refused as corrupt or as newer, a state file's directory holds the same files with
        the same bytes afterwards (no -wal or -shm left behind)."""
        self.make_state_file()
        with sqlite3.connect(self.state) as db:
            db.execute("PRAGMA user_version = 99")
        db.close()
        before = self.files_of(self.dir)
        out = run_to_exit("--state", self.state)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(self.files_of(self.dir), before)

    def test_a_path_under_a_regular_file_is_refused(self):
        """--state <file>/state.db: "cannot write: Not a directory"."""
        regular = os.path.join(self.dir, "file.txt")
        with open(regular, "w") as f:
            f.write("a file\n")
        self.assert_refused(os.path.join(regular, "state.db"), "cannot write: Not a directory")
        self.assertEqual(os.listdir(self.dir), ["file.txt"])

    def test_a_path_in_a_missing_directory_is_refused(self):
        """--state <missing>/state.db: "cannot write: No such file or directory"."""
        self.assert_refused(os.path.join(self.dir, "missing", "state.db"),
                            "cannot write: No such file or directory")
        self.assertEqual(os.listdir(self.dir), [])

    def test_a_file_in_use_by_another_edenmock_is_refused_and_the_first_keeps_serving(self):
        """A second edenmock on the file of a running one: "in use by another edenmock (the
        file is locked)"; the first one still answers launches (which commit) and GETs."""
        first = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        public_id = launch(first.url, "alice", "v2")
        out = run_to_exit("--state", self.state, "--clock", "manual")
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(out.stdout, "")
        self.assertEqual(out.stderr, "edenmock: --state %s: in use by another edenmock (the "
                                     "file is locked)\n" % self.state)
        self.assertEqual(get_job(first.url, "alice", "v2", public_id).status_code, 200)
        later = launch(first.url, "alice", "v3")
        self.assertEqual(get_job(first.url, "alice", "v3", later).status_code, 200)

    def test_a_file_in_use_is_left_byte_for_byte_unchanged(self):
        """The refused second start writes nothing: the file (and its -wal and -shm) hash the
        same before and after it, while the first edenmock is stopped (SIGSTOP: its
        checkpointer would write on its own)."""
        first = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        launch(first.url, "alice", "v2")
        first.proc.send_signal(signal.SIGSTOP)
        self.addCleanup(first.proc.send_signal, signal.SIGCONT)
        before = self.files_of(self.dir)
        out = run_to_exit("--state", self.state)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(self.files_of(self.dir), before)


SEED_MISMATCH = "its state was made with --seed 42; start with --seed 42 or without --seed"


class SeedTest(StateTestCase):
    def test_a_different_seed_is_refused(self):
        """A file made with --seed 42 started with --seed 43: exit 1, stdout empty, the one line
        "edenmock: --state <path>: its state was made with --seed 42; start with --seed 42 or
        without --seed"; then it still starts with --seed 42 and serves its jobs."""
        jobs = self.make_state_file()
        out = run_to_exit("--state", self.state, "--clock", "manual", "--seed", "43")
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertEqual(out.stdout, "")
        self.assertEqual(out.stderr, "edenmock: --state %s: %s\n" % (self.state, SEED_MISMATCH))
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        for job in jobs:
            self.assertEqual(get_job(emu.url, *job).status_code, 200)

    def test_a_different_seed_leaves_the_file_byte_for_byte_unchanged(self):
        """The --seed 43 start refused above leaves the file's bytes (sha256) as they were."""
        self.make_state_file()
        self.assert_refused(self.state, SEED_MISMATCH, "--seed", "43")

    def test_the_same_seed_is_accepted(self):
        """A file made with --seed 42 started with --seed 42 again serves its jobs."""
        jobs = self.make_state_file()
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        for job in jobs:
            self.assertEqual(get_job(emu.url, *job).status_code, 200)

    def test_without_seed_the_files_seed_is_taken(self):
        """Restarted without --seed, the emulator draws the next ids and results from the
        file's seed: the launches after the restart give the ids and bodies an emulator started
        with --seed 42 gives to the same launches."""
        jobs = self.make_state_file()
        emu = self.emulator("--clock", "manual", "--state", self.state)
        later = [(key, kind, launch(emu.url, key, kind)) for key, kind, _ in jobs[:2]]
        advance(emu.url, seconds=3)
        with Emulator("--clock", "manual", "--seed", "42") as plain:
            for key, kind, _ in jobs:
                launch(plain.url, key, kind)
            advance(plain.url, seconds=3)
            self.assertEqual([launch(plain.url, key, kind) for key, kind, _ in later],
                             [public_id for _, _, public_id in later])
            advance(plain.url, seconds=3)
            self.assertEqual([get_job(plain.url, *job).content for job in later],
                             [get_job(emu.url, *job).content for job in later])


class MigrationTest(StateTestCase):
    def test_a_schema_1_file_is_migrated_and_serves_the_same_jobs(self):
        """A real state file downgraded to schema 1 (no meta table, records WITHOUT ROWID,
        user_version 1): the restart migrates it (user_version 4, meta saying who created and
        wrote it, records in a rowid table without an index), the snapshot is the one taken before the downgrade
        and every job answers the same body."""
        emu = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        jobs = [(key, kind, launch(emu.url, key, kind))
                for key in ("alice", "bob") for kind in ("v2", "v3")]
        advance(emu.url, seconds=1)
        bodies = [get_job(emu.url, *job).content for job in jobs]
        before = snapshot(emu.url)
        stop_gracefully(emu)
        with sqlite3.connect(self.state) as db:
            (version,) = db.execute("SELECT value FROM meta WHERE name = 'written_by'").fetchone()
            db.execute("DROP TABLE meta")
            db.executescript(
                "CREATE TABLE r1(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
                "PRIMARY KEY(kind, key)) WITHOUT ROWID;"
                "INSERT INTO r1 SELECT kind, key, value FROM records;"
                "DROP TABLE records; ALTER TABLE r1 RENAME TO records;")
            db.execute("PRAGMA user_version = 1")
        db.close()
        self.assertFalse(os.path.exists(self.state + "-wal"))

        emu = self.emulator("--clock", "manual", "--state", self.state)
        self.assertEqual(snapshot(emu.url), before)
        self.assertEqual([get_job(emu.url, *job).content for job in jobs], bodies)
        stop_gracefully(emu)
        with sqlite3.connect(self.state) as db:
            self.assertEqual(db.execute("PRAGMA user_version").fetchone(), (4,))
            (table,) = db.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'records'").fetchone()
            indexes = db.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'records' "
                "AND type = 'index'").fetchall()
            self.assertEqual(db.execute("PRAGMA application_id").fetchone(), (0x65646d6b,))
            meta = dict(db.execute("SELECT name, value FROM meta"))
        db.close()
        self.assertEqual(meta, {"created_by": "unknown (schema 1)", "written_by": version})
        self.assertNotIn("WITHOUT ROWID", table)
        self.assertEqual(indexes, [])


class RequestJournalTest(StateTestCase):
    def requests(self, url):
        return control(url, "GET", "/requests").json()

    def test_the_request_journal_survives_a_restart_and_a_sigkill(self):
        """--request-journal-size 3 and five API requests: after a graceful restart the journal
        is the same (3 records, 2 dropped) and the next request gets seq 6; after a reset of
        bob's records and a SIGKILL a moment later (the reset's answer waited for the commit of
        the journal it rewrote; the records of requests after it gather for up to a second),
        bob's records are still gone and the last launch's record is there or not at all."""
        emu = self.emulator("--clock", "manual", "--seed", "42", "--request-journal-size", "3",
                            "--state", self.state)
        for key, kind in (("alice", "v2"), ("alice", "v3"), ("bob", "v2"), ("alice", "v2")):
            launch(emu.url, key, kind)
        get_job(emu.url, "bob", "v2", "00000000-0000-0000-0000-000000000000")  # a 404
        before = self.requests(emu.url)
        self.assertEqual([r["seq"] for r in before["requests"]], [3, 4, 5])
        self.assertEqual(before["journal_dropped"], 2)
        stop_gracefully(emu)

        emu = self.emulator("--clock", "manual", "--request-journal-size", "3",
                            "--state", self.state)
        self.assertEqual(self.requests(emu.url), before)
        launch(emu.url, "carol", "v2")
        self.assertEqual([r["seq"] for r in self.requests(emu.url)["requests"]], [4, 5, 6])
        control(emu.url, "POST", "/reset", params={"tenant": "bob"})
        after = self.requests(emu.url)
        self.assertEqual([r["tenant"] for r in after["requests"]], ["alice", "carol"])
        launch(emu.url, "alice", "v3")  # answered once committed, with the reset before it
        emu.stop(signal.SIGKILL, timeout=10)

        emu = self.emulator("--clock", "manual", "--request-journal-size", "3",
                            "--state", self.state)
        kept = [(r["tenant"], r["method"]) for r in self.requests(emu.url)["requests"]]
        self.assertIn(kept, ([("alice", "POST"), ("carol", "POST")],
                             [("alice", "POST"), ("carol", "POST"), ("alice", "POST")]))


    def test_chunks_of_dropped_records_leave_the_file_and_a_smaller_journal_is_cut(self):
        """A hundred launches, each followed by a poll, with --request-journal-size 5: each
        launch's commit ends a chunk, so at least 100 were written, but chunks whose records
        were all dropped leave the file 64 at a time, and those left are not read back; a
        restart with --request-journal-size 2 keeps the two newest and counts the rest as
        dropped."""
        emu = self.emulator("--clock", "manual", "--request-journal-size", "5",
                            "--state", self.state)
        for _ in range(100):
            public_id = launch(emu.url, "alice", "v2")
            get_job(emu.url, "alice", "v2", public_id)
        before = self.requests(emu.url)
        self.assertEqual([r["seq"] for r in before["requests"]], [196, 197, 198, 199, 200])
        self.assertEqual(before["journal_dropped"], 195)
        stop_gracefully(emu)
        with sqlite3.connect(self.state) as db:
            chunks = [value for (value,) in
                      db.execute("SELECT value FROM records WHERE kind = 'requests'")]
        db.close()
        self.assertLessEqual(len(chunks), 64 + 5 + 1, "chunks of dropped records were kept")
        seqs = [json.loads(line)["seq"] for chunk in chunks for line in chunk.split("\n")]
        self.assertEqual(sorted(seqs)[-5:], [196, 197, 198, 199, 200])

        emu = self.emulator("--clock", "manual", "--request-journal-size", "5",
                            "--state", self.state)
        self.assertEqual(self.requests(emu.url), before)
        stop_gracefully(emu)
        emu = self.emulator("--clock", "manual", "--request-journal-size", "2",
                            "--state", self.state)
        after = self.requests(emu.url)
        self.assertEqual(after["requests"], before["requests"][-2:])
        self.assertEqual(after["journal_dropped"], before["journal_dropped"] + 3)


class RestoreIntoStateTest(StateTestCase):
    def saved_snapshot(self, seed):
        """A snapshot file of an in-memory emulator with that seed where alice launched a v2
        and a v3 job, 3 s ago: (path, [(key, kind, public_id)])."""
        source = self.emulator("--clock", "manual", "--seed", str(seed))
        jobs = [("alice", kind, launch(source.url, "alice", kind)) for kind in ("v2", "v3")]
        advance(source.url, seconds=3)
        saved = os.path.join(self.dir, "snapshot.json")
        with open(saved, "wb") as f:
            f.write(snapshot(source.url))
        stop_gracefully(source)
        return saved, jobs

    def state_with_bobs_job(self):
        """A state file of seed 42 holding one v2 job of bob's: its public_id."""
        first = self.emulator("--clock", "manual", "--seed", "42", "--state", self.state)
        own = launch(first.url, "bob", "v2")
        stop_gracefully(first)
        return own

    def test_a_restore_replaces_the_files_state_and_is_written_to_it(self):
        """--state with --restore: the file's state is loaded, the snapshot replaces it (the
        file's own job answers 404, the snapshot's jobs answer) and is written, so the next
        start without --restore carries on from the snapshot, byte for byte."""
        saved, jobs = self.saved_snapshot(42)
        own = self.state_with_bobs_job()

        restored = self.emulator("--clock", "manual", "--state", self.state, "--restore", saved)
        self.assertEqual(get_job(restored.url, "bob", "v2", own).status_code, 404)
        answers = [get_job(restored.url, *job) for job in jobs]
        self.assertEqual([answer.status_code for answer in answers], [200, 200])
        bodies = [answer.content for answer in answers]
        stop_gracefully(restored)

        later = self.emulator("--clock", "manual", "--state", self.state)
        self.assertEqual(get_job(later.url, "bob", "v2", own).status_code, 404)
        self.assertEqual([get_job(later.url, *job).content for job in jobs], bodies)

    def test_a_snapshot_of_another_seed_is_refused_and_the_file_kept(self):
        """A --restore snapshot taken with seed 7 into a --state file of seed 42: exit 1 naming
        the snapshot's seed, and the file still holds its own job."""
        saved, _ = self.saved_snapshot(7)
        own = self.state_with_bobs_job()
        out = run_to_exit("--clock", "manual", "--state", self.state, "--restore", saved)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertTrue(out.stderr.startswith("edenmock: --restore %s: $.seed" % saved),
                        out.stderr)
        later = self.emulator("--clock", "manual", "--state", self.state)
        self.assertEqual(get_job(later.url, "bob", "v2", own).status_code, 200)


class NoStateTest(StateTestCase):
    def test_without_state_nothing_is_written(self):
        """Without --state, an emulator run in an empty directory (launches, GETs, clock, stop)
        leaves that directory empty."""
        work = os.path.join(self.dir, "cwd")
        os.mkdir(work)
        emu = self.emulator("--clock", "manual", "--seed", "42", cwd=work)
        public_id = launch(emu.url, "alice", "v2")
        v3 = launch(emu.url, "alice", "v3")
        advance(emu.url, seconds=3)
        self.assertEqual(get_job(emu.url, "alice", "v2", public_id).status_code, 200)
        self.assertEqual(get_job(emu.url, "alice", "v3", v3).status_code, 200)
        stop_gracefully(emu)
        self.assertEqual(os.listdir(work), [])


if __name__ == "__main__":
    # NoStateTest runs the binary in another directory: a relative --binary would be lost there.
    at = sys.argv.index("--binary") + 1
    sys.argv[at] = os.path.abspath(sys.argv[at])
    edenmock.main()
