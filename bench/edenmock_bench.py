"""Shared by the Python benchmarks: starting a server and reading its ready line, calling the
API over a keep-alive connection, and reading webhook attempt counts from the metrics."""

import http.client
import json
import re
import subprocess


def start(command):
    """Starts a server (edenmock or the anchor) on --port 0: the process and its host:port."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if "listening on http://" in line:
            return proc, line.split()[-1].removeprefix("http://")
    raise RuntimeError(f"{command[0]} did not start")


def call(conn: http.client.HTTPConnection, method, path, body=None, tenant="bench"):
    """One request as tenant `tenant` with a JSON body; the answer's text (it must be 200)."""
    headers = {"Authorization": f"Bearer {tenant}", "Content-Type": "application/json"}
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = conn.getresponse()
    text = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"{method} {path}: {response.status} {text[:200]}")
    return text


def attempts(conn, status):
    """Webhook attempts that reached `status` (delivered, failed, ...) so far."""
    series = re.compile(r'^edenmock_webhook_attempts_total\{status="' + status + r'"\} (\S+)$', re.M)
    found = series.search(call(conn, "GET", "/_emulator/metrics"))
    return int(float(found.group(1))) if found else 0


def delivered(conn):
    """Webhook attempts delivered so far."""
    return attempts(conn, "delivered")
