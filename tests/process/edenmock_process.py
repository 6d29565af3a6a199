"""What the process tests share: the edenmock binary they run (from --binary), an emulator
process on an ephemeral port, a loopback webhook receiver, a WAV file to upload, and the entry
point that runs a test file's tests."""

import http.server
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import unittest

BINARY = None  # set by main() from --binary


def wav_bytes(seconds=2, channels=1, rate=8000):
    """A silent 16-bit PCM WAV file, like the audio.wav of Eden's guide."""
    data = b"\0" * (rate * seconds * 2 * channels)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate, rate * 2 * channels, 2 * channels, 16
    ) + b"data" + struct.pack("<I", len(data))
    return header + data


class Emulator:
    """An edenmock process on an ephemeral port, stopped (SIGTERM) on exit. With `program` (a
    script that starts edenmock, such as scripts/run.sh), that runs with `args` alone, in `cwd`;
    `env` replaces the environment instead of adding to it."""

    def __init__(self, *args, env=None, program=None, cwd=None):
        self.dir = tempfile.TemporaryDirectory()
        self.port_file = os.path.join(self.dir.name, "port")
        if program is None:
            command = [BINARY, "--port", "0", "--port-file", self.port_file, "--log-level", "warn",
                       *args]
            environment = {**os.environ, **(env or {})}
        else:
            command, environment = [program, *args], env
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=environment, cwd=cwd)
        self.ready_line = self.proc.stdout.readline().rstrip("\n")
        if not self.ready_line:
            raise RuntimeError("edenmock did not start: " + self.proc.stderr.read())
        self.url = self.ready_line.rsplit(" ", 1)[-1]

    def stop(self, sig=signal.SIGTERM, timeout=5):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout)
        self.proc.stdout.close()
        self.proc.stderr.close()
        self.dir.cleanup()
        return code

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()


class WebhookReceiver:
    """A loopback HTTP server that records the webhooks POSTed to it and answers 200."""

    def __init__(self):
        self.received = []  # (headers, body bytes)
        self.arrived = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                outer.received.append((dict(self.headers), self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                outer.arrived.set()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def main():
    """Runs the tests of the calling file: <file> --binary path/to/edenmock [unittest options]."""
    global BINARY
    args = sys.argv[1:]
    at = args.index("--binary")
    BINARY = args[at + 1]
    del args[at:at + 2]
    unittest.main(module="__main__", argv=[sys.argv[0], *args], verbosity=2)
