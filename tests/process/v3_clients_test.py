"""Eden AI's real v3 clients, reproduced from their write-ups in the project's reference notes
(v3/clients/*.md), each run against the edenmock executable with only its base URL changed:
Eden's cookbook demos voice-web-research, news-to-video and directors-cut (base ending in /v3),
the official n8n node (base ending in /v3), Eden's batch OCR tables guide, the Symfony AI bridge
and Eden's docs tooling (base: the host). Each client keeps its own poll interval and limit; the
emulator runs with --clock auto, so its time skips while a client sleeps, and the clients run
concurrently (each with its own API key, so its own tenant), since none of them forbids it.
Fail paths name a scenario in X-Edenmock-Scenario; webhooks of the n8n and Symfony flows are
checked with Eden's Python verification sample.

Run: python3 v3_clients_test.py --binary path/to/edenmock [unittest options]
"""

import concurrent.futures
import contextlib
import csv
import datetime
import hashlib
import io
import json
import os
import struct
import tempfile
import time
import unittest
import zlib

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

import edenmock_process as edenmock
from edenmock_process import Emulator, WebhookReceiver, wav_bytes

SEED = "20260901"

# One API key (so one tenant) per client: a client that lists or deletes its files sees only its
# own.
KEYS = {name: "key-" + name for name in
        ["voice-web-research", "news-to-video", "directors-cut", "n8n", "batch-ocr", "symfony",
         "docs-tools"]}

# The fail paths' scenario. Without a match rule a scenario meets every launch, so the rule
# keeps it to the launches that name it.
FAILING = "provider-exploded"
FAILING_SCENARIO = {
    "match": {"headers": {"X-Edenmock-Scenario": FAILING}},
    "timelines": {"*": [{"after": "1s", "status": "failed",
                         "error": {"type": "ProviderException", "message": "provider exploded"}}]},
}

# How long a test waits for a client's flow, and for a webhook, at most.
FLOW_TIMEOUT = 120
WEBHOOK_TIMEOUT = 30


def pause(seconds):
    """The client's own sleep between two polls; under --clock auto the emulator skips time
    while it lasts."""
    time.sleep(seconds)


# --- Files the clients upload ---------------------------------------------------------------

def browser_recording():
    """A browser's MediaRecorder output as voice-web-research uploads it: WebM (EBML magic),
    48 KB, so about three seconds of speech at 128 kbit/s."""
    return b"\x1a\x45\xdf\xa3" + bytes(48_000)


def png_frame(width=320, height=180):
    """A drawn frame as directors-cut uploads it: an RGB PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\0" + bytes([40, 90, 160]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def minimal_pdf(pages=1):
    """A PDF of empty pages (the docs test suite's session fixture is a one-page one)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<</Type/Catalog/Pages 2 0 R>>",
               f"<</Type/Pages/Kids[{kids}]/Count {pages}>>".encode()]
    objects += [b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- What the test gives every client -------------------------------------------------------

def transport(scenario=None):
    """The HTTP session a client is handed: it keeps every answer (`session.answers`) for the
    test to read, and on a fail path names the scenario in X-Edenmock-Scenario (the test's
    addition; no client sends it)."""
    session = requests.Session()
    session.answers = []
    session.hooks["response"].append(lambda response, *_, **__: session.answers.append(response))
    if scenario:
        session.headers["X-Edenmock-Scenario"] = scenario
    return session


def job_answers(session):
    """The answers to GET /v3/universal-ai/async/{id} a session received, in order."""
    return [r for r in session.answers
            if r.request.method == "GET" and "/universal-ai/async/" in r.request.url]


def eden_v3_signature_is_valid(public_key_pem, payload, signature_hex):
    """Eden's v3 receiver sample (webhooks page, Python tab): the payload re-serialized
    canonically (sorted keys, 2-space indent, UTF-8), its SHA-256 hex digest, and an RSA PKCS#1
    v1.5 SHA-256 signature over the ASCII of that digest."""
    canonical = json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False).encode()
    hash_hex = hashlib.sha256(canonical).hexdigest()
    public_key = serialization.load_pem_public_key(public_key_pem)
    try:
        public_key.verify(bytes.fromhex(signature_hex), hash_hex.encode(), padding.PKCS1v15(),
                          hashes.SHA256())
        return True
    except InvalidSignature:
        return False


def iso_time(text):
    """An ISO-8601 time as the emulator writes it (a trailing Z, or an offset)."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- edenai/cookbook: voice-web-research, news-to-video, directors-cut ----------------------

class CookbookClient:
    """The `edenai.py` of Eden's cookbook demos: one client with `Authorization: Bearer <key>`,
    and `call()`, which turns HTTP >= 400 and a 2xx body with status "fail" into RuntimeError;
    news-to-video and directors-cut add their demo's `tags` to every JSON body."""

    def __init__(self, base, key, session, tags=None, timeout=30):
        self.base = base
        self.session = session
        self.session.headers["Authorization"] = "Bearer " + key
        self.tags = tags
        self.timeout = timeout

    def call(self, method, path, **kwargs):
        if self.tags and "json" in kwargs:
            kwargs["json"] = {**kwargs["json"], "tags": self.tags}
        response = self.session.request(method, self.base + path, timeout=self.timeout, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"Eden AI {path}: HTTP {response.status_code}: {response.text[:300]}")
        body = response.json()
        if body.get("status") == "fail":  # "provider failures come back as HTTP 200"
            error = body.get("error")
            message = error.get("message") if isinstance(error, dict) else error
            raise RuntimeError(f"{body.get('provider')} failed: {message}")
        return body

    def upload(self, filename, content, content_type):
        return self.call("POST", "/upload", files={"file": (filename, content, content_type)},
                         data={"expires_in_days": "1"})["file_id"]


STT_GRADIUM = "audio/speech_to_text_async/gradium"


def voice_transcribe(client, audio, filename="question.webm", content_type="audio/webm"):
    """voice-web-research's speech-to-text: upload, launch, then up to 30 GETs, sleeping 1 s
    after each answer that is not a success."""
    file_id = client.upload(filename, audio, content_type)
    job = client.call("POST", "/universal-ai/async",
                      json={"model": STT_GRADIUM, "input": {"file": file_id, "language": "en"}})
    for _ in range(30):
        body = client.call("GET", f"/universal-ai/async/{job['public_id']}")
        if body["status"] == "success":
            return {"text": body["output"]["text"], "provider": body["provider"],
                    "cost": float(body.get("cost") or 0)}
        pause(1)
    raise RuntimeError("transcription took longer than 30s")


