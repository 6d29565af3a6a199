#!/usr/bin/env python3
"""Memory per job: starts edenmock (manual clock, logging off), launches N speech-to-text jobs
with a 100 KB multipart upload each over one keep-alive connection, and reports the resident
memory growth per job (VmRSS from /proc). Uploaded bytes must not be kept, so the figure should
stay far below the upload size.

Usage: bench/job_memory.py path/to/edenmock [N]
"""

import subprocess
import sys

import requests


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    proc = subprocess.Popen([binary, "--port", "0", "--clock", "manual", "--seed", "1", "--log-level", "off"],
                            stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().split()[-1] + "/v2/audio/speech_to_text_async"
    session = requests.Session()
    session.headers["Authorization"] = "Bearer bench"
    upload = b"\0" * 100_000
    try:
        # Warm up allocator pools and connection state before the baseline.
        for _ in range(200):
            session.post(url, data={"providers": "amazon,google", "language": "en"},
                         files={"file": ("audio.mp3", upload)}).raise_for_status()
        before = rss_kib(proc.pid)
        for _ in range(count):
            session.post(url, data={"providers": "amazon,google", "language": "en"},
                         files={"file": ("audio.mp3", upload)}).raise_for_status()
        after = rss_kib(proc.pid)
        print(f"{count} jobs (2 providers, 100 KB upload each): RSS +{after - before} KiB, "
              f"{(after - before) * 1024 / count:.0f} bytes per job")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
