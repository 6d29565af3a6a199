#!/usr/bin/env python3
"""Webhook delivery rate: JOBS speech-to-text jobs (default 5000) launched on the manual clock,
each with a webhook_receiver on one loopback receiver (the bare Beast anchor, which answers every
POST 200 over keep-alive), then one clock advance of 2 s makes them all due at once (the
default scenario's jobs end at 2 s; the clock then stays there, so no attempt times out on it).
For unsigned and signed deliveries it prints how long the advance call took to answer, and the
deliveries per second from the advance to the last delivery
(edenmock_webhook_attempts_total{status="delivered"} polled every 10 ms), after one delivery
that makes the signing key. It also prints this machine's RSA-2048 signing rate per core and on
all cores (openssl speed), what signed deliveries are measured against.

Usage: bench/webhook_rate.py path/to/edenmock path/to/bench_anchor [JOBS]
  (the anchor: cmake --build build/release --target bench_anchor)
"""

import http.client
import os
import subprocess
import sys
import time

from edenmock_bench import attempts, call, delivered, start

def measure(edenmock, receiver, jobs, signing):
    proc, host = start([edenmock, "--port", "0", "--clock", "manual", "--seed", "1",
                        "--log-level", "warn", "--webhook-signing", signing])
    try:
        conn = http.client.HTTPConnection(host)
        body = {"providers": "amazon", "file_url": "https://x.test/a.wav", "language": "en",
                "webhook_receiver": f"http://{receiver}/hook"}
        stt = "/v2/audio/speech_to_text_async"
        # One delivery first: the signing key is generated at the first signature (up to half a
        # second, once per emulator without --webhook-key or a state file's key).
        call(conn, "POST", stt, body)
        call(conn, "POST", "/_emulator/clock/advance", {"seconds": 2})
        while delivered(conn) < 1:
            time.sleep(0.01)
        for _ in range(jobs):
            call(conn, "POST", stt, body)
        started = time.monotonic()
        call(conn, "POST", "/_emulator/clock/advance", {"seconds": 2})
        answered = time.monotonic() - started
        deadline = started + 300
        while delivered(conn) < jobs + 1:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {delivered(conn)} of {jobs} delivered in 300 s")
            time.sleep(0.01)
        rate = jobs / (time.monotonic() - started)
        failed = attempts(conn, "failed")
        if failed > 0:
            raise RuntimeError(f"{failed} attempts failed: the rate would count retries")
        return answered, rate
    finally:
        proc.terminate()
        proc.wait()


def signing_rate():
    out = subprocess.run(["openssl", "speed", "-seconds", "3", "rsa2048"], capture_output=True,
                         text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("rsa 2048 bits"))
    return float(line.split()[-2])  # sign/s, verify/s are the last two columns


def main():
    edenmock, anchor = sys.argv[1], sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    receiver_proc, receiver = start([anchor, "--port", "0"])
    try:
        per_core = signing_rate()
        cores = os.cpu_count()
        print(f"RSA-2048 signatures: {per_core:,.0f}/s per core, {per_core * cores:,.0f}/s on "
              f"{cores} cores (openssl speed)")
        print(f"{'deliveries':<12} {'jobs':>6} {'advance answered':>17} {'delivered/s':>12}")
        for signing, name in (("off", "unsigned"), ("on", "signed")):
            answered, rate = measure(edenmock, receiver, jobs, signing)
            print(f"{name:<12} {jobs:>6} {answered * 1000:>14.0f} ms {rate:>12,.0f}")
    finally:
        receiver_proc.terminate()
        receiver_proc.wait()


if __name__ == "__main__":
    main()
