import pytest

from protocol.envelope import SignedEnvelope, verify, verify_or_raise
from protocol.errors import EnvelopeFormatError, SignatureError
from protocol.keys import KeyPair


@pytest.fixture(scope="module")
def alice():
    return KeyPair.generate("alice")


@pytest.fixture(scope="module")
def mallory():
    return KeyPair.generate("mallory")


def doc():
    return {"_type": "pupitre/test", "n": 1, "text": "é", "future_field": {"kept": [1, 2]}}


def test_sign_and_verify(alice):
    env = SignedEnvelope.create(doc(), alice)
    result = verify(env, [alice.public], "pupitre/test")
    assert result.ok and result.signer == alice.public.signing_id
    assert verify_or_raise(env, [alice.public.signing], "pupitre/test", "doc") == alice.public.signing_id


def test_round_trip_through_bytes_keeps_unknown_fields(alice):
    env = SignedEnvelope.create(doc(), alice)
    again = SignedEnvelope.from_bytes(env.to_bytes())
    assert again.signed == doc()
    assert again.to_bytes() == env.to_bytes()
    assert verify(again, [alice.public], "pupitre/test").ok


def test_untrusted_signer(alice, mallory):
    env = SignedEnvelope.create(doc(), mallory)
    result = verify(env, [alice.public], "pupitre/test")
    assert not result.ok and "untrusted" in result.reason
    with pytest.raises(SignatureError, match="doc: signed only by untrusted"):
        verify_or_raise(env, [alice.public], "pupitre/test", "doc")


def test_altered_document(alice):
    env = SignedEnvelope.create(doc(), alice)
    env.signed["n"] = 2
    result = verify(env, [alice.public], "pupitre/test")
    assert not result.ok and "does not match" in result.reason


def test_wrong_type_is_refused_even_when_signed(alice):
    env = SignedEnvelope.create(doc(), alice)
    assert not verify(env, [alice.public], "pupitre/other").ok


def test_no_signature(alice):
    env = SignedEnvelope(doc(), [])
    assert "no signature" in verify(env, [alice.public], "pupitre/test").reason


def test_second_signature_replaces_same_key(alice, mallory):
    env = SignedEnvelope.create(doc(), alice)
    env.add_signature(alice)
    env.add_signature(mallory)
    assert len(env.signatures) == 2
    assert verify(env, [mallory.public], "pupitre/test").signer == mallory.public.signing_id


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"[]", "exactly the fields"),
        (b'{"signatures":[],"signed":{}}', "_type"),
        (b'{"signatures":{},"signed":{"_type":"x"}}', "must be a list"),
        (b'{"signatures":[{"sig":"AA=="}],"signed":{"_type":"x"}}', "no 'keyid'"),
        (b'{"signatures":[{"keyid":"k","sig":"!!"}],"signed":{"_type":"x"}}', "not valid base64"),
        (b'{"extra":1,"signatures":[],"signed":{"_type":"x"}}', "exactly the fields"),
        (b'{ "signatures":[],"signed":{"_type":"x"}}', "canonical"),
    ],
)
def test_malformed_envelopes(data, fragment):
    with pytest.raises(EnvelopeFormatError, match=fragment):
        SignedEnvelope.from_bytes(data)


def test_create_needs_a_type(alice):
    with pytest.raises(EnvelopeFormatError, match="_type"):
        SignedEnvelope.create({"n": 1}, alice)
