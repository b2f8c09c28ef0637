"""Load from outside: the real multi-step survey and complaint forms against gunicorn
with several workers, on SQLite and PostgreSQL, with one worker killed mid-run.

    make bench-load     (or: .venv/bin/python bench/load.py [--postgres] [--sends N])

Loopback only, bounded in requests (``--sends`` per phase) and time (30 s per
request, a deadline per phase). Each client first walks its forms to the check
page (not timed), then all clients send at once: the sends are timed. Baselines
served by the same gunicorn in the same run: ``/bench/bare`` (no work) and
``/bench/insert`` (one durable INSERT). Printed: throughput and p50/p99 at 20 and
50 clients, and each as a ratio against the baselines. Then survey and complaint
sends at 50 clients with one worker killed halfway through each (printed apart: a
new worker's start-up would dominate the figures). After the run every confirmed
submission is looked up: it must be stored exactly once.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from portal.complaints import service as complaints  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.models import Complaint, Provider, SurveyResponse, WaitingResponse  # noqa: E402
from portal.operations import migrate  # noqa: E402
from portal.survey.questionnaires import sync_questionnaires  # noqa: E402
from portal.survey.service import response_id_for  # noqa: E402
from tests.complaint_helpers import complaint_step, fill_complaint  # noqa: E402
from tests.conftest import form_fields  # noqa: E402
from tests.survey_helpers import complete_survey  # noqa: E402

SECRET = "load-secret-key-that-is-long-enough-0123456789"
WORKERS = 4


class Reply:
    """The parts of a Flask test response that the tests' form helpers read."""

    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status_code, self.headers, self.data = status, headers, body

    def get_data(self, as_text: bool = False) -> Any:
        return self.data.decode() if as_text else self.data