def voice_in_catalog(base, model):
    """voice-web-research's startup check: GET {base}/info/{feature}/{subfeature} with no auth
    header (a plain GET, not the client), and the model's membership in models[].model."""
    feature, subfeature = model.split("/")[:2]
    response = requests.get(f"{base}/info/{feature}/{subfeature}", timeout=30)
    response.raise_for_status()
    return model in {entry["model"] for entry in response.json()["models"]}


def voice_web_research(base, scenario=None):
    """The demo's speech step inside its 60 s wait_for: the transcript, and the session."""
    session = transport(scenario)
    client = CookbookClient(base, KEYS["voice-web-research"], session)
    started = time.monotonic()
    try:
        result = voice_transcribe(client, browser_recording())
    except RuntimeError as error:
        result = {"error": str(error)}
    result["seconds"] = time.monotonic() - started
    return result, session


def cookbook_video(client, model, text, seconds, timeout, extra_input=None, provider_params=None):
    """The cookbook's `video()`: launch, then GET every 2 s until status is success (deadline
    `timeout` seconds), then download output.video_resource_url with a separate client that
    sends no Authorization ("these are CDN links")."""
    body = {"model": model, "input": {"text": text, "duration": seconds, **(extra_input or {})}}
    if provider_params is not None:
        body["provider_params"] = provider_params
    public_id = client.call("POST", "/universal-ai/async", json=body)["public_id"]
    deadline = time.monotonic() + timeout
    while True:
        job = client.call("GET", f"/universal-ai/async/{public_id}")
        if job["status"] == "success":
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"video job {public_id} still running after {timeout}s")
        pause(2)
    cdn = requests.get(job["output"]["video_resource_url"], timeout=120)
    cdn.raise_for_status()
    return {"public_id": public_id, "provider": job["provider"], "model": job["model"],
            "cost": float(job.get("cost") or 0), "download": cdn}


PRUNA = "video/generation_async/pruna/p-video"


def news_to_video(base, scenario=None, clips=3):
    """news-to-video's clips: `clips` jobs at once (asyncio.gather in the demo), 300 s each."""
    session = transport(scenario)
    client = CookbookClient(base, KEYS["news-to-video"], session, tags={"demo": "news-to-video"},
                            timeout=120)
    prompts = ["Aerial shot of a harbour at dawn", "Crowd at a city council vote",
               "Close-up of a solar panel factory line"][:clips]
    with concurrent.futures.ThreadPoolExecutor(len(prompts)) as pool:
        futures = [pool.submit(cookbook_video, client, PRUNA, prompt, 5, 300,
                               {"dimension": "720x1280"}) for prompt in prompts]
        try:
            return [future.result() for future in futures], session
        except RuntimeError as error:
            return {"error": str(error)}, session


PIXVERSE = "video/generation_async/pixverse/v6"
PIXVERSE_PARAMS = {"aspect_ratio": "16:9", "generate_audio_switch": True, "quality": "720p"}


def directors_cut(base, scenario=None, shots=2):
    """directors-cut's animation step: each drawn frame uploaded once, then every shot animated
    at once from its frame (image-to-video), 420 s each."""
    session = transport(scenario)
    client = CookbookClient(base, KEYS["directors-cut"], session, tags={"demo": "directors-cut"},
                            timeout=120)
    frames = [client.upload(f"shot{n + 1}.png", png_frame(), "image/png") for n in range(shots)]
    with concurrent.futures.ThreadPoolExecutor(shots) as pool:
        futures = [pool.submit(cookbook_video, client, PIXVERSE, f"Slow dolly-in, shot {n + 1}", 5,
                               420, {"file": frame}, PIXVERSE_PARAMS)
                   for n, frame in enumerate(frames)]
        try:
            return {"frames": frames, "shots": [f.result() for f in futures]}, session
        except RuntimeError as error:
            return {"frames": frames, "error": str(error)}, session


# --- edenai/n8n-nodes-edenai: the "Eden AI Expert Models" node ------------------------------

class NodeApiError(Exception):
    """n8n's NodeApiError: what the node's user sees."""


class N8nExpertModelsNode:
    """The Expert Models node over n8n's httpRequestWithAuthentication (Bearer, JSON)."""

    def __init__(self, base, key, session):
        self.base = base
        self.session = session
        self.session.headers["Authorization"] = "Bearer " + key

    def request(self, method, url, **kwargs):
        response = self.session.request(method, url, timeout=60, **kwargs)
        if not response.ok:
            raise NodeApiError(f"{response.status_code}: {response.text}")
        return response.json()

    # The option lists' loaders.
    def get_features(self):
        return [{"name": f["fullname"], "value": f["name"]}
                for f in self.request("GET", f"{self.base}/info")["features"]]

    def get_subfeatures(self, feature):
        return [{"name": s["fullname"] + (" (async)" if s["mode"] == "async" else ""),
                 "value": s["name"]}
                for s in self.request("GET", f"{self.base}/info/{feature}")["subfeatures"]]

    def get_provider_models(self, feature, subfeature):
        return [m["model"] for m in
                self.request("GET", f"{self.base}/info/{feature}/{subfeature}")["models"]]

    def upload_binary(self, content, filename, mime_type):
        body = self.request("POST", f"{self.base}/upload",
                            files={"file": (filename or "file", content, mime_type)})
        if not body.get("file_id"):
            raise NodeApiError("File upload did not return a file_id.")
        return body["file_id"]

    @staticmethod
    def build_body(model, node_input, fallbacks="", provider_params="",
                   show_original_response=False, additional_fields=()):
        """The body sync and async calls share."""
        body = {"model": model, "input": dict(node_input)}
        for key, value in additional_fields:
            try:
                body["input"][key] = json.loads(value)
            except ValueError:
                body["input"][key] = value
        entries = [entry.strip() for entry in fallbacks.split(",") if entry.strip()]
        if entries:
            body["fallbacks"] = entries[:3]
        if provider_params:
            try:
                body["provider_params"] = json.loads(provider_params)
            except ValueError:
                raise NodeApiError("Provider Params must be valid JSON.") from None
        if show_original_response:
            body["show_original_response"] = True
        return body

    def execute(self, model, node_input=None, binary=None, webhook_url="", poll_interval_ms=4000,
                max_wait_ms=300_000, simplify=False, **body_options):
        if binary is not None:
            node_input = {"file": self.upload_binary(*binary)}
        body = self.build_body(model, node_input, **body_options)
        if not model.split("/")[1].endswith("_async"):
            return self.request("POST", f"{self.base}/universal-ai", json=body)
        if webhook_url:
            body["webhook_receiver"] = webhook_url
        job = self.request("POST", f"{self.base}/universal-ai/async", json=body)
        public_id = job.get("public_id")
        if not public_id:
            raise NodeApiError("Async job launch did not return a public_id.")
        started = time.monotonic()
        while (job["status"] if job.get("status") is not None else "processing") == "processing":
            if (time.monotonic() - started) * 1000 > max_wait_ms:
                raise NodeApiError(f"Async job {public_id} did not finish within {max_wait_ms} ms.")
            pause(poll_interval_ms / 1000)
            job = self.request("GET", f"{self.base}/universal-ai/async/{public_id}")
        if job.get("status") == "fail" or (job.get("error") and job.get("status") != "processing"):
            raise NodeApiError((job.get("error") or {}).get("message")
                               or 'Eden AI returned status "fail".')
        return job["output"] if simplify else job


