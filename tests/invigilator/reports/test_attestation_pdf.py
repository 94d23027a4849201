"""The attestation, read back from the PDF and from its printed QR code, verified with the center key."""

import dataclasses

import pytest

from invigilator.errors import ReportError
from invigilator.reports import compact_result, render_attestation, render_attestations
from invigilator.reports.specimen import LONG_FIRST, specimen_attestations
from protocol.attestation import verify_attestation
from protocol.keys import KeyPair
from tests.invigilator.reports.conftest import pdf_fonts, pdf_pages, pdf_text, render_page, scan_qr


@pytest.fixture(scope="module")
def attestations():
    return specimen_attestations(24)


@pytest.fixture(scope="module")
def accented(attestations):
    return next(a for a in attestations if any(ord(ch) > 127 for ch in a.candidate.last_name))


@pytest.fixture(scope="module")
def pdfs(accented, center_keys, tmp_path_factory):
    root = tmp_path_factory.mktemp("attestation")
    out = {}
    for language in ("fr", "en"):
        out[language] = root / f"attestation-{language}.pdf"
        out[language].write_bytes(render_attestation(accented, center_keys.signing_private, language))
    return out


def test_french_attestation_shows_the_result(accented, pdfs):
    text = pdf_text(pdfs["fr"])
    c = accented.candidate
    assert "Attestation de résultat" in text
    assert f"{c.first_name} {c.last_name.upper()}" in text
    assert f"{accented.score} pix" in text and accented.level_name("fr") in text
    assert accented.verification_code in text
    assert "Niveau estimé dans chacune des 16 compétences (0 à 8)" in text
    for competence in accented.framework.competences:
        assert competence.code in text
    assert "Protéger les données personnelles et la vie privée" in text
    assert "sous réserve de validation par le jury" in text
    assert accented.center.name in text


def test_each_competence_level_is_printed_beside_its_bar(accented, pdfs):
    lines = pdf_text(pdfs["fr"]).splitlines()
    for competence in accented.framework.competences:
        line = next(line for line in lines if line.strip().startswith(competence.code + " "))
        assert line.split()[-1] == str(accented.competence_levels[competence.code]), line


def test_english_attestation(accented, pdfs):
    text = pdf_text(pdfs["en"])
    for label in ("Statement of result", "Overall level", accented.level_name("en"), "Verification code",
                  "Estimated level in each of the 16 competences (0 to 8)", "Protect personal data and privacy",
                  "subject to validation by the certification jury"):
        assert label in text, label
    assert "Attestation de résultat" not in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_printed_qr_code_scans_and_verifies_with_the_center_key(accented, pdfs, center_keys, tmp_path,
                                                                    language):
    image = render_page(pdfs[language], 1, tmp_path / "page", dpi=150)
    payloads = scan_qr(image)
    assert len(payloads) == 1
    check = verify_attestation(payloads[0], center_keys.public.signing)
    assert check.ok, check.reason
    assert check.result == compact_result(accented)
    assert check.result.code == accented.verification_code and check.result.score == accented.score
    c = accented.candidate
    assert check.result.holder_matches(c.last_name, c.first_name, c.birth_date)
    assert not verify_attestation(payloads[0], KeyPair.generate("another center").public.signing).ok


def test_a_batch_prints_one_page_each_and_every_qr_scans(attestations, center_keys, tmp_path):
    batch = attestations[:4]
    pdf = tmp_path / "batch.pdf"
    pdf.write_bytes(render_attestations(batch, center_keys.signing_private, "fr"))
    assert pdf_pages(pdf) == len(batch)
    for page, data in enumerate(batch, 1):
        [payload] = scan_qr(render_page(pdf, page, tmp_path / f"p{page}", dpi=120))
        assert verify_attestation(payload, center_keys.public.signing).result == compact_result(data)


def test_a_long_name_shrinks_to_fit(attestations, center_keys, tmp_path):
    long = next(a for a in attestations if a.candidate.first_name == LONG_FIRST)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_attestation(long, center_keys.signing_private))
    text = " ".join(pdf_text(pdf).split())
    assert f"{LONG_FIRST} {long.candidate.last_name.upper()}" in text


def test_fonts_are_embedded(pdfs):
    for pdf in pdfs.values():
        fonts = pdf_fonts(pdf)
        assert fonts and all(emb == "yes" for _, emb in fonts), fonts


def test_bad_inputs_are_refused(accented, center_keys):
    with pytest.raises(ReportError, match="missing"):
        dataclasses.replace(accented, competence_levels={"1.1": 3})
    with pytest.raises(ReportError, match="0–8"):
        dataclasses.replace(accented, competence_levels={**accented.competence_levels, "1.1": 9})
    with pytest.raises(ReportError, match="no band"):
        dataclasses.replace(accented, level=9)
    with pytest.raises(ReportError, match="cannot carry it: code 'P-AAAAAAAA'"):
        dataclasses.replace(accented, verification_code="P-AAAAAAAA")
    with pytest.raises(ReportError, match="cannot carry it: center"):
        dataclasses.replace(accented, center=dataclasses.replace(accented.center, id="Lycée 42"))
    with pytest.raises(ReportError, match="no attestation"):
        render_attestations([], center_keys.signing_private)
    with pytest.raises(ReportError, match="language"):
        render_attestation(accented, center_keys.signing_private, "es")
