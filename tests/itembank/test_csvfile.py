"""CSV attachments as a French spreadsheet opens them: one writer for every generator of the demo bank."""

import csv
import io

import pytest

from itembank.answers import check
from itembank.authoring import validate_source
from itembank.authoring.csvfile import csv_bytes, read_csv, write_csv
from itembank.demo import DEMO_SOURCE
from itembank.model import Outcome

BOM = b"\xef\xbb\xbf"
ROWS = [
    ["Qualité", "Durée (min)", "Remarque"],
    ["4K", 118, "Téléviseur / TV"],
    ["HD", 1.5, 'Bouton « J\'aime » / "Like" button'],
    ["SD", -2, "un; deux\r\ntrois"],
    ["", 0, "11.10"],
]


def test_bytes_start_with_a_bom_and_use_semicolons_and_crlf():
    data = csv_bytes(ROWS[0], ROWS[1:])
    assert data.startswith(BOM)
    text = data[len(BOM):].decode("utf-8")
    assert text.splitlines()[0] == "Qualité;Durée (min);Remarque"
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert "HD;1,5;" in text  # a decimal comma, as a French spreadsheet reads numbers
    assert '"Bouton « J\'aime » / ""Like"" button"' in text  # quoted only where needed
    assert "4K;118;Téléviseur / TV\r\n" in text


def test_round_trip_with_the_csv_module(tmp_path):
    path = write_csv(tmp_path / "t.csv", ROWS[0], ROWS[1:])
    expected = [[str(v).replace(".", ",") if isinstance(v, float) else str(v) for v in row] for row in ROWS]
    assert read_csv(path) == expected
    with open(path, encoding="utf-8-sig", newline="") as file:  # as a program reads it, without our helper
        assert list(csv.reader(file, delimiter=";")) == expected
    sniffed = csv.Sniffer().sniff(path.read_bytes()[len(BOM):].decode("utf-8").split("\r\n", 1)[0])
    assert sniffed.delimiter == ";"


def csv_attachments():
    return sorted(p for p in (DEMO_SOURCE / "attachments").glob("*.csv"))


@pytest.mark.parametrize("path", csv_attachments(), ids=lambda p: p.name)
def test_every_csv_attachment_of_the_demo_bank_is_written_for_a_french_spreadsheet(path):
    data = path.read_bytes()
    assert data.startswith(BOM), "no byte-order mark: a spreadsheet would read the accents as Windows-1252"
    text = data[len(BOM):].decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows[0]) >= 3 and all(len(row) == len(rows[0]) for row in rows), "ragged rows"
    assert data == csv_bytes(rows[0], rows[1:]), "not the shared writer's bytes"


def test_the_items_about_the_separator_and_the_files_content_stay_right():
    items = {i.id: i for i in validate_source(DEMO_SOURCE).source.items}
    sales = read_csv(DEMO_SOURCE / "attachments" / "1.3-sales-2025.csv")
    assert check(items["1.3-csv-files-02"], {"separator": ";", "rows": str(len(sales) - 1)}) is Outcome.OK
    assert check(items["1.3-csv-files-02"], {"separator": ",", "rows": str(len(sales) - 1)}) is Outcome.KO
    software = read_csv(DEMO_SOURCE / "attachments" / "4.1-software-inventory.csv")[1:]

    def parts(version):
        return [int(p) for p in version.split(".")]

    outdated = sum(parts(installed) < parts(fixed) for _, installed, fixed in software)
    assert check(items["4.1-security-updates-02"], str(outdated)) is Outcome.OK