N8N_OCR = "ocr/ocr_async/amazon"
# Four entries and an empty one: the node keeps three.
N8N_FALLBACKS = "microsoft, mistral ,, ocr/ocr_async/microsoft, amazon"


def n8n_flow(base, webhook_url, scenario=None):
    """An n8n workflow: a PDF from a previous node through the Expert Models node, waiting for
    completion with the node's defaults (4 s, 300 s) and a Webhook URL."""
    session = transport(scenario)
    node = N8nExpertModelsNode(base, KEYS["n8n"], session)
    try:
        result = node.execute(N8N_OCR, binary=(minimal_pdf(2), "scan.pdf", "application/pdf"),
                              webhook_url=webhook_url, fallbacks=N8N_FALLBACKS,
                              provider_params='{"language_hints": ["en"]}',
                              show_original_response=True)
    except NodeApiError as error:
        result = {"node_error": str(error)}
    return result, session


# --- edenai/docs: the batch OCR tables guide ------------------------------------------------

class BatchOcrTablesGuide:
    """The guide's Python batch sample: host base, paths /v3/..., one document after another,
    5 s x 60 polls, failed and slow documents skipped (printed), cells flattened into a CSV."""

    MODEL = "ocr/ocr_tables_async/amazon"
    POLL_INTERVAL = 5
    MAX_POLLS = 60

    def __init__(self, base_url, key, session):
        self.base_url = base_url
        self.http = session
        self.headers = {"Authorization": "Bearer " + key}
        self.printed = []

    def upload_document(self, path):
        with open(path, "rb") as f:
            resp = self.http.post(f"{self.base_url}/v3/upload", headers=self.headers,
                                  files={"file": f}, data={"purpose": "ocr"})
        if not resp.ok:
            self.printed.append(f"upload failed for {path}: {resp.status_code} {resp.text}")
            return None
        return resp.json().get("file_id")

    def launch_job(self, file_id):
        resp = self.http.post(f"{self.base_url}/v3/universal-ai/async",
                              headers={**self.headers, "Content-Type": "application/json"},
                              json={"model": self.MODEL, "input": {"file": file_id}})
        if not resp.ok:
            self.printed.append(f"launch failed: {resp.status_code} {resp.text}")
            return None
        return resp.json().get("public_id")

    def wait_for_result(self, public_id):
        for _ in range(self.MAX_POLLS):
            resp = self.http.get(f"{self.base_url}/v3/universal-ai/async/{public_id}",
                                 headers=self.headers)
            if not resp.ok:
                self.printed.append(f"poll failed: {resp.status_code} {resp.text}")
                return None
            body = resp.json()
            if body.get("status") == "success":
                return body.get("output", {})
            if body.get("status") == "fail":
                self.printed.append(f"job {public_id} failed: {body.get('error')}")
                return None
            pause(self.POLL_INTERVAL)  # "processing" while the job is still running
        self.printed.append(f"job {public_id} still processing after {self.MAX_POLLS} polls")
        return None

    @staticmethod
    def output_to_rows(output, source):
        """pages -> tables -> rows -> cells, cells by col_index; a null text is "" (as the
        guide's jq `.text // ""` and its R version do)."""
        rows = []
        for page_number, page in enumerate(output.get("pages", []), start=1):
            for table_number, table in enumerate(page.get("tables", []), start=1):
                for row in table.get("rows", []):
                    cells = sorted(row.get("cells", []), key=lambda cell: cell.get("col_index", 0))
                    values = [cell.get("text") if cell.get("text") is not None else ""
                              for cell in cells]
                    rows.append([source, page_number, table_number] + values)
        return rows

    def run(self, paths):
        """The batch: every document's rows, padded to the widest, as the CSV text."""
        all_rows = []
        for path in paths:
            file_id = self.upload_document(path)
            if not file_id:
                continue
            public_id = self.launch_job(file_id)
            if not public_id:
                continue
            output = self.wait_for_result(public_id)
            if output:
                all_rows.extend(self.output_to_rows(output, os.path.basename(path)))
        width = max((len(row) for row in all_rows), default=3)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["source_file", "page", "table"] + [f"col{i}" for i in range(1, width - 2)])
        writer.writerows(row + [""] * (width - len(row)) for row in all_rows)
        return out.getvalue()


def batch_ocr(base_url, names, scenario=None):
    """The guide over documents written to a folder (it opens files by path)."""
    session = transport(scenario)
    guide = BatchOcrTablesGuide(base_url, KEYS["batch-ocr"], session)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for pages, name in enumerate(names, start=1):
            paths.append(os.path.join(folder, name))
            with open(paths[-1], "wb") as f:
                f.write(minimal_pdf(pages))
        return {"csv": guide.run(paths), "printed": guide.printed}, session


# --- symfony/ai PR #2417: the Eden AI platform bridge ---------------------------------------

class EdenAiException(Exception):
    """The bridge's exceptions: `kind` names the class ErrorHandlingTrait picks."""

    def __init__(self, kind, message, status=None, retry_after=None):
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after


