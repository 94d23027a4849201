"""A console test double for failure injection: a small Starlette app over real TLS on loopback.

It is NOT the console (``invigilator.server`` is): it checks a kiosk's signed requests and
counters, keeps a replica of each attempt's chain, hands out commands signed by a center key,
and can be made unreachable, slow, refusing (409, 500) or answering garbage, so the kiosk's link
can be attacked. It refuses to run outside pytest.
"""

from __future__ import annotations

import datetime as dt
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from protocol.envelope import SignedEnvelope, verify
from protocol.errors import RoomMessageError
from protocol.journal_chain import genesis_hash
from protocol.keys import KeyPair, PublicKeys
from protocol.pinning import spki_sha256
from protocol.room import AttemptHead, SyncRequest, SyncResponse, encode, read_request

if "pytest" not in sys.modules:
    raise RuntimeError("the console double is for the kiosk link's tests only; the console is invigilator.server")


def make_certificate(tmp_path, name="console") -> tuple[str, str, str]:
    """A self-signed ECDSA P-256 certificate (PEM) and the paths of its key and certificate files."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Pupitre console {name}")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    key_path, cert_path = tmp_path / f"{name}.key", tmp_path / f"{name}.pem"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    cert_path.write_text(pem)
    return pem, str(key_path), str(cert_path)


@dataclass
class Replica:
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def head(self) -> tuple[int, str]:
        return (self.entries[-1]["seq"], self.entries[-1]["hash"]) if self.entries else (0, "0" * 64)


class ConsoleDouble:
    """What the double does is set by its attributes: ``mode`` is one of ok, garbage, error500,
    refuse409 (once), hang (until ``release`` is set)."""

    def __init__(self, tmp_path, kiosk: PublicKeys, center: KeyPair, center_id: str = "center-1"):
        self.pem, self._key_file, self._cert_file = make_certificate(tmp_path)
        self.pin = spki_sha256(self.pem)
        self.kiosk, self.center, self.center_id = kiosk, center, center_id
        self.replicas: dict[str, Replica] = {}
        self.duplicates = 0
        self.gaps = 0
        self.counter = 0
        self.pending: list[SignedEnvelope] = []
        self.acknowledged: list[str] = []
        self.statuses: list[dict[str, Any]] = []
        self.mode = "ok"
        self.release = threading.Event()
        self.in_flight = threading.Event()
        self.requests = 0
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self.enrolment_code = "KMPQRT7X"
        self.answer_pin: str | None = None  # a relaying machine in the middle: the console's proof names its pin
        self.statement_signer: KeyPair | None = None
        self.receipt_mode = "ok"  # or forged (another key signs), other-bundle (it names other bytes)
        self.bundles: list[SignedEnvelope] = []
        self.banks: dict[str, bytes] = {}
        self.bank_chunk_limit = 1 << 30  # bytes per answer (a small one: a download in several ranges)
        self.bank_tamper = False
        self.range_starts: list[int] = []

    # -- commands --------------------------------------------------------------------------------
    def command(self, kind: str, args: dict[str, Any] | None = None, command_id: str | None = None,
                signer: KeyPair | None = None, kiosk_id: str | None = None, **more: Any) -> SignedEnvelope:
        command_id = command_id or f"cmd-{kind}-{len(self.pending) + len(self.acknowledged):04d}"
        document = {"_type": "pupitre/room-command", "id": command_id, "center": self.center_id,
                    "kiosk": kiosk_id or self.kiosk.signing_id, "kind": kind, "args": dict(args or {}),
                    "issued_at": "2026-11-22T09:00:00+00:00", "issued_by": "Mme Dupont", **more}
        envelope = SignedEnvelope.create(document, signer or self.center)
        self.pending.append(envelope)
        return envelope

    # -- the endpoint ------------------------------------------------------------------------------
    def _sync(self, body: bytes) -> tuple[int, bytes]:
        self.requests += 1
        if self.mode == "hang":
            self.in_flight.set()
            self.release.wait(30)
        if self.mode == "garbage":
            return 200, b"<html>captive portal</html>"
        if self.mode == "error500":
            return 500, b"{}"
        try:
            envelope, request = read_request(body)
        except RoomMessageError as exc:
            return 400, encode({"error": str(exc)})
        if not verify(envelope, [self.kiosk], "pupitre/room-request"):
            return 401, encode({"error": "not signed by an enrolled kiosk"})
        if request.console != self.pin or request.path != "/v1/sync":
            return 400, encode({"error": "request made for another console or path"})
        if self.mode == "refuse409" or request.counter <= self.counter:
            if self.mode == "refuse409":
                self.mode = "ok"
                self.counter = max(self.counter, request.counter + 10**9)
            return 409, encode({"error": "replayed or stale counter", "last_counter": self.counter})
        self.counter = request.counter
        sync = SyncRequest.from_dict(request.body)
        self.statuses.append(sync.status)
        heads = []
        for batch in sync.attempts:
            replica = self.replicas.setdefault(batch.attempt_id, Replica())
            for entry in batch.entries:
                seq, head = replica.head
                if entry.seq <= seq:
                    self.duplicates += 1
                    continue
                prev = head if seq else genesis_hash(batch.attempt_id)
                if entry.seq != seq + 1 or entry.prev_hash != prev or entry.computed_hash() != entry.hash:
                    self.gaps += 1
                    break
                replica.entries.append(entry.to_dict())
            seq, head = replica.head
            heads.append(AttemptHead(batch.attempt_id, seq, head))
        for command_id in sync.acknowledged:
            self.acknowledged.append(command_id)
        self.pending = [c for c in self.pending if c.signed["id"] not in sync.acknowledged]
        answer = SyncResponse(dt.datetime.now(dt.UTC), tuple(heads), tuple(self.pending), sync.acknowledged)
        return 200, encode(answer)

    def _results(self, body: bytes) -> tuple[int, bytes]:
        from protocol.bundle import bundle_id
        from protocol.room import ResultReceipt, ResultUpload

        self.requests += 1
        if self.mode == "error500":
            return 500, b"{}"
        try:
            envelope, request = read_request(body)
        except RoomMessageError as exc:
            return 400, encode({"error": str(exc)})
        if not verify(envelope, [self.kiosk], "pupitre/room-request") or request.counter <= self.counter:
            return 401, encode({"error": "not signed by an enrolled kiosk, or replayed"})
        self.counter = request.counter
        upload = ResultUpload.from_dict(request.body)
        sha = bundle_id(upload.bundle.to_bytes()) if self.receipt_mode != "other-bundle" else "0" * 64
        self.bundles.append(upload.bundle)
        receipt = ResultReceipt(self.center_id, self.kiosk.signing_id, upload.bundle.signed["attempt_id"], sha,
                                "7KQ4M-9XBT2", dt.datetime.now(dt.UTC))
        signer = KeyPair.generate("forger") if self.receipt_mode == "forged" else self.center
        return 200, encode(SignedEnvelope.create(receipt.to_dict(), signer))

    def _bank(self, bank_id: str, signed_header: str, range_header: str) -> tuple[int, bytes, dict[str, str]]:
        import base64

        try:
            envelope, request = read_request(base64.b64decode(signed_header))
        except (RoomMessageError, ValueError) as exc:
            return 400, encode({"error": str(exc)}), {}
        if not verify(envelope, [self.kiosk], "pupitre/room-request") or request.counter <= self.counter \
                or request.path != f"/v1/banks/{bank_id}":
            return 401, encode({"error": "not signed by an enrolled kiosk, replayed, or for another path"}), {}
        self.counter = request.counter
        data = self.banks.get(bank_id)
        if data is None:
            return 404, encode({"error": f"no bank {bank_id}"}), {}
        start = int(range_header.removeprefix("bytes=").split("-")[0]) if range_header else 0
        self.range_starts.append(start)
        end = min(len(data), start + self.bank_chunk_limit)
        body = data[start:end]
        if self.bank_tamper:
            body = bytes(b ^ 0xFF for b in body)
        if not range_header and end == len(data):
            return 200, body, {}
        return 206, body, {"content-range": f"bytes {start}-{end - 1}/{len(data)}"}

    def _enrol(self, body: bytes) -> tuple[int, bytes]:
        from protocol.enrolment import code_verifier, enrolment_proof, proof_matches
        from protocol.room import EnrolmentResponse, read_enrolment

        try:
            _envelope, request = read_enrolment(body)
        except RoomMessageError as exc:
            return 400, encode({"error": str(exc)})
        verifier = code_verifier(self.enrolment_code)
        signing = request.public["ed25519"]
        if not proof_matches(verifier, "kiosk", signing, self.pin, request.proof):
            return 403, encode({"error": "the enrolment proof does not match an open code"})
        keys = request.keys()
        self.kiosk = keys
        proof_pin = self.answer_pin or self.pin
        statement = SignedEnvelope.create({"_type": "pupitre/console-certificate", "center": self.center_id,
                                           "spki_sha256": self.pin, "not_after": "2036-01-01T00:00:00+00:00"},
                                          self.statement_signer or self.center)
        answer = EnrolmentResponse(keys.signing_id, request.name, self.center_id, "Centre Jean Moulin",
                                   self.center.public.public_dict(), self.pem, statement,
                                   enrolment_proof(verifier, "console", signing, proof_pin))
        return 200, encode(answer)

    def app(self) -> Any:
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import Response
        from starlette.routing import Route

        async def sync(request: Request) -> Response:
            import anyio.to_thread

            body = await request.body()
            status, content = await anyio.to_thread.run_sync(self._sync, body)
            return Response(content, status_code=status, media_type="application/json")

        async def enrol(request: Request) -> Response:
            status, content = self._enrol(await request.body())
            return Response(content, status_code=status, media_type="application/json")

        async def results(request: Request) -> Response:
            status, content = self._results(await request.body())
            return Response(content, status_code=status, media_type="application/json")

        async def bank(request: Request) -> Response:
            status, content, headers = self._bank(request.path_params["bank_id"],
                                                  request.headers.get("pupitre-request", ""),
                                                  request.headers.get("range", ""))
            return Response(content, status_code=status, headers=headers, media_type="application/octet-stream")

        async def hello(request: Request) -> Response:
            return Response(encode({"service": "pupitre-console-double"}), media_type="application/json")

        return Starlette(routes=[Route("/v1/sync", sync, methods=["POST"]), Route("/v1/enrol", enrol, methods=["POST"]),
                                 Route("/v1/results", results, methods=["POST"]),
                                 Route("/v1/banks/{bank_id}", bank, methods=["GET"]),
                                 Route("/v1/hello", hello, methods=["GET"])])

    # -- running -----------------------------------------------------------------------------------
    def start(self) -> ConsoleDouble:
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app(), log_level="warning", ssl_keyfile=self._key_file,
                                ssl_certfile=self._cert_file, lifespan="off", timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the console double did not start")
            time.sleep(0.02)
        self._socket = sock
        return self

    def stop(self) -> None:
        self.release.set()
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._server, self._thread = None, None
        if getattr(self, "_socket", None) is not None:
            self._socket.close()
            self._socket = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

