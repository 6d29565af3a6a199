#!/usr/bin/env python3
"""Lateness of due transitions and their webhooks on the real clock: JOBS speech-to-text jobs
(default 100,000) launched evenly over SECONDS (default 60) across 100 tenants, each with a
webhook_receiver on one loopback receiver (the bare Beast anchor), so their ends (the default
scenario's, 2 s after launch) fall due over that minute while one client polls a job without
pause (wrk, 2 connections). Prints, from the webhook journal, how late each job's delivery went out after the job's
end was due (sent_at - scheduled_at: the timer's lateness and the signing queue's together), at
p50, p99 and max, and the poll rate during the launches against the rate before them.

Usage: bench/transition_lateness.py path/to/edenmock path/to/bench_anchor [JOBS] [SECONDS]
  (SIGNING=off in the environment: unsigned deliveries)
  (the anchor: cmake --build build/release --target bench_anchor)
"""

import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import time

from edenmock_bench import call, delivered, start

TENANTS = 100


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def poll_rate(host, path, seconds):
    """Starts wrk polling one job (2 connections) for `seconds`; wait() on it gives polls/s."""
    return subprocess.Popen(["wrk", "-t1", "-c2", f"-d{seconds}s", "-H", "Authorization: Bearer poller",
                             f"http://{host}{path}"], stdout=subprocess.PIPE, text=True)


def rate_of(wrk):
    out = wrk.communicate()[0]
    return float(re.search(r"Requests/sec:\s+(\S+)", out).group(1))


def percentile(values, p):
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def main():
    edenmock, anchor = sys.argv[1], sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 60
    receiver_proc, receiver = start([anchor, "--port", "0"])
    proc, host = start([edenmock, "--port", "0", "--clock", "real", "--seed", "1",
                        "--log-level", "warn", "--webhook-journal-size", str(jobs + 10),
                        "--webhook-signing", os.environ.get("SIGNING", "on")])
    try:
        stt = "/v2/audio/speech_to_text_async"
        conn = http.client.HTTPConnection(host)
        polled = json.loads(call(conn, "POST", stt, {"providers": "amazon", "file_url": "https://x.test/a.wav"},
                                 "poller"))
        polled_path = f"{stt}/{polled['public_id']}"
        baseline = rate_of(poll_rate(host, polled_path, 5))
        body = {"providers": "amazon", "file_url": "https://x.test/a.wav",
                "webhook_receiver": f"http://{receiver}/hook"}
        # One delivery first: the signing key is generated at the first signature (up to half a
        # second, once per emulator without --webhook-key or a state file's key).
        call(conn, "POST", stt, body, "warm-up")
        while delivered(conn) < 1:
            time.sleep(0.1)
        polls = poll_rate(host, polled_path, int(seconds))
        started = time.monotonic()
        for i in range(jobs):
            due = started + seconds * i / jobs
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            call(conn, "POST", stt, body, f"bench-{i % TENANTS}")
        launch_seconds = time.monotonic() - started
        during = rate_of(polls)
        deadline = time.monotonic() + 120
        while True:
            if delivered(conn) >= jobs + 1:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("deliveries did not all arrive within 120 s")
            time.sleep(0.1)
        late = []
        for t in range(TENANTS):
            journal = json.loads(call(conn, "GET", f"/_emulator/webhooks?tenant=bench-{t}"))
            for attempt in journal["attempts"]:
                late.append((instant(attempt["sent_at"]) - instant(attempt["scheduled_at"])) * 1000)
        late.sort()
        print(f"{jobs} jobs launched over {launch_seconds:.1f} s, {len(late)} deliveries")
        print(f"delivery after due: p50 {percentile(late, 50):.2f} ms, "
              f"p99 {percentile(late, 99):.2f} ms, max {late[-1]:.2f} ms")
        print(f"polls of one job: {baseline:,.0f}/s before, {during:,.0f}/s during the launches")
    finally:
        proc.terminate()
        proc.wait()
        receiver_proc.terminate()
        receiver_proc.wait()


if __name__ == "__main__":
    main()