def symfony_error(response):
    """ErrorHandlingTrait: the message of an Eden error body, in each shape the bridge knows
    ({"detail": str}, {"detail": str, "errors": [{field, message}]}, {"detail": {error,
    message}}, FastAPI's {"detail": [{loc, msg, type}]}, {"error": {message}}), and the
    exception class by status."""
    try:
        body = response.json()
    except ValueError:
        body = None
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str) and isinstance(body.get("errors"), list):
        message = detail + ": " + "; ".join(f"{e['field']}: {e['message']}" for e in body["errors"])
    elif isinstance(detail, str):
        message = detail
    elif isinstance(detail, dict) and "error" in detail:
        message = f"{detail['error']}: {detail.get('message', '')}"
    elif isinstance(detail, list):
        message = "; ".join(".".join(str(part) for part in item["loc"]) + ": " + item["msg"]
                            for item in detail)
    elif isinstance(body, dict) and isinstance(body.get("error"), dict):
        message = body["error"]["message"]
    else:
        return EdenAiException("unexpected", f"Unexpected response ({response.status_code}).",
                               response.status_code)
    kinds = {401: "authentication", 403: "authentication", 400: "bad_request", 404: "bad_request",
             422: "bad_request", 429: "rate_limit"}
    retry_after = response.headers.get("Retry-After", "")
    return EdenAiException(kinds.get(response.status_code, "unexpected"), message,
                           response.status_code, int(retry_after) if retry_after.isdigit() else None)


class SymfonyEdenAiBridge:
    """The bridge's FileUploader, UniversalAiPayloadTrait and SpeechToText ModelClient: host
    base, `auth_bearer`, create accepted as 200 or 202, polled while pending or processing."""

    ROOT_KEYS = ("fallbacks", "provider_params", "show_original_response",
                 "user_webhook_parameters", "webhook_receiver")

    def __init__(self, base_url, key, session, poll_interval_seconds=1, max_polls=120):
        self.base_url = base_url
        self.http = session
        if key is not None:
            self.http.headers["Authorization"] = "Bearer " + key
        self.poll_interval_seconds = poll_interval_seconds
        self.max_polls = max_polls

    def upload(self, content, filename=None, mime_type="application/octet-stream",
               expires_in_days=None):
        data = {}
        if expires_in_days is not None:
            if not 1 <= expires_in_days <= 30:
                raise ValueError("Eden AI keeps uploads for 1 to 30 days")
            data["expires_in_days"] = str(expires_in_days)
        response = self.http.post(f"{self.base_url}/v3/upload", data=data, timeout=60,
                                  files={"file": (filename or "file", content, mime_type)})
        if response.status_code != 200:
            raise symfony_error(response)
        file_id = response.json().get("file_id")
        if not isinstance(file_id, str):
            raise EdenAiException("runtime", "The upload response does not contain a file_id.")
        return file_id

    def payload(self, model, audio, options):
        """Root keys stay at the root; every other option goes into input; binary audio is
        uploaded and replaced by its file id, a string is a URL or a file id."""
        body = {"model": model, "input": {}}
        for key, value in options.items():
            (body if key in self.ROOT_KEYS else body["input"])[key] = value
        if isinstance(audio, tuple):
            body["input"]["file"] = self.upload(*audio)
        elif audio is not None:
            body["input"]["file"] = audio
        return body

    def create(self, body):
        response = self.http.post(f"{self.base_url}/v3/universal-ai/async", json=body, timeout=60)
        if response.status_code not in (200, 202):
            raise symfony_error(response)
        return response.json()

    def transcribe(self, model, audio, **options):
        data = self.create(self.payload(model, audio, options))
        polls = 0
        while data.get("status") in ("pending", "processing"):
            if not isinstance(data.get("public_id"), str):
                raise EdenAiException("runtime", "The response does not contain a public_id.")
            if polls == self.max_polls:
                raise EdenAiException("runtime", f"Job {data['public_id']} did not complete in time.")
            pause(self.poll_interval_seconds)
            polls += 1
            response = self.http.get(f"{self.base_url}/v3/universal-ai/async/{data['public_id']}",
                                     timeout=60)
            if response.status_code != 200:
                raise symfony_error(response)
            data = response.json()
        if data.get("status") in ("fail", "failed"):
            raise EdenAiException("runtime", (data.get("error") or {}).get("message", "Job failed."))
        output = data.get("output") or {}
        if not isinstance(output.get("text"), str):
            raise EdenAiException("runtime", "The response does not contain a text output.")
        return {"text": output["text"], "diarization": output.get("diarization"),
                "provider": data.get("provider"), "cost": float(data.get("cost") or 0),
                "public_id": data.get("public_id")}


SYMFONY_STT = "audio/speech_to_text_async/deepgram/nova-3"


def symfony_flow(base_url, webhook_url, scenario=None):
    """The bridge transcribing a WAV (uploaded first), with the webhook fields at the root."""
    session = transport(scenario)
    bridge = SymfonyEdenAiBridge(base_url, KEYS["symfony"], session)
    try:
        result = bridge.transcribe(SYMFONY_STT, (wav_bytes(seconds=3), "call.wav", "audio/wav"),
                                   language="en", speakers=1, webhook_receiver=webhook_url,
                                   user_webhook_parameters={"ticket": "SUP-7", "attempt": 1})
    except EdenAiException as error:
        result = {"error": str(error), "kind": error.kind}
    return result, session


# --- edenai/docs: the feature-page generator and the snippet tests' upload helpers ----------

# "The /v3/info API returns some unit names in French."
FRENCH_UNITS = {"seconde": "second", "secondes": "seconds"}


def format_price(pricing):
    """A price as the generated feature pages write it ("$0.024 per 60 seconds", "Free")."""
    price = pricing.get("price", 0)
    quantity = pricing.get("price_unit_quantity", 1)
    unit = pricing.get("price_unit_type", "request")
    unit = FRENCH_UNITS.get(unit, unit)
    if price == 0:
        return "Free"
    if quantity == 1:
        return f"${price:g} per {unit}"
    return f"${price:g} per {quantity:,} {unit if unit.endswith('s') else unit + 's'}"


def field_rows(fields, depth=0):
    """A simplified schema's field table: (name indented by depth, type, required,
    description), an enum's type with its values, objects and arrays of objects expanded; a
    field lacking a key the generator reads raises KeyError."""
    rows = []
    for field in fields:
        kind = field["type"]
        label = f"enum ({', '.join(map(str, field['enum']))})" if kind == "enum" else kind
        rows.append(("  " * depth + field["name"], label, bool(field["required"]),
                     field["description"]))
        if kind == "object":
            rows.extend(field_rows(field["fields"], depth + 1))
        elif kind == "array" and field["items"]["type"] == "object":
            rows.extend(field_rows(field["items"]["fields"], depth + 1))
    return rows