class HttpClient:
    """A browser without JavaScript: keeps cookies, never follows redirects."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def open(self, method: str, path: str, data: dict | None = None, headers=None) -> Reply:
        body = urlencode(data or {}).encode() if method == "POST" else None
        sent = {"Accept-Language": "nl", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
            payload = response.read()
        except (ConnectionError, http.client.HTTPException, OSError):
            self.connection.close()  # a killed worker: the next request reconnects
            raise
        for cookie in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return Reply(response.status, response.msg, payload)

    def get(self, path: str, headers=None) -> Reply:
        return self.open("GET", path, headers=headers)

    def post(self, path: str, data: dict | None = None, headers=None) -> Reply:
        return self.open("POST", path, data, headers)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(url: str) -> int:
    migrate.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as db:
        sync_questionnaires(db)
        provider = Provider(name="De Vlinderboom Jeugdhulp", slug="vlinderboom")
        db.add(provider)
        db.commit()
        provider_id = provider.id
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE bench_baseline (id VARCHAR(32) PRIMARY KEY, body VARCHAR(300))")
        )
    engine.dispose()
    return provider_id


def start_gunicorn(url: str, instance: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "KLANKBORD_SECRET_KEY": SECRET,
        "KLANKBORD_DATABASE_URL": url,
        "KLANKBORD_INSTANCE_PATH": str(instance),
        "KLANKBORD_BIND": f"127.0.0.1:{port}",
        "KLANKBORD_WORKERS": str(WORKERS),
        # Loopback is one client here: the per-client limits would measure themselves.
        "KLANKBORD_RATE_LIMIT": "off",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "config/gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "bench.load_app:build()",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            HttpClient(port).get("/bench/bare")
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def workers_of(server: subprocess.Popen) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def timed_sends(clients: int, per_client: int, ready, send, on_half=None) -> dict[str, Any]:
    """Each client readies ``per_client`` submissions (untimed), then all send at once."""
    prepared: list[list[Any]] = [[] for _ in range(clients)]
    latencies: list[float] = []
    confirmed: list[Any] = []
    failed = [0]
    lock = threading.Lock()

    def readying(index: int) -> None:
        prepared[index] = [ready() for _ in range(per_client)]

    threads = [threading.Thread(target=readying, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    start_gate = threading.Barrier(clients + 1)
    total = clients * per_client

    def sending(index: int) -> None:
        start_gate.wait()
        for item in prepared[index]:
            began = time.perf_counter()
            for _attempt in range(3):  # a killed worker: the same form is sent again
                try:
                    outcome = send(item)
                    break
                except OSError:
                    continue
            else:
                outcome = None
            with lock:
                latencies.append(time.perf_counter() - began)
                if outcome is None:
                    failed[0] += 1
                else:
                    confirmed.append(outcome)
                if on_half and len(latencies) == total // 2:
                    on_half()

    threads = [threading.Thread(target=sending, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rate": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "confirmed": confirmed,
        "failed": failed[0],
    }


def run(url: str, sends: int, instance: Path) -> None:
    provider_id = prepare(url)
    port = free_port()
    server = start_gunicorn(url, instance, port)
    try:
        kinds = "postgresql" if url.startswith("postgresql") else "sqlite"
        print(f"\n== {kinds}: gunicorn, {WORKERS} workers, {sends} sends per phase ==")
        survey_tokens: list[str] = []
        complaint_codes: list[str] = []
        for clients in (20, 50):
            per = max(1, sends // clients)
            shared = HttpClient(port)

            def bare_ready() -> None:
                return None

            def bare_send(_item: None, client=shared) -> bool:
                return HttpClient(port).get("/bench/bare").status_code == 200

            def insert_send(_item: None) -> bool:
                return HttpClient(port).post("/bench/insert").status_code == 200

            def survey_ready() -> tuple[HttpClient, dict]:
                client = HttpClient(port)
                check = complete_survey(client, headers={"Accept-Language": "nl"})
                return client, {**form_fields(check.data, "survey"), "action": "send"}

            def survey_send(item: tuple[HttpClient, dict]) -> str | None:
                client, data = item
                sent = client.post("/survey/step/check", data=data)
                return data["token"] if sent.status_code == 303 else None

            def complaint_ready() -> tuple[HttpClient, Reply]:
                client = HttpClient(port)
                return client, fill_complaint(client, provider_id)

            def complaint_send(item: tuple[HttpClient, Reply]) -> str | None:
                client, check = item
                sent = complaint_step(client, check, action="send", follow=False)
                if sent.status_code != 303:
                    return None
                page = client.get("/complaints/receipt").get_data(as_text=True)
                return page.split('class="receipt-code"', 1)[1].split(">", 1)[1].split("<")[0]

            def kill_one() -> None:
                victims = workers_of(server)
                if victims:
                    os.kill(victims[0], signal.SIGKILL)
                    print(f"    (killed worker {victims[0]})")

            bare = timed_sends(clients, per, bare_ready, bare_send)
            insert = timed_sends(clients, per, bare_ready, insert_send)
            survey = timed_sends(clients, per, survey_ready, survey_send)
            complaint = timed_sends(clients, per, complaint_ready, complaint_send)
            survey_tokens += [t for t in survey["confirmed"] if t]
            complaint_codes += [c for c in complaint["confirmed"] if c]
            print(f"  {clients} clients ({per} each):")
            for name, figures in [
                ("bare endpoint", bare),
                ("durable INSERT", insert),
                ("survey send", survey),
                ("complaint send", complaint),
            ]:
                print(
                    f"    {name:15} {figures['rate']:7.1f}/s  p50 {figures['p50']:6.1f} ms"
                    f"  p99 {figures['p99']:6.1f} ms  x bare {figures['rate'] / bare['rate']:.2f}"
                    f"  x insert {figures['rate'] / insert['rate']:.2f}"
                    f"  failed {figures['failed']}"
                )
        # Apart from the figures above: a new worker's start-up would dominate them.
        print("  50 clients, one worker killed halfway through each:")
        for name, ready, send, kept in (
            ("survey send", survey_ready, survey_send, survey_tokens),
            ("complaint send", complaint_ready, complaint_send, complaint_codes),
        ):
            figures = timed_sends(50, max(1, sends // 50), ready, send, kill_one)
            kept += [outcome for outcome in figures["confirmed"] if outcome]
            print(
                f"    {name:15} {figures['rate']:7.1f}/s  p50 {figures['p50']:6.1f} ms"
                f"  p99 {figures['p99']:6.1f} ms  failed {figures['failed']}"
            )
        verify(url, survey_tokens, complaint_codes)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def verify(url: str, tokens: list[str], codes: list[str]) -> None:
    engine = make_engine(url)
    with Session(engine) as db:
        # A sent answer waits for the nightly release (portal/survey/release.py).
        stored = set(db.exec(select(SurveyResponse.id)).all())
        stored |= set(db.exec(select(WaitingResponse.id)).all())
        missing = [t for t in tokens if response_id_for(t, SECRET) not in stored]
        complaints_stored = len(db.exec(select(Complaint.id)).all())
        lost = [c for c in codes if complaints.find_by_receipt(db, c, SECRET) is None]
    engine.dispose()
    print(
        f"  confirmed survey sends {len(tokens)}, stored {len(stored)}, "
        f"confirmed but missing {len(missing)}"
    )
    print(
        f"  confirmed complaints {len(codes)}, stored {complaints_stored}, "
        f"confirmed but missing {len(lost)}"
    )
    assert not missing and not lost, "a confirmed submission was lost"
    assert len(stored) == len(set(tokens)) and complaints_stored == len(set(codes)), (
        "stored more than was confirmed: a double or an unconfirmed submission"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    parser.add_argument("--sends", type=int, default=200, help="sends per phase")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'load.sqlite3'}", options.sends, Path(folder) / "i1")
    if options.postgres:
        from tests.postgres import running_server

        with ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
            url = stack.enter_context(running_server())
            run(url, options.sends, Path(folder) / "i2")


if __name__ == "__main__":
    main()
