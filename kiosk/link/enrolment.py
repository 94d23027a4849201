"""Enrolment of this kiosk in a room (ADR 0017): the one connection made without a pin.

The kiosk connects, notes the pin of the certificate it was shown, proves it saw the one-time
code (an HMAC bound to its key and to that pin: :mod:`protocol.enrolment`), and sends its public
keys in a request signed by its device key. It pins nothing unless the console's answer proves
the same code for the same pin, carries a certificate with that pin, is addressed to this
kiosk's key, and holds a certificate statement signed by the center key it hands over. A
machine in the middle shows another certificate, so neither proof can verify through it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import httpx

from kiosk.link.errors import ConsoleIdentityError, ConsoleRefusedError, ConsoleUnreachableError, LinkError
from kiosk.link.pairing import Pairing, now_text, save_pairing
from kiosk.link.transport import TIMEOUT, error_line
from protocol.enrolment import code_verifier, enrolment_proof, normalise_code, proof_matches
from protocol.envelope import verify
from protocol.errors import PinError, ProtocolError
from protocol.keys import PublicKeys
from protocol.pinning import enrolment_client_context, spki_sha256
from protocol.room import (
    CONSOLE_CERTIFICATE_TYPE,
    PATH_ENROL,
    PATH_HELLO,
    ConsoleCertificateStatement,
    EnrolmentRequest,
    EnrolmentResponse,
    decode,
    encode,
    sign_document,
)

CODE_LENGTH = 8


def _seen_pin(response: httpx.Response) -> str:
    stream = response.extensions.get("network_stream")
    ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
    der = ssl_object.getpeercert(True) if ssl_object is not None else None
    if not der:
        raise ConsoleIdentityError("the console showed no certificate")
    try:
        return spki_sha256(der)
    except PinError as exc:
        raise ConsoleIdentityError(str(exc)) from None


def check_answer(answer: EnrolmentResponse, *, verifier: str, public: PublicKeys, pin_seen: str) -> None:
    """Everything the kiosk checks before it pins anything; :class:`ConsoleIdentityError` naming what failed."""
    signing = public.public_dict()["ed25519"]
    if not proof_matches(verifier, "console", signing, pin_seen, answer.console_proof):
        raise ConsoleIdentityError("the console's proof does not match the code for the certificate this kiosk was "
                                   "shown: a wrong code, or another machine answers in the console's place; nothing "
                                   "was pinned")
    try:
        certificate_pin = spki_sha256(answer.certificate_pem)
    except PinError as exc:
        raise ConsoleIdentityError(f"the console's certificate: {exc}") from None
    if certificate_pin != pin_seen:
        raise ConsoleIdentityError("the certificate the console sent is not the one it showed on the connection")
    if answer.kiosk_id != public.signing_id:
        raise ConsoleIdentityError(f"the console enrolled key {answer.kiosk_id}, "
                                   f"not this kiosk's ({public.signing_id})")
    center = answer.center_keys()
    result = verify(answer.certificate_statement, [center], CONSOLE_CERTIFICATE_TYPE)
    if not result:
        raise ConsoleIdentityError(f"the console certificate statement: {result.reason}")
    statement = ConsoleCertificateStatement.from_dict(answer.certificate_statement.signed)
    if statement.spki_sha256 != pin_seen or statement.center != answer.center_id:
        raise ConsoleIdentityError("the center's certificate statement names another certificate or center")


def enrol(address: str, code: str, *, public: PublicKeys, sign: Callable[[bytes], bytes], name: str,
          device_dir: str | os.PathLike[str], now: Callable[[], dt.datetime],
          timeout: httpx.Timeout = TIMEOUT, announced: tuple[str, str] | None = None) -> Pairing:
    """Enrol with the console at ``address`` (HOST:PORT) using ``code``; the pairing is saved only when
    every check passed. ``sign`` signs with the device key (in this process or in the keeper).

    ``announced`` is the (center id, pin) the console announced on the LAN (kiosk.link.discovery): a
    hint, checked on top of the proof — a machine showing another certificate, or enrolling in
    another center, than the one announced is refused before anything is pinned."""
    typed = normalise_code(code)
    if len(typed) != CODE_LENGTH or not typed.isalnum():
        raise LinkError(f"enrolment code {code!r}: expected the {CODE_LENGTH} characters the console shows "
                        "(e.g. KMPQ-RT7X)")
    verifier = code_verifier(typed)
    with httpx.Client(base_url=f"https://{address}", verify=enrolment_client_context(), trust_env=False,
                      timeout=timeout, follow_redirects=False,
                      limits=httpx.Limits(max_connections=1, max_keepalive_connections=1)) as client:
        try:
            hello = client.get(PATH_HELLO)
            pin_seen = _seen_pin(hello)
            if announced is not None and pin_seen != announced[1]:
                raise ConsoleIdentityError(f"the machine at {address} shows a certificate (pin {pin_seen[:16]}…) "
                                           f"that is not the one announced (pin {announced[1][:16]}…): another "
                                           "machine answers at the announced address; nothing was pinned")
            signing = public.public_dict()
            proof = enrolment_proof(verifier, "kiosk", signing["ed25519"], pin_seen)
            request = EnrolmentRequest(signing, name, pin_seen, proof, now())
            envelope = sign_document(request.to_dict(), sign, public.signing_id)
            response = client.post(PATH_ENROL, content=encode(envelope), headers={"content-type": "application/json"})
        except httpx.TransportError as exc:
            raise ConsoleUnreachableError(f"no console answers at {address} ({exc.__class__.__name__}: {exc})") \
                from None
        if _seen_pin(response) != pin_seen:
            raise ConsoleIdentityError("the console changed certificates during enrolment; nothing was pinned")
        if response.status_code != 200:
            raise ConsoleRefusedError(f"the console refused the enrolment: {error_line(response).error}",
                                      response.status_code)
        try:
            answer = EnrolmentResponse.from_dict(decode(response.content, "enrolment answer"))
        except ProtocolError as exc:
            raise ConsoleRefusedError(f"the console's enrolment answer is not valid: {exc}") from None
    check_answer(answer, verifier=verifier, public=public, pin_seen=pin_seen)
    if announced is not None and answer.center_id != announced[0]:
        raise ConsoleIdentityError(f"the console announced center {announced[0]!r} but enrols in center "
                                   f"{answer.center_id!r}; nothing was pinned")
    pairing = Pairing(address, pin_seen, answer.certificate_pem, answer.center_id, answer.center_name,
                      dict(answer.center_public), answer.kiosk_id, answer.kiosk_name,
                      answer.certificate_statement.to_dict(), now_text(now()))
    save_pairing(Path(device_dir), pairing)
    return pairing