def generate_feature_pages(api_base):
    """scripts/generate_features.py: GET /v3/info with only Accept (no key), then each
    subfeature's simplified schema; one page per subfeature."""
    accept = {"Accept": "application/json"}
    features = requests.get(f"{api_base}/v3/info", headers=accept, timeout=30).json()["features"]
    if not features:
        raise RuntimeError("/v3/info returned no features; keeping the old pages")
    pages = {}
    for feature in features:
        for sub in feature["subfeatures"]:
            detail = requests.get(f"{api_base}/v3/info/{feature['name']}/{sub['name']}",
                                  params={"format": "simplified"}, headers=accept, timeout=30)
            detail.raise_for_status()
            detail = detail.json()
            mode = detail.get("mode", sub.get("mode", "sync"))
            providers = []
            for entry in sub.get("models", []):
                parts = entry["model"].split("/")
                providers.append((parts[2], "/".join(parts[3:]) or None, entry["model"],
                                  format_price(entry.get("pricing", {}))))
            pages[f"{feature['name']}/{sub['name']}"] = {
                "title": sub["fullname"], "description": sub.get("description") or "",
                "endpoint": "POST /v3/universal-ai" + ("/async" if mode == "async" else ""),
                "list_mode": sub.get("mode", "sync"), "mode": mode,
                "input": field_rows(detail["input_schema"]["fields"]),
                "output": field_rows(detail["output_schema"]["fields"]), "providers": providers}
    return features, pages


class DocsTestApi:
    """tests/helpers/api.py of Eden's docs repo: list, batch delete and upload of files."""

    def __init__(self, base, key, session):
        self.base = base
        self.http = session
        self.http.headers["Authorization"] = "Bearer " + key

    def list_file_ids(self):
        ids, page = [], 1
        while True:
            response = self.http.get(f"{self.base}/v3/upload", params={"page": page, "limit": 1000},
                                     timeout=30)
            response.raise_for_status()
            body = response.json()
            ids += [item["file_id"] for item in body["items"]]
            if page >= body["total_pages"]:
                return ids
            page += 1

    def delete_files(self, file_ids):
        deleted = 0
        for start in range(0, len(file_ids), 100):
            response = self.http.post(f"{self.base}/v3/upload/delete",
                                      json={"file_ids": file_ids[start:start + 100]}, timeout=30)
            response.raise_for_status()
            deleted += response.json()["deleted_count"]
        return deleted

    def upload(self, filename, content):
        response = self.http.post(f"{self.base}/v3/upload", files={"file": (filename, content)},
                                  timeout=30)
        response.raise_for_status()
        return response.json()


def docs_test_session(base, snippet_uploads=1000):
    """The snippet suite's session: the file ids before, the fixture PDF, the files the
    snippets upload, then the deletion of every file created during the run (set difference)."""
    session = transport()
    api = DocsTestApi(base, KEYS["docs-tools"], session)
    earlier = api.upload("kept-from-an-earlier-run.txt", b"not ours to delete")["file_id"]
    before = set(api.list_file_ids())
    fixture = api.upload("fixture.pdf", minimal_pdf())
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda n: api.upload(f"snippet-{n}.txt", b"snippet %d" % n),
                      range(snippet_uploads)))
    after = api.list_file_ids()
    created = sorted(set(after) - before)
    deleted = api.delete_files(created)
    return {"earlier": earlier, "before": before, "fixture": fixture, "after": after,
            "created": created, "deleted": deleted, "remaining": api.list_file_ids()}, session


# --- The run: one emulator, every client at once --------------------------------------------

class Run:
    """The emulator, the webhook receivers, and each client's flow started on a thread."""

    def __init__(self):
        self.stack = contextlib.ExitStack()  # what close() stops, also when starting fails
        try:
            self.start()
        except BaseException:
            self.stack.close()
            raise

    def start(self):
        keys = [arg for key in KEYS.values() for arg in ("--api-key", key)]
        # The default --v3-retention (Eden's 7 days): the auto clock does not skip to expiries.
        self.emulator = self.stack.enter_context(Emulator("--clock", "auto", "--seed", SEED, *keys))
        self.host = self.emulator.url
        self.v3 = self.host + "/v3"
        requests.put(f"{self.host}/_emulator/scenarios/{FAILING}", json=FAILING_SCENARIO,
                     timeout=10).raise_for_status()
        self.receivers = {name: self.stack.enter_context(WebhookReceiver()) for name in
                          ["n8n", "n8n-fail", "symfony", "symfony-fail"]}
        self.pool = concurrent.futures.ThreadPoolExecutor(16)
        # Stopped first: every flow ends (their calls and polls are bounded) before the servers.
        self.stack.callback(self.pool.shutdown, wait=True, cancel_futures=True)
        self.flows = {
            "voice": self.pool.submit(voice_web_research, self.v3),
            "voice-fail": self.pool.submit(voice_web_research, self.v3, FAILING),
            "news": self.pool.submit(news_to_video, self.v3),
            "news-fail": self.pool.submit(news_to_video, self.v3, FAILING, 1),
            "directors": self.pool.submit(directors_cut, self.v3),
            "directors-fail": self.pool.submit(directors_cut, self.v3, FAILING, 1),
            "n8n": self.pool.submit(n8n_flow, self.v3, self.receivers["n8n"].url),
            "n8n-fail": self.pool.submit(n8n_flow, self.v3, self.receivers["n8n-fail"].url, FAILING),
            "ocr": self.pool.submit(batch_ocr, self.host, ["invoice1.pdf", "invoice2.pdf"]),
            "ocr-fail": self.pool.submit(batch_ocr, self.host, ["smudged.pdf"], FAILING),
            "symfony": self.pool.submit(symfony_flow, self.host, self.receivers["symfony"].url),
            "symfony-fail": self.pool.submit(symfony_flow, self.host,
                                             self.receivers["symfony-fail"].url, FAILING),
            "docs-tests": self.pool.submit(docs_test_session, self.host),
        }

    def result(self, flow):
        """A flow's (result, session); its exception, if it raised one."""
        return self.flows[flow].result(timeout=FLOW_TIMEOUT)

    def public_key(self):
        return requests.get(f"{self.host}/_emulator/webhooks/public-key", timeout=10).content

    def close(self):
        self.stack.close()


RUN = None


def setUpModule():
    global RUN
    RUN = Run()


def tearDownModule():
    RUN.close()


