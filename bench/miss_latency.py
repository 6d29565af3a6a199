#!/usr/bin/env python3
"""What a near-miss hint costs: starts edenmock (manual clock, logging off), then times
sequential GETs over one keep-alive connection for an answered route and for 404s with and
without a near route, and prints the mean latency of each (microseconds per request).

Usage: bench/miss_latency.py path/to/edenmock [N [edenmock flags...]]   (e.g. 10000 --hints off)
"""

import http.client
import subprocess
import sys
import time

PATHS = [
    ("health (no hint)", "/_emulator/health"),
    ("v2 list (no hint)", "/v2/audio/speech_to_text_async"),
    ("404 near a route", "/v2/audio/speech_to_text"),
    ("404 near no route", "/zzz/qqq/www"),
    ("404 listing the control routes", "/_emulator/zzz"),
]


def mean_micros(connection, path, count):
    start = time.perf_counter()
    for _ in range(count):
        connection.request("GET", path, headers={"Authorization": "Bearer bench"})
        connection.getresponse().read()
    return (time.perf_counter() - start) / count * 1e6


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    proc = subprocess.Popen([binary, "--port", "0", "--clock", "manual", "--log-level", "off", *sys.argv[3:]],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline().split(":")[-1])
        connection = http.client.HTTPConnection("127.0.0.1", port)
        for label, path in PATHS:
            mean_micros(connection, path, count // 10)  # warm up
            print(f"{label:32} {path:34} {mean_micros(connection, path, count):6.0f} us/request")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