class ClientTest(unittest.TestCase):
    """Checks shared by the client tests."""

    def assert_fail_answer(self, session, message="provider exploded"):
        """The client stopped on a GET answered 200 with status fail and error.message."""
        last = job_answers(session)[-1]
        self.assertEqual(last.status_code, 200)
        self.assertEqual(last.json()["status"], "fail")
        self.assertEqual(last.json()["error"]["message"], message)
        self.assertIsNone(last.json()["output"])

    def assert_polls_answered_200(self, session):
        answers = job_answers(session)
        self.assertTrue(answers)
        self.assertEqual({r.status_code for r in answers}, {200})
        return answers

    def assert_v3_webhook(self, receiver, job, user_parameters=None):
        """The one delivery of job: Eden's v3 headers, a signature Eden's Python sample accepts
        with the served key (and refuses once the body is changed), and the documented fields."""
        self.assertTrue(receiver.arrived.wait(WEBHOOK_TIMEOUT),
                        f"no webhook within {WEBHOOK_TIMEOUT} s")
        self.assertEqual(len(receiver.received), 1)
        raw_headers, body = receiver.received[0]
        headers = {name.lower(): value for name, value in raw_headers.items()}
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["user-agent"], "EdenAI/Ai-Features")
        self.assertEqual(headers["x-edenai-webhook"], "true")
        self.assertEqual(headers["x-edenai-hash-algorithm"], "SHA256")
        payload = json.loads(body)
        key = RUN.public_key()
        self.assertTrue(eden_v3_signature_is_valid(key, payload, headers["x-edenai-signature"]))
        for field, value in [("status", "processing"), ("job_id", job["public_id"][::-1]),
                             ("user_parameters", {"forged": True})]:
            with self.subTest(tampered=field):
                self.assertFalse(eden_v3_signature_is_valid(key, {**payload, field: value},
                                                            headers["x-edenai-signature"]))
        self.assertEqual(payload["event"], "async_job_completed")
        self.assertEqual(payload["job_id"], job["public_id"])
        for field in ["status", "feature", "subfeature", "provider", "model", "created_at"]:
            self.assertEqual(payload[field], job[field], field)
        self.assertGreater(iso_time(payload["finished_at"]), iso_time(payload["created_at"]))
        if job["status"] == "success":
            self.assertEqual(payload["output"], job["output"])
            self.assertNotIn("error", payload)
        else:
            self.assertEqual(payload["error"], job["error"])
            self.assertNotIn("output", payload)
        if user_parameters is None:
            self.assertNotIn("user_parameters", payload)
        else:
            self.assertEqual(payload["user_parameters"], user_parameters)
        self.assertFalse({"cost", "public_id"} & payload.keys())
        return payload


class VoiceWebResearchTest(ClientTest):
    """edenai/cookbook voice-web-research (cookbook-voice-web-research.md)."""

    def test_transcribes_a_browser_recording_uploaded_for_a_day(self):
        result, session = RUN.result("voice")
        self.assertNotIn("error", result)
        self.assertLess(result["seconds"], 60)  # the demo's wait_for
        self.assertTrue(result["text"].strip())
        self.assertEqual(result["provider"], "gradium")
        self.assertGreater(result["cost"], 0)
        upload = session.answers[0].json()
        self.assertEqual(session.answers[0].status_code, 200)
        self.assertEqual(upload["file_name"], "question.webm")
        self.assertEqual(iso_time(upload["expires_at"]) - iso_time(upload["created_at"]),
                         datetime.timedelta(days=1))
        self.assertEqual(session.answers[1].status_code, 202)
        answers = self.assert_polls_answered_200(session)
        self.assertLessEqual(len(answers), 30)
        self.assertEqual(answers[-1].json()["output"]["text"], result["text"])

    def test_a_failed_transcription_is_a_200_body_the_helper_raises_on(self):
        result, session = RUN.result("voice-fail")
        self.assertEqual(result["error"], "gradium failed: provider exploded")
        self.assert_fail_answer(session)

    def test_catalog_check_needs_no_key(self):
        for model, listed in [(STT_GRADIUM, True), ("web/search/tavily", True),
                              ("web/search/linkup", True), ("audio/speech_to_text_async/nope", False),
                              ("web/search/nope", False)]:
            with self.subTest(model=model):
                self.assertEqual(voice_in_catalog(RUN.v3, model), listed)


class NewsToVideoTest(ClientTest):
    """edenai/cookbook news-to-video (cookbook-news-to-video.md)."""

    def test_three_concurrent_clips_download_without_auth_as_mp4(self):
        clips, session = RUN.result("news")
        self.assertIsInstance(clips, list, clips)
        self.assertEqual(len(clips), 3)
        self.assertEqual(len({clip["public_id"] for clip in clips}), 3)
        launches = [r for r in session.answers if r.request.method == "POST"]
        self.assertEqual([r.status_code for r in launches], [202] * 3)
        for launch in launches:
            self.assertEqual(json.loads(launch.request.body)["tags"], {"demo": "news-to-video"})
        self.assert_polls_answered_200(session)
        for clip in clips:
            with self.subTest(job=clip["public_id"]):
                self.assertEqual((clip["provider"], clip["model"]), ("pruna", "p-video"))
                self.assertGreater(clip["cost"], 0)
                self.assertNotIn("Authorization", clip["download"].request.headers)
                self.assertEqual(clip["download"].headers["Content-Type"], "video/mp4")
                self.assertEqual(clip["download"].content[4:8], b"ftyp")

    def test_a_failed_clip_stops_the_demo_with_the_providers_message(self):
        result, session = RUN.result("news-fail")
        self.assertEqual(result, {"error": "pruna failed: provider exploded"})
        self.assert_fail_answer(session)


class DirectorsCutTest(ClientTest):
    """edenai/cookbook directors-cut (cookbook-directors-cut.md)."""

    def test_frames_are_animated_by_pixverse_with_its_provider_params(self):
        result, session = RUN.result("directors")
        self.assertNotIn("error", result)
        uploads = [r for r in session.answers if r.request.url.endswith("/upload")]
        self.assertEqual([r.json()["file_mimetype"] for r in uploads], ["image/png"] * 2)
        launches = [r for r in session.answers if r.request.url.endswith("/universal-ai/async")]
        self.assertEqual([r.status_code for r in launches], [202] * 2)
        sent = sorted((json.loads(r.request.body) for r in launches), key=lambda b: b["input"]["text"])
        for body, frame in zip(sent, result["frames"]):
            self.assertEqual(body["input"]["file"], frame)
            self.assertEqual(body["provider_params"], PIXVERSE_PARAMS)
            self.assertEqual(body["tags"], {"demo": "directors-cut"})
        self.assert_polls_answered_200(session)
        for shot in result["shots"]:
            with self.subTest(job=shot["public_id"]):
                self.assertEqual((shot["provider"], shot["model"]), ("pixverse", "v6"))
                self.assertGreater(shot["cost"], 0)
                self.assertNotIn("Authorization", shot["download"].request.headers)
                self.assertEqual(shot["download"].content[4:8], b"ftyp")

    def test_a_failed_shot_stops_the_cut_with_the_providers_message(self):
        result, session = RUN.result("directors-fail")
        self.assertEqual(result["error"], "pixverse failed: provider exploded")
        self.assert_fail_answer(session)


class N8nExpertModelsNodeTest(ClientTest):
    """edenai/n8n-nodes-edenai, the Expert Models node (n8n-expert-models-node.md)."""

    def test_option_lists_read_info_with_the_key(self):
        node = N8nExpertModelsNode(RUN.v3, KEYS["n8n"], transport())
        features = node.get_features()
        self.assertIn({"name": "ocr", "value": "ocr"}, features)
        subfeatures = node.get_subfeatures("ocr")
        self.assertIn({"name": "OCR Multipage (async)", "value": "ocr_async"}, subfeatures)
        self.assertIn("ocr", [s["value"] for s in subfeatures])  # a sync one, no suffix
        self.assertNotIn("(async)", [s for s in subfeatures if s["value"] == "ocr"][0]["name"])
        models = node.get_provider_models("ocr", "ocr_async")
        self.assertIn(N8N_OCR, models)
        self.assertTrue(all(m.startswith("ocr/ocr_async/") for m in models))

    def test_the_body_it_builds(self):
        body = N8nExpertModelsNode.build_body(
            N8N_OCR, {"file": "file-uuid"}, fallbacks=N8N_FALLBACKS, provider_params='{"a": 1}',
            show_original_response=True, additional_fields=[("pages", "[1, 2]"), ("note", "x y")])
        self.assertEqual(body, {"model": N8N_OCR,
                                "input": {"file": "file-uuid", "pages": [1, 2], "note": "x y"},
                                "fallbacks": ["microsoft", "mistral", "ocr/ocr_async/microsoft"],
                                "provider_params": {"a": 1}, "show_original_response": True})
        with self.assertRaises(NodeApiError):
            N8nExpertModelsNode.build_body(N8N_OCR, {}, provider_params="{not json")

    def test_waits_for_completion_from_the_launch_body_and_gets_the_webhook(self):
        job, session = RUN.result("n8n")
        self.assertNotIn("node_error", job)
        upload, launch = session.answers[:2]
        self.assertEqual(upload.json()["file_name"], "scan.pdf")
        self.assertEqual(upload.json()["metadata"], {"page_count": 2})
        self.assertEqual(launch.status_code, 202)
        self.assertEqual(launch.json()["status"], "processing")
        sent = json.loads(launch.request.body)
        self.assertEqual(sent["fallbacks"], ["microsoft", "mistral", "ocr/ocr_async/microsoft"])
        self.assertEqual(sent["webhook_receiver"], RUN.receivers["n8n"].url)
        self.assertNotIn("user_webhook_parameters", sent)
        answers = self.assert_polls_answered_200(session)
        self.assertEqual([r.json()["status"] for r in answers][-1], "success")
        self.assertEqual(job["status"], "success")
        self.assertEqual(job["output"]["number_of_pages"], 2)
        self.assertIsNotNone(job["original_response"])  # show_original_response
        self.assert_v3_webhook(RUN.receivers["n8n"], job)

    def test_a_failed_job_is_a_node_error_with_its_message(self):
        result, session = RUN.result("n8n-fail")
        self.assertEqual(result, {"node_error": "provider exploded"})
        self.assert_fail_answer(session)
        self.assert_v3_webhook(RUN.receivers["n8n-fail"], job_answers(session)[-1].json())


class BatchOcrTablesGuideTest(ClientTest):
    """edenai/docs batch OCR tables guide (docs-batch-ocr-tables-guide.md)."""

    def test_every_table_cell_reaches_the_csv_in_column_order(self):
        result, session = RUN.result("ocr")
        self.assertEqual(result["printed"], [])
        rows = list(csv.reader(io.StringIO(result["csv"])))
        self.assertEqual(rows[0][:4], ["source_file", "page", "table", "col1"])
        self.assertEqual({row[0] for row in rows[1:]}, {"invoice1.pdf", "invoice2.pdf"})
        uploads = [r.json() for r in session.answers if r.request.url.endswith("/v3/upload")]
        self.assertEqual([u["purpose"] for u in uploads], ["ocr", "ocr"])
        outputs = [r.json()["output"] for r in self.assert_polls_answered_200(session)
                   if r.json()["status"] == "success"]
        self.assertEqual(len(outputs), 2)
        expected = []
        for output, name in zip(outputs, ["invoice1.pdf", "invoice2.pdf"]):
            self.assertTrue(output["pages"] and output["pages"][0]["tables"])
            for page_number, page in enumerate(output["pages"], start=1):
                for table_number, table in enumerate(page["tables"], start=1):
                    for row in table["rows"]:
                        by_column = {cell["col_index"]: cell["text"] for cell in row["cells"]}
                        expected.append([name, str(page_number), str(table_number)]
                                        + [by_column[c] or "" for c in sorted(by_column)])
        width = len(rows[0])
        self.assertEqual(rows[1:], [row + [""] * (width - len(row)) for row in expected])

    def test_a_failed_document_is_skipped_with_its_error(self):
        result, session = RUN.result("ocr-fail")
        self.assertEqual(len(result["printed"]), 1)
        self.assertRegex(result["printed"][0],
                         r"^job [0-9a-f-]{36} failed: \{'message': 'provider exploded'\}$")
        self.assertEqual(result["csv"].splitlines(), ["source_file,page,table"])
        self.assert_fail_answer(session)

    def test_null_cell_text_becomes_an_empty_cell(self):
        output = {"pages": [{"tables": [{"rows": [{"cells": [
            {"text": None, "col_index": 1}, {"text": "a", "col_index": 0}]}]}]}]}
        self.assertEqual(BatchOcrTablesGuide.output_to_rows(output, "x.pdf"), [["x.pdf", 1, 1, "a", ""]])


class SymfonyEdenAiBridgeTest(ClientTest):
    """symfony/ai PR #2417, the Eden AI bridge (symfony-ai-edenai-bridge.md)."""

    def test_transcribes_with_webhook_fields_at_the_root(self):
        result, session = RUN.result("symfony")
        self.assertNotIn("error", result)
        upload, launch = session.answers[:2]
        self.assertEqual(upload.status_code, 200)
        self.assertIn(launch.status_code, (200, 202))
        sent = json.loads(launch.request.body)
        self.assertEqual(sent["input"], {"file": upload.json()["file_id"], "language": "en",
                                         "speakers": 1})
        self.assertEqual(sent["user_webhook_parameters"], {"ticket": "SUP-7", "attempt": 1})
        self.assertLessEqual(len(self.assert_polls_answered_200(session)), 120)
        self.assertTrue(result["text"])
        self.assertIsInstance(result["diarization"]["total_speakers"], int)
        self.assertEqual(result["provider"], "deepgram")
        self.assertGreater(result["cost"], 0)
        job = job_answers(session)[-1].json()
        self.assertEqual(job["model"], "nova-3")
        self.assert_v3_webhook(RUN.receivers["symfony"], job, {"ticket": "SUP-7", "attempt": 1})

    def test_a_failed_job_raises_with_its_message(self):
        result, session = RUN.result("symfony-fail")
        self.assertEqual(result, {"error": "provider exploded", "kind": "runtime"})
        self.assert_fail_answer(session)
        self.assert_v3_webhook(RUN.receivers["symfony-fail"], job_answers(session)[-1].json(),
                               {"ticket": "SUP-7", "attempt": 1})

    def test_error_bodies_parse_the_way_error_handling_trait_expects(self):
        def bridge(key=KEYS["symfony"]):
            return SymfonyEdenAiBridge(RUN.host, key, transport())

        stt_input = {"file": "https://x.test/call.wav", "language": "en"}
        cases = [
            ("no key", bridge(None), {"model": SYMFONY_STT, "input": stt_input},
             403, "authentication", "Not authenticated"),
            ("rejected key", bridge("key-unknown"), {"model": SYMFONY_STT, "input": stt_input},
             401, "authentication", "Invalid token"),
            ("unknown provider", bridge(),
             {"model": "audio/speech_to_text_async/nope", "input": stt_input},
             404, "bad_request",
             "Provider not found: Provider 'nope' does not support audio/speech_to_text_async"),
            ("malformed model", bridge(), {"model": "garbage", "input": stt_input},
             400, "bad_request",
             "Invalid provider format: Expected 'feature/subfeature/provider[/model]'"),
            ("feature input", bridge(), {"model": SYMFONY_STT, "input": {"language": "en"}},
             422, "bad_request", "Validation error: file: Field required"),
            ("request schema", bridge(), {"model": SYMFONY_STT},
             422, "bad_request", "body.input: Field required"),
        ]
        for name, client, body, status, kind, message in cases:
            with self.subTest(name), self.assertRaises(EdenAiException) as raised:
                client.create(body)
            self.assertEqual((raised.exception.status, raised.exception.kind, str(raised.exception)),
                             (status, kind, message))

    def test_upload_refuses_a_retention_outside_one_to_thirty_days(self):
        bridge = SymfonyEdenAiBridge(RUN.host, KEYS["symfony"], transport())
        with self.assertRaises(ValueError):
            bridge.upload(b"x", expires_in_days=31)
        self.assertTrue(bridge.upload(wav_bytes(), "a.wav", "audio/wav", expires_in_days=30))


class DocsToolsTest(ClientTest):
    """edenai/docs scripts/generate_features.py and tests/helpers/api.py
    (docs-tools-info-and-upload.md)."""

    def test_feature_pages_render_from_info_without_a_key(self):
        features, pages = generate_feature_pages(RUN.host)
        listed = {f"{f['name']}/{s['name']}" for f in features for s in f["subfeatures"]}
        self.assertEqual(set(pages), listed)
        for path, page in pages.items():
            with self.subTest(path):
                self.assertEqual(page["mode"], page["list_mode"])
                self.assertTrue(page["title"])
                self.assertTrue(page["providers"])
                self.assertTrue(page["input"] and page["output"])
                for provider, _, model, price in page["providers"]:
                    self.assertTrue(model.startswith(path + "/" + provider))
                    self.assertRegex(price, r"^(Free|\$[0-9.e-]+ per ([0-9,]+ )?[a-z]+)$")
        stt = pages["audio/speech_to_text_async"]
        self.assertEqual(stt["endpoint"], "POST /v3/universal-ai/async")
        self.assertIn(("amazon", None, "audio/speech_to_text_async/amazon", "$0.024 per 60 seconds"),
                      stt["providers"])
        self.assertIn(("deepgram", "nova-3"), [p[:2] for p in stt["providers"]])
        self.assertIn(("file", "file_input", True), [row[:3] for row in stt["input"]])
        self.assertIn(("  total_speakers", "int", True), [row[:3] for row in stt["output"]])
        tables = pages["ocr/ocr_tables_async"]
        self.assertIn(("amazon", None, "ocr/ocr_tables_async/amazon", "$15 per 1,000 pages"),
                      tables["providers"])
        self.assertEqual(pages["web/search"]["endpoint"], "POST /v3/universal-ai")

    def test_session_cleanup_pages_the_list_and_deletes_in_batches(self):
        result, session = RUN.result("docs-tests")
        self.assertEqual(result["before"], {result["earlier"]})
        fixture = result["fixture"]
        self.assertEqual((fixture["file_name"], fixture["purpose"], fixture["metadata"]),
                         ("fixture.pdf", "general", {"page_count": 1}))
        self.assertEqual(iso_time(fixture["expires_at"]) - iso_time(fixture["created_at"]),
                         datetime.timedelta(days=30))
        self.assertEqual(len(result["after"]), 1002)
        self.assertEqual(len(set(result["after"])), 1002)
        self.assertEqual(len(result["created"]), 1001)
        self.assertIn(fixture["file_id"], result["created"])
        self.assertEqual(result["deleted"], 1001)
        self.assertEqual(result["remaining"], [result["earlier"]])
        lists = [r for r in session.answers if r.request.method == "GET"]
        pages = [(r.json()["page"], r.json()["total_pages"]) for r in lists]
        self.assertEqual(pages, [(1, 1), (1, 2), (2, 2), (1, 1)])
        deletes = [json.loads(r.request.body)["file_ids"] for r in session.answers
                   if r.request.url.endswith("/v3/upload/delete")]
        self.assertEqual([len(batch) for batch in deletes], [100] * 10 + [1])


if __name__ == "__main__":
    edenmock.main()
