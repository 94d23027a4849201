"""Attachments of the protection and security competences (4.1 to 4.3) of the demonstration bank.

Every file is rebuilt from the data below, byte for byte: fixed timestamps in the zip
containers, reportlab in invariant mode, no randomness, PNG and JPEG files without dates.
Run it as a script to refresh the sibling ``attachments/`` folder; ``answers()`` gives the
values the items rely on, computed from the same data.
"""

from __future__ import annotations

import datetime as dt
import io
import pathlib
import zipfile
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image, ImageDraw, ImageFont
from PIL.TiffImagePlugin import IFDRational
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from itembank.authoring.csvfile import write_csv

ZIP_DATE = (2026, 1, 5, 9, 0, 0)
FONT_DIR = pathlib.Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _zip(path: pathlib.Path, parts: list[tuple[str, bytes | str]], stored_first: bool = False) -> None:
    """A zip container with fixed dates; ODF wants its mimetype first and uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(parts):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if (stored_first and index == 0) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def _save_png(image: Image.Image, path: pathlib.Path) -> None:
    image.save(path, format="PNG", optimize=True)


def _write_csv(path: pathlib.Path, rows: list[list[object]]) -> None:
    write_csv(path, rows[0], rows[1:])


# ---------------------------------------------------------------------------------------------
# ODS (OpenDocument spreadsheet written by hand)
# ---------------------------------------------------------------------------------------------
ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)

ODS_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ODF_NS} office:version="1.2">
 <office:styles>
  <style:default-style style:family="table-cell">
   <style:text-properties fo:font-size="10pt"/>
  </style:default-style>
 </office:styles>
</office:document-styles>"""


def _ods_meta(title: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODF_NS} office:version="1.2">'
            f"<office:meta><dc:title>{escape(title)}</dc:title>"
            "<meta:creation-date>2026-01-05T09:00:00</meta:creation-date>"
            "<dc:date>2026-01-05T09:00:00</dc:date></office:meta></office:document-meta>")


def _ods_cell(value: object, header: bool) -> str:
    if header:
        return (f'<table:table-cell table:style-name="ceh" office:value-type="string">'
                f"<text:p>{escape(str(value))}</text:p></table:table-cell>")
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        raise TypeError("no booleans in sheets")
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if isinstance(value, dt.date):
        return (f'<table:table-cell table:style-name="cedate" office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>')
    if isinstance(value, dt.time):
        return (f'<table:table-cell table:style-name="cetime" office:value-type="time" '
                f'office:time-value="PT{value.hour:02d}H{value.minute:02d}M00S">'
                f"<text:p>{value.hour:02d}:{value.minute:02d}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(path: pathlib.Path, title: str, sheet: str, rows: list[list[object]], widths_cm: list[float]) -> None:
    """One sheet; the first row is a bold header row."""
    columns = "".join(
        f'<style:style style:name="co{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
        for i, w in enumerate(widths_cm)
    )
    body = "".join(f'<table:table-column table:style-name="co{i}"/>' for i in range(len(widths_cm)))
    for index, row in enumerate(rows):
        body += "<table:table-row>" + "".join(_ods_cell(v, index == 0) for v in row) + "</table:table-row>"
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ODF_NS} office:version="1.2">
 <office:automatic-styles>
  <number:date-style style:name="Ndate">
   <number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/>
   <number:text>-</number:text><number:day number:style="long"/>
  </number:date-style>
  <number:time-style style:name="Ntime">
   <number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/>
  </number:time-style>
  <style:style style:name="cedate" style:family="table-cell" style:data-style-name="Ndate"/>
  <style:style style:name="cetime" style:family="table-cell" style:data-style-name="Ntime"/>
  <style:style style:name="ceh" style:family="table-cell">
   <style:table-cell-properties fo:wrap-option="wrap"/><style:text-properties fo:font-weight="bold"/>
  </style:style>
  {columns}
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="{escape(sheet)}">{body}</table:table>
 </office:spreadsheet></office:body>
</office:document-content>"""
    _zip(path, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("META-INF/manifest.xml", ODS_MANIFEST), ("meta.xml", _ods_meta(title)),
                ("styles.xml", ODS_STYLES), ("content.xml", content)], stored_first=True)


# ---------------------------------------------------------------------------------------------
# XLSX (SpreadsheetML written by hand, inline strings)
# ---------------------------------------------------------------------------------------------
XLSX_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""

XLSX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""

XLSX_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
<Relationship Id="rId2" Target="styles.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>
</Relationships>"""

XLSX_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2">
<font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>
</fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_xlsx(path: pathlib.Path, sheet: str, rows: list[list[object]], widths: list[float]) -> None:
    """One sheet; the first row is a bold header row; text cells are inline strings."""
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths))
    data = ""
    for r, row in enumerate(rows, start=1):
        cells = ""
        for c, value in enumerate(row):
            ref = f"{_column_letter(c)}{r}"
            style = ' s="1"' if r == 1 else ""
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells += f'<c r="{ref}"{style}><v>{value}</v></c>'
            elif value not in (None, ""):
                cells += f'<c r="{ref}"{style} t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'
        data += f'<row r="{r}">{cells}</row>'
    sheet_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 f"<cols>{cols}</cols><sheetData>{data}</sheetData></worksheet>")
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    _zip(path, [("[Content_Types].xml", XLSX_TYPES), ("_rels/.rels", XLSX_RELS),
                ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS),
                ("xl/styles.xml", XLSX_STYLES), ("xl/worksheets/sheet1.xml", sheet_xml)])


# ---------------------------------------------------------------------------------------------
# PDF helpers (platypus in invariant mode)
# ---------------------------------------------------------------------------------------------
def _pdf_styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName="Helvetica-Bold", fontSize=16, leading=20),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontName="Helvetica-Bold", fontSize=12, leading=15,
                            spaceBefore=8, spaceAfter=4),
        "p": ParagraphStyle("p", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontName="Helvetica", fontSize=8, leading=10,
                                textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontName="Helvetica", fontSize=8.5, leading=10.5),
        "cellb": ParagraphStyle("cb", parent=base["BodyText"], fontName="Helvetica-Bold", fontSize=8.5,
                                leading=10.5),
    }


def _pdf_table(rows: list[list[str]], widths_cm: list[float], styles: dict[str, ParagraphStyle],
               align_right: tuple[int, ...] = ()) -> Table:
    cells = [[Paragraph(escape(str(v)), styles["cellb" if r == 0 else "cell"]) for v in row]
             for r, row in enumerate(rows)]
    table = Table(cells, colWidths=[w * cm for w in widths_cm], repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE6F0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for col in align_right:
        commands.append(("ALIGN", (col, 1), (col, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def _build_pdf(path: pathlib.Path, title: str, story: list) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm, title=title, author="", subject="", creator="", producer="",
                            invariant=1)
    doc.build(story)


# =============================================================================================
# 4.1 Secure the digital environment
# =============================================================================================
YES, NO = "oui / yes", "non / no"

# service, login, password length, reused elsewhere, found in a known breach, two-factor, last changed
PASSWORD_AUDIT = [
    ("Aurore Mail", "lea.moreau", 18, NO, NO, YES, dt.date(2025, 11, 3)),
    ("Banque Horizon", "40718265", 14, NO, NO, YES, dt.date(2025, 9, 21)),
    ("Kinoflix", "lea.moreau@aurore-mail.fr", 9, YES, YES, YES, dt.date(2023, 2, 11)),
    ("Ludo Arena", "LeaM_92", 8, YES, YES, NO, dt.date(2021, 6, 30)),
    ("PhotoNuage", "lea.moreau@aurore-mail.fr", 11, YES, NO, NO, dt.date(2022, 4, 2)),
    ("TchatCafé", "leam", 10, NO, YES, NO, dt.date(2020, 1, 15)),
    ("Librairie Plume", "lea.moreau@aurore-mail.fr", 12, YES, NO, YES, dt.date(2024, 3, 8)),
    ("Marché Express", "lmoreau", 9, YES, NO, NO, dt.date(2022, 10, 19)),
    ("Vélocité", "lea.moreau@aurore-mail.fr", 16, NO, NO, NO, dt.date(2025, 5, 27)),
    ("Forum Jardin", "lea_jardine", 8, YES, YES, YES, dt.date(2019, 7, 4)),
    ("MusiQ", "lea.moreau@aurore-mail.fr", 13, NO, NO, YES, dt.date(2024, 12, 1)),
    ("Cuisine & Co", "leam92", 10, YES, NO, NO, dt.date(2021, 11, 23)),
    ("Ciné Quartier", "lmoreau", 7, NO, YES, NO, dt.date(2018, 9, 9)),
    ("Sport Plus", "lea.moreau@aurore-mail.fr", 12, NO, NO, NO, dt.date(2025, 1, 12)),
    ("Mutuelle Alizé", "1 85 07 69 123 456", 15, NO, NO, YES, dt.date(2025, 8, 30)),
    ("Agenda Zen", "lea.moreau@aurore-mail.fr", 11, YES, NO, YES, dt.date(2023, 6, 17)),
    ("Jeux Pixel", "LeaPix", 9, NO, NO, NO, dt.date(2024, 2, 25)),
    ("Voyages Azur", "lea.moreau@aurore-mail.fr", 14, NO, NO, YES, dt.date(2025, 10, 6)),
]


def password_audit(out: pathlib.Path) -> str:
    name = "4.1-password-audit.ods"
    rows: list[list[object]] = [[
        "Service", "Identifiant / Login", "Longueur du mot de passe / Password length",
        "Réutilisé ailleurs / Reused elsewhere", "Présent dans une fuite connue / Found in a known breach",
        "Double authentification / Two-factor authentication", "Dernière modification / Last changed",
    ]]
    rows += [list(r) for r in PASSWORD_AUDIT]
    write_ods(out / name, "Rapport de sécurité / Security report", "Rapport", rows,
              [3.6, 5.2, 3.4, 3.4, 3.8, 4.0, 3.4])
    return name


PHISHING_EML = """Return-Path: <bounce-4471@mailer-dgfip-info.fr>
Received: from mailer-dgfip-info.fr (unknown [198.51.100.77])
\tby mx1.aurore-mail.fr with ESMTP id 4F7Kq2ZbX1; Tue, 10 Mar 2026 06:12:41 +0100
Authentication-Results: mx1.aurore-mail.fr; spf=softfail smtp.mailfrom=mailer-dgfip-info.fr; dkim=none; dmarc=none
Date: Tue, 10 Mar 2026 06:12:38 +0100
From: "impots.gouv.fr" <no-reply@dgfip-info.fr>
Reply-To: <service-remboursement@dgfip-info.fr>
To: lea.moreau@aurore-mail.fr
Subject: =?utf-8?q?Avis_de_remboursement_d=27imp=C3=B4t_=2D_248=2C50_EUR?=
Message-ID: <20260310061238.88213@dgfip-info.fr>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit

<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Avis de remboursement</title></head>
<body style="font-family: Arial, sans-serif; color: #222;">
<table width="600" cellpadding="12" style="border: 1px solid #ccc;">
<tr><td style="background: #000091; color: #fff; font-size: 20px;"><b>impots.gouv.fr</b></td></tr>
<tr><td>
<p>Madame, Monsieur,</p>
<p>Après le dernier calcul annuel de votre impôt sur le revenu, nous avons déterminé que vous
êtes éligible à un remboursement de <b>248,50 EUR</b>.</p>
<p>Pour recevoir ce montant sur votre compte bancaire, vous devez confirmer vos informations
dans un délai de <b>48 heures</b>. Passé ce délai, votre remboursement sera annulé.</p>
<p style="text-align: center;">
<a href="https://impots-gouv.fr-verif.info/remboursement/dossier.php?id=FR-88213"
   style="background: #000091; color: #fff; padding: 10px 18px; text-decoration: none;">Accéder à mon remboursement</a>
</p>
<p>Si le bouton ne fonctionne pas, copiez ce lien :<br>
<a href="https://impots-gouv.fr-verif.info/remboursement/dossier.php?id=FR-88213">https://www.impots.gouv.fr/remboursement</a></p>
<p>Cordialement,<br>La Direction générale des Finances publiques</p>
</td></tr>
<tr><td style="font-size: 11px; color: #777;">
Ce message est envoyé automatiquement, merci de ne pas y répondre.
</td></tr>
</table>
</body>
</html>
"""


def phishing_message(out: pathlib.Path) -> str:
    name = "4.1-suspicious-message.eml"
    (out / name).write_bytes(PHISHING_EML.replace("\n", "\r\n").encode("utf-8"))
    return name


def certificate_screenshot(out: pathlib.Path) -> str:
    """A certificate viewer as a browser shows it: the name matches, the issuer is a CA, the dates are past."""
    name = "4.1-certificate.png"
    width, height = 980, 600
    image = Image.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 54], fill=(52, 73, 94))
    draw.text((20, 14), "Certificat / Certificate — www.boutique-horizon.fr", font=_font(22, True), fill="white")
    draw.rectangle([20, 70, width - 20, height - 20], fill="white", outline=(190, 190, 190))
    y = 88
    sections = [
        ("Émis pour / Issued to", [
            ("Nom commun (CN) / Common name (CN)", "www.boutique-horizon.fr"),
            ("Organisation (O) / Organisation (O)", "<ne fait pas partie du certificat / not part of certificate>"),
            ("Autres noms (SAN) / Alternative names (SAN)", "www.boutique-horizon.fr, boutique-horizon.fr"),
        ]),
        ("Émis par / Issued by", [
            ("Nom commun (CN) / Common name (CN)", "Sentinel TLS RSA CA 2025"),
            ("Organisation (O) / Organisation (O)", "Sentinel Trust Services"),
            ("Pays (C) / Country (C)", "FR"),
        ]),
        ("Période de validité / Validity period", [
            ("Début / Not before", "2025-12-12 08:41:07 UTC"),
            ("Fin / Not after", "2026-03-11 08:41:06 UTC"),
        ]),
        ("Empreintes / Fingerprints", [
            ("SHA-256 (certificat / certificate)", "3A:9F:1C:77:E0:42:B8:5D:16:C3:0A:94:7E:2B:D1:68"),
            ("", "F4:05:8C:B3:29:6E:A1:D7:50:3B:CE:12:8F:64:9A:E2"),
            ("SHA-256 (clé publique / public key)", "Qm4xR2ZpL0s3dUJ5TjhhV3E5c0pQZ1dFdlR6aDJrY0U="),
        ]),
    ]
    for title, rows in sections:
        draw.text((40, y), title, font=_font(19, True), fill=(30, 30, 30))
        y += 32
        for label, value in rows:
            draw.text((60, y), label, font=_font(15), fill=(90, 90, 90))
            draw.text((470, y), value, font=_font(15), fill=(20, 20, 20))
            y += 26
        y += 14
        draw.line([40, y - 8, width - 40, y - 8], fill=(225, 225, 225), width=1)
    _save_png(image, out / name)
    return name


# date time, result, IP address, approximate location, device
OWNER_HOME, OWNER_PHONE_1, OWNER_PHONE_2 = "203.0.113.17", "192.0.2.44", "192.0.2.45"
ATTACKER_1, ATTACKER_2 = "198.51.100.23", "198.51.100.187"
SIGN_INS = [
    ("2026-02-23 07:52:10", "OK", OWNER_PHONE_1, "Lyon, FR", "Application / App — Android"),
    ("2026-02-23 19:05:44", "OK", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-02-24 12:31:02", "OK", OWNER_PHONE_1, "Lyon, FR", "Application / App — Android"),
    ("2026-02-25 20:14:37", "FAILED", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-02-25 20:15:02", "OK", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-02-26 03:12:55", "FAILED", ATTACKER_1, "Amsterdam, NL", "Chrome — Linux"),
    ("2026-02-26 03:13:04", "FAILED", ATTACKER_1, "Amsterdam, NL", "Chrome — Linux"),
    ("2026-02-26 03:13:12", "FAILED", ATTACKER_1, "Amsterdam, NL", "Chrome — Linux"),
    ("2026-02-26 03:13:21", "FAILED", ATTACKER_1, "Amsterdam, NL", "Chrome — Linux"),
    ("2026-02-26 08:02:19", "OK", OWNER_PHONE_2, "Lyon, FR", "Application / App — Android"),
    ("2026-02-27 18:47:30", "OK", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-02-28 10:20:11", "OK", OWNER_PHONE_2, "Lyon, FR", "Application / App — Android"),
    ("2026-03-01 21:33:08", "OK", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-03-02 02:41:16", "FAILED", ATTACKER_2, "Singapore, SG", "Edge — Windows"),
    ("2026-03-02 02:41:27", "FAILED", ATTACKER_2, "Singapore, SG", "Edge — Windows"),
    ("2026-03-02 02:41:39", "FAILED", ATTACKER_2, "Singapore, SG", "Edge — Windows"),
    ("2026-03-02 02:42:03", "OK", ATTACKER_2, "Singapore, SG", "Edge — Windows"),
    ("2026-03-02 07:58:40", "OK", OWNER_PHONE_1, "Lyon, FR", "Application / App — Android"),
    ("2026-03-03 19:12:26", "OK", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-03-04 03:05:51", "FAILED", ATTACKER_1, "Amsterdam, NL", "Chrome — Linux"),
    ("2026-03-04 03:06:02", "FAILED", ATTACKER_1, "Amsterdam, NL", "Chrome — Linux"),
    ("2026-03-04 12:44:09", "OK", OWNER_PHONE_2, "Lyon, FR", "Application / App — Android"),
    ("2026-03-05 20:01:58", "OK", OWNER_HOME, "Lyon, FR", "Firefox — Windows"),
    ("2026-03-06 08:15:33", "OK", OWNER_PHONE_1, "Lyon, FR", "Application / App — Android"),
]


def sign_in_history(out: pathlib.Path) -> str:
    name = "4.1-sign-in-history.txt"
    lines = [
        "# Historique des connexions / Sign-in history",
        "# Compte / Account : lea.moreau@aurore-mail.fr",
        "# Heure de Paris / Paris time — OK = connexion réussie / successful sign-in ; "
        "FAILED = mot de passe incorrect / wrong password",
        "#",
        "# Date et heure / Date and time | Résultat / Result | Adresse IP / IP address | "
        "Localisation approximative / Approximate location | Appareil / Device",
    ]
    for when, result, ip, place, device in SIGN_INS:
        lines.append(f"{when} | {result:<6} | {ip:<15} | {place:<14} | {device}")
    (out / name).write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return name


BACKUP_COPIES = [
    ("A", "Serveur NAS au cabinet / NAS server in the office",
     "Miroir en temps réel / Real-time mirror",
     "Lecteur réseau Z: monté en permanence sur tous les postes / Network drive Z: permanently mounted on every PC",
     "Aucun : chaque modification remplace l'ancienne version / None: each change replaces the previous version"),
    ("B", "Dossier synchronisé NuageBox (cloud) / NuageBox synchronised folder (cloud)",
     "Synchronisation continue / Continuous synchronisation",
     "Client de synchronisation actif sur tous les postes / Sync client running on every PC",
     "Désactivé (option payante non souscrite) / Disabled (paid option not subscribed)"),
    ("C", "Disque USB externe n° 1 / External USB disk no. 1",
     "Copie automatique chaque nuit à 23 h / Automatic copy every night at 11 pm",
     "Branché en permanence sur le poste de l'accueil / Permanently plugged into the reception PC",
     "Aucun : la copie de la nuit remplace la précédente / None: each night's copy replaces the previous one"),
    ("D", "Disque USB externe n° 2 / External USB disk no. 2",
     "Copie manuelle chaque vendredi à 18 h / Manual copy every Friday at 6 pm",
     "Débranché après la copie et rangé dans le coffre de la gérante, hors du cabinet / "
     "Unplugged after the copy and kept in the manager's safe, outside the office",
     "4 dernières semaines conservées / Last 4 weeks kept"),
]


def backup_plan(out: pathlib.Path) -> str:
    name = "4.1-backup-plan.pdf"
    s = _pdf_styles()
    story = [
        Paragraph("Cabinet Durand &amp; Associés", s["title"]),
        Paragraph("Plan de sauvegarde / Backup plan", s["title"]),
        Paragraph("Version 3 — janvier 2026 / January 2026. Diffusion interne / Internal use.", s["small"]),
        Spacer(1, 8),
        Paragraph("1. Objet / Purpose", s["h"]),
        Paragraph("Ce document décrit les quatre copies des dossiers clients du cabinet (dossier partagé "
                  "« Clients », environ 180 Go). Les huit postes de travail du cabinet sont reliés au même réseau "
                  "local. / This document describes the four copies of the firm's client files (shared folder "
                  "\"Clients\", about 180 GB). The firm's eight workstations are on the same local network.",
                  s["p"]),
        Paragraph("2. Les copies / The copies", s["h"]),
        _pdf_table([["Copie / Copy", "Support / Medium", "Fréquence / Frequency",
                     "Connexion aux postes / Connection to the PCs", "Versions antérieures / Previous versions"]]
                   + [list(c) for c in BACKUP_COPIES], [1.6, 3.4, 3.4, 4.2, 4.4], s),
        Paragraph("3. Responsabilités / Responsibilities", s["h"]),
        Paragraph("La gérante, Mme Durand, effectue la copie D chaque vendredi. Le prestataire informatique "
                  "vérifie une fois par mois que les copies A, B et C se sont bien déroulées. / The manager, "
                  "Ms Durand, makes copy D every Friday. The IT contractor checks once a month that copies A, B "
                  "and C ran correctly.", s["p"]),
        Paragraph("4. Test de restauration / Restore test", s["h"]),
        Paragraph("Dernier test de restauration complète : 14 novembre 2025, depuis la copie A (durée : 3 h). / "
                  "Last full restore test: 14 November 2025, from copy A (duration: 3 h).", s["p"]),
    ]
    _build_pdf(out / name, "Plan de sauvegarde / Backup plan", story)
    return name


# software, installed version, first version fixing its latest security flaw
SOFTWARE = [
    ("Navio (navigateur / browser)", "128.0.3", "128.0.10"),
    ("Courrio (messagerie / e-mail)", "115.9", "115.12"),
    ("Tableo (tableur / spreadsheet)", "24.8.2", "24.8.2"),
    ("Scriba (traitement de texte / word processor)", "7.6.4", "7.5.9"),
    ("Médio (lecteur vidéo / video player)", "3.0.21", "3.0.20"),
    ("Photon (retouche photo / photo editor)", "2.10.36", "2.10.8"),
    ("Archivo (compression / archiver)", "24.09", "23.01"),
    ("Pdfix (lecteur PDF / PDF reader)", "11.2", "11.10"),
    ("Notex (éditeur de texte / text editor)", "8.6.9", "8.7.1"),
    ("Gardien (gestionnaire de mots de passe / password manager)", "2.7.9", "2.7.9"),
    ("Kodo (éditeur de code / code editor)", "1.95.1", "1.95.1"),
    ("Lecto (liseuse / e-book reader)", "4.1", "4.1.2"),
    ("Iris (visionneuse d'images / image viewer)", "1.9.3", "1.10.0"),
]


def software_inventory(out: pathlib.Path) -> str:
    name = "4.1-software-inventory.csv"
    rows: list[list[object]] = [["Logiciel / Software", "Version installée / Installed version",
                                 "Version corrigeant la dernière faille / Version fixing the latest flaw"]]
    rows += [list(r) for r in SOFTWARE]
    _write_csv(out / name, rows)
    return name


# =============================================================================================
# 4.2 Protect personal data and privacy
# =============================================================================================
RETENTION = [
    ("Données du compte (nom, courriel, téléphone)",
     "Durée du compte, puis 3 ans après la dernière utilisation"),
    ("Historique des trajets (points GPS)", "6 mois après le trajet"),
    ("Factures", "10 ans (obligation légale)"),
    ("Échanges avec le service client", "2 ans après le dernier échange"),
    ("Journaux techniques de connexion", "12 mois"),
]
RETENTION_EN = [
    ("Account data (name, e-mail, phone)", "Life of the account, then 3 years after last use"),
    ("Trip history (GPS points)", "6 months after the trip"),
    ("Invoices", "10 years (legal obligation)"),
    ("Exchanges with customer service", "2 years after the last exchange"),
    ("Technical connection logs", "12 months"),
]
RIGHTS_EMAIL = "dpo@velocite-mobilite.fr"
SUPPORT_EMAIL = "contact@velocite-mobilite.fr"


def privacy_policy(out: pathlib.Path) -> str:
    name = "4.2-privacy-policy.pdf"
    s = _pdf_styles()
    fr = [
        Paragraph("Vélocité — Politique de confidentialité", s["title"]),
        Paragraph("Application de vélos en libre-service. Version du 2 janvier 2026. "
                  "(English version on page 2.)", s["small"]),
        Paragraph("1. Qui est responsable de vos données ?", s["h"]),
        Paragraph("Vélocité Mobilité SAS, 12 rue des Tanneurs, 69007 Lyon, est responsable du traitement de vos "
                  "données personnelles. Pour toute question pratique sur votre abonnement, écrivez au service "
                  f"client : {SUPPORT_EMAIL}.", s["p"]),
        Paragraph("2. Quelles données collectons-nous ?", s["h"]),
        Paragraph("Identité et coordonnées, moyen de paiement (traité par notre prestataire de paiement), "
                  "position GPS du vélo pendant vos trajets, échanges avec le service client, journaux "
                  "techniques de l'application.", s["p"]),
        Paragraph("3. Pourquoi ?", s["h"]),
        Paragraph("Exécuter votre contrat de location (trajets, facturation), respecter nos obligations légales "
                  "(factures), assurer la sécurité du service (journaux), améliorer le service avec votre "
                  "consentement (statistiques d'usage, que vous pouvez retirer à tout moment dans les "
                  "paramètres).", s["p"]),
        Paragraph("4. Combien de temps conservons-nous vos données ?", s["h"]),
        _pdf_table([["Catégorie de données", "Durée de conservation"]] + [list(r) for r in RETENTION],
                   [7.5, 9.5], s),
        Paragraph("5. Vos droits", s["h"]),
        Paragraph("Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation, d'opposition "
                  "et de portabilité. Pour exercer ces droits, écrivez à notre délégué à la protection des données "
                  f"(DPO) : <b>{RIGHTS_EMAIL}</b>, ou par courrier à l'adresse ci-dessus, en précisant le droit "
                  "exercé. Nous vous répondons dans un délai d'un mois. Si vous estimez que vos droits ne sont pas "
                  "respectés, vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).", s["p"]),
    ]
    en = [
        PageBreak(),
        Paragraph("Vélocité — Privacy policy", s["title"]),
        Paragraph("Bike-sharing app. Version of 2 January 2026. (Version française en page 1.)", s["small"]),
        Paragraph("1. Who is responsible for your data?", s["h"]),
        Paragraph("Vélocité Mobilité SAS, 12 rue des Tanneurs, 69007 Lyon, France, is the controller of your "
                  "personal data. For any practical question about your subscription, write to customer "
                  f"service: {SUPPORT_EMAIL}.", s["p"]),
        Paragraph("2. What data do we collect?", s["h"]),
        Paragraph("Identity and contact details, payment method (handled by our payment provider), GPS position "
                  "of the bike during your trips, exchanges with customer service, technical logs of the app.",
                  s["p"]),
        Paragraph("3. Why?", s["h"]),
        Paragraph("To perform your rental contract (trips, billing), to meet our legal obligations (invoices), to "
                  "keep the service secure (logs), and to improve the service with your consent (usage "
                  "statistics, which you can withdraw at any time in the settings).", s["p"]),
        Paragraph("4. How long do we keep your data?", s["h"]),
        _pdf_table([["Data category", "Retention period"]] + [list(r) for r in RETENTION_EN], [7.5, 9.5], s),
        Paragraph("5. Your rights", s["h"]),
        Paragraph("You have the rights of access, rectification, erasure, restriction, objection and portability. "
                  "To exercise them, write to our data protection officer (DPO): "
                  f"<b>{RIGHTS_EMAIL}</b>, or by post to the address above, stating the right you are "
                  "exercising. We answer within one month. If you consider that your rights are not respected, "
                  "you may lodge a complaint with the CNIL, the French data protection authority (www.cnil.fr).",
                  s["p"]),
    ]
    _build_pdf(out / name, "Vélocité — Politique de confidentialité / Privacy policy", fr + en)
    return name


SITE = "deco-lumen.fr"
# name, domain, purpose, lifetime in days (0 = deleted when the browser closes)
COOKIES = [
    ("session_id", "www.deco-lumen.fr", "Session de navigation / Browsing session", 0),
    ("panier", "www.deco-lumen.fr", "Panier d'achat / Shopping basket", 7),
    ("choix_cookies", ".deco-lumen.fr", "Mémoriser vos choix de cookies / Remember your cookie choices", 180),
    ("langue", ".deco-lumen.fr", "Langue d'affichage / Display language", 365),
    ("dl_stats", "stats.deco-lumen.fr", "Mesure d'audience interne / In-house audience measurement", 365),
    ("dl_reco", "www.deco-lumen.fr", "Recommandations de produits / Product recommendations", 730),
    ("_pt_uid", ".pubtrack-regie.com", "Publicité ciblée / Targeted advertising", 730),
    ("_pt_seg", ".pubtrack-regie.com", "Segmentation publicitaire / Advertising segments", 30),
    ("sw_like", ".socialwidget.net", "Bouton « J'aime » / \"Like\" button", 1095),
    ("vp_buffer", ".videoplayer-cdn.com", "Lecteur vidéo intégré / Embedded video player", 1),
    ("rt_id", ".retarget-ads.com", "Reciblage publicitaire / Ad retargeting", 1825),
    ("dl_ab", "www.deco-lumen.fr", "Test A/B de la page d'accueil / Home page A/B test", 90),
    ("lb_node", "cdn.deco-lumen.fr", "Répartition de charge / Load balancing", 0),
    ("ax_vis", ".audiencex-mesure.fr", "Mesure d'audience par un prestataire / Audience measurement by a provider",
     365),
    ("club_fid", ".deco-lumen.fr", "Programme de fidélité / Loyalty programme", 1095),
]


def cookie_list(out: pathlib.Path) -> str:
    name = "4.2-cookies.csv"
    rows: list[list[object]] = [["Nom / Name", "Domaine / Domain", "Finalité / Purpose",
                                 "Durée de vie en jours (0 = session) / Lifetime in days (0 = session)"]]
    rows += [list(c) for c in COOKIES]
    _write_csv(out / name, rows)
    return name


MEMBER_HEADERS = [
    "Nom / Surname", "Prénom / First name", "Date de naissance / Date of birth", "Courriel / E-mail",
    "Téléphone / Phone", "Commune / Town", "Contact d'urgence / Emergency contact",
    "Santé, allergies / Health, allergies", "Repas : motif religieux / Meals: religious reason",
    "Niveau de marche / Walking level", "Cotisation 2026 (€) / 2026 fee (€)",
]
MEMBERS = [
    ["Benali", "Karim", "1978-04-12", "k.benali@aurore-mail.fr", "06 12 45 78 90", "Grenoble",
     "Nadia Benali 06 98 76 54 32", "Asthme, inhalateur / Asthma, inhaler", "halal", "Confirmé / Experienced",
     45],
    ["Cohen", "Sarah", "1991-09-30", "sarah.cohen@aurore-mail.fr", "06 23 56 89 01", "Échirolles",
     "David Cohen 06 11 22 33 44", "—", "casher / kosher", "Moyen / Intermediate", 45],
    ["Durand", "Michel", "1956-01-05", "mdurand@aurore-mail.fr", "04 76 12 34 56", "Meylan",
     "Annie Durand 04 76 12 34 57", "Diabète / Diabetes", "—", "Débutant / Beginner", 30],
    ["Lefèvre", "Camille", "2003-06-18", "camille.lefevre@aurore-mail.fr", "07 45 12 36 98", "Grenoble",
     "Paul Lefèvre 06 45 78 12 03", "Allergie aux piqûres de guêpe / Wasp sting allergy", "—",
     "Confirmé / Experienced", 25],
    ["Nguyen", "Thi Mai", "1985-11-02", "maint@aurore-mail.fr", "06 77 88 99 00", "Saint-Égrève",
     "Minh Nguyen 06 55 44 33 22", "—", "—", "Moyen / Intermediate", 45],
    ["Petit", "Jean", "1969-03-27", "jean.petit@aurore-mail.fr", "06 30 40 50 60", "Voreppe",
     "Sylvie Petit 06 31 41 51 61", "Prothèse de genou / Knee prosthesis", "sans porc / no pork",
     "Débutant / Beginner", 45],
    ["Rossi", "Elena", "1999-12-14", "elena.rossi@aurore-mail.fr", "07 12 21 32 43", "Grenoble",
     "Marco Rossi 07 98 89 78 67", "—", "—", "Confirmé / Experienced", 25],
    ["Traoré", "Awa", "1988-07-08", "awa.traore@aurore-mail.fr", "06 66 77 11 22", "Fontaine",
     "Issa Traoré 06 23 45 67 89", "Enceinte (5 mois) / Pregnant (5 months)", "halal", "Moyen / Intermediate",
     45],
]
SENSITIVE_COLUMNS = ("H", "I")


def member_file(out: pathlib.Path) -> str:
    name = "4.2-hiking-club-members.xlsx"
    write_xlsx(out / name, "Adhérents", [MEMBER_HEADERS, *MEMBERS],
               [12, 12, 14, 30, 16, 14, 28, 34, 22, 20, 14])
    return name


# file, scene, make, model, capture time, GPS (lat, lat ref, lon, lon ref) or None
PHOTOS = [
    ("4.2-photo-beach.jpg", "beach", "Lumio", "Lumio X5", "2025:08:14 18:42:10",
     ((43, 28, 59.5), "N", (1, 33, 31.0), "W")),
    ("4.2-photo-garden.jpg", "garden", "Lumio", "Lumio X5", "2025:09:06 11:05:47",
     ((45, 11, 22.8), "N", (5, 43, 40.2), "E")),
    ("4.2-photo-concert.jpg", "concert", "Lumio", "Lumio X5", "2025:10:18 21:37:02", None),
]


def _scene(kind: str) -> Image.Image:
    width, height = 1200, 800
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    if kind == "beach":
        for y in range(420):
            draw.line([0, y, width, y], fill=(120 + y // 6, 170 + y // 8, 235))
        draw.ellipse([850, 110, 970, 230], fill=(255, 214, 90))
        for y in range(420, 560):
            draw.line([0, y, width, y], fill=(30, 100 + (y - 420) // 3, 160))
        for y in range(560, height):
            draw.line([0, y, width, y], fill=(226, 200, 150 - (y - 560) // 8))
        draw.polygon([(180, 600), (260, 470), (340, 600)], fill=(220, 70, 60))
    elif kind == "garden":
        for y in range(380):
            draw.line([0, y, width, y], fill=(150 + y // 8, 200, 240))
        for y in range(380, height):
            draw.line([0, y, width, y], fill=(70, 150 - (y - 380) // 8, 60))
        draw.rectangle([700, 220, 1050, 470], fill=(235, 225, 205), outline=(120, 100, 90), width=4)
        draw.polygon([(680, 225), (875, 110), (1070, 225)], fill=(170, 70, 50))
        draw.rectangle([840, 360, 905, 470], fill=(110, 80, 60))
        for x in (120, 260, 400):
            draw.ellipse([x, 470, x + 90, 560], fill=(230, 90, 120))
    else:
        draw.rectangle([0, 0, width, height], fill=(18, 12, 40))
        draw.rectangle([200, 420, 1000, 520], fill=(60, 40, 80))
        for x, colour in ((300, (255, 60, 160)), (600, (80, 200, 255)), (900, (255, 220, 80))):
            draw.polygon([(x, 0), (x - 140, 420), (x + 140, 420)], fill=tuple(c // 3 for c in colour))
        for x in range(40, width, 70):
            draw.ellipse([x, 640, x + 60, 700], fill=(8, 6, 20))
            draw.rectangle([x + 5, 690, x + 55, height], fill=(8, 6, 20))
    return image


def _rational(value: float) -> IFDRational:
    return IFDRational(round(value * 10), 10)


def photos(out: pathlib.Path) -> list[str]:
    names = []
    for name, scene, make, model, taken, gps in PHOTOS:
        exif = Image.Exif()
        exif[0x010F] = make
        exif[0x0110] = model
        exif[0x0131] = "Lumio Camera 5.2"
        exif[0x0132] = taken
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken
        sub[0x9004] = taken
        if gps:
            (lat, lat_ref, lon, lon_ref) = gps
            ifd = exif.get_ifd(0x8825)
            ifd[0] = b"\x02\x03\x00\x00"
            ifd[1] = lat_ref
            ifd[2] = tuple(_rational(v) for v in lat)
            ifd[3] = lon_ref
            ifd[4] = tuple(_rational(v) for v in lon)
        _scene(scene).save(out / name, format="JPEG", quality=85, exif=exif.tobytes())
        names.append(name)
    return names


# app, category, location, microphone, camera
LOC_ALWAYS, LOC_IN_USE, LOC_ASK, LOC_DENIED = (
    "Toujours / All the time", "Seulement si l'appli est ouverte / Only while in use",
    "Demander à chaque fois / Ask every time", "Refusé / Denied",
)
APP_PERMISSIONS = [
    ("Météo Soleil", "Météo / Weather", LOC_ALWAYS, LOC_DENIED, LOC_DENIED),
    ("Lampe Torche Pro", "Outils / Tools", LOC_ALWAYS, LOC_DENIED, LOC_IN_USE),
    ("GPS Navi", "Navigation", LOC_IN_USE, LOC_IN_USE, LOC_DENIED),
    ("Vélocité", "Transports / Transport", LOC_IN_USE, LOC_DENIED, LOC_IN_USE),
    ("Pixa", "Réseau social / Social network", LOC_ALWAYS, LOC_IN_USE, LOC_IN_USE),
    ("TchatCafé", "Messagerie / Messaging", LOC_ASK, LOC_IN_USE, LOC_IN_USE),
    ("Banque Horizon", "Finance", LOC_DENIED, LOC_DENIED, LOC_IN_USE),
    ("Ludo Arena", "Jeux / Games", LOC_IN_USE, LOC_IN_USE, LOC_DENIED),
    ("Coupons Malins", "Shopping", LOC_ALWAYS, LOC_DENIED, LOC_DENIED),
    ("Appareil photo / Camera", "Photo", LOC_IN_USE, LOC_IN_USE, LOC_IN_USE),
    ("Clavier Emoji+", "Outils / Tools", LOC_DENIED, LOC_IN_USE, LOC_DENIED),
    ("Foulée (course à pied / running)", "Sport", LOC_ALWAYS, LOC_DENIED, LOC_DENIED),
    ("Kinoflix", "Vidéo / Video", LOC_DENIED, LOC_DENIED, LOC_DENIED),
    ("Agenda Zen", "Productivité / Productivity", LOC_ASK, LOC_DENIED, LOC_DENIED),
]


def app_permissions(out: pathlib.Path) -> str:
    name = "4.2-app-permissions.ods"
    rows: list[list[object]] = [["Application", "Catégorie / Category", "Position / Location",
                                 "Micro / Microphone", "Caméra / Camera"]]
    rows += [list(a) for a in APP_PERMISSIONS]
    write_ods(out / name, "Autorisations des applications / App permissions", "Autorisations", rows,
              [5.4, 5.0, 7.6, 7.6, 7.6])
    return name


# =============================================================================================
# 4.3 Protect health, well-being and the environment
# =============================================================================================
APPS = {
    "Pixa": "Réseau social / Social network",
    "Kinoflix": "Vidéo / Video",
    "TchatCafé": "Messagerie / Messaging",
    "Ludo Arena": "Jeux / Games",
    "Navigateur / Browser": "Web",
    "Aurore Mail": "Courriel / E-mail",
}
# day offset (0 = Monday 2 March 2026), start HH:MM, app, minutes
SCREEN_SESSIONS = [
    (0, "07:10", "TchatCafé", 12), (0, "12:35", "Pixa", 25), (0, "17:40", "Ludo Arena", 35),
    (0, "19:05", "Navigateur / Browser", 18), (0, "21:15", "Kinoflix", 44), (0, "22:20", "Pixa", 38),
    (0, "23:05", "TchatCafé", 9),
    (1, "07:05", "TchatCafé", 10), (1, "12:40", "Pixa", 20), (1, "18:10", "Aurore Mail", 8),
    (1, "18:30", "Ludo Arena", 42), (1, "22:05", "Kinoflix", 52), (1, "23:10", "Pixa", 27),
    (2, "07:15", "TchatCafé", 14), (2, "13:00", "Navigateur / Browser", 22), (2, "14:10", "Ludo Arena", 87),
    (2, "16:30", "Pixa", 34), (2, "20:45", "Kinoflix", 48), (2, "22:40", "Pixa", 41),
    (3, "07:00", "TchatCafé", 11), (3, "12:30", "Pixa", 23), (3, "17:50", "Ludo Arena", 30),
    (3, "19:20", "Aurore Mail", 6), (3, "22:15", "Kinoflix", 46), (3, "23:20", "TchatCafé", 12),
    (4, "07:20", "TchatCafé", 9), (4, "12:45", "Pixa", 28), (4, "18:00", "Ludo Arena", 55),
    (4, "20:30", "Kinoflix", 95), (4, "22:30", "Pixa", 47), (4, "23:30", "Ludo Arena", 25),
    (5, "09:40", "Pixa", 36), (5, "11:00", "Navigateur / Browser", 27), (5, "14:20", "Ludo Arena", 100),
    (5, "17:00", "TchatCafé", 21), (5, "21:00", "Kinoflix", 110), (5, "22:55", "Pixa", 33),
    (6, "10:15", "Pixa", 30), (6, "11:30", "TchatCafé", 16), (6, "15:00", "Kinoflix", 58),
    (6, "18:40", "Navigateur / Browser", 22), (6, "20:10", "Ludo Arena", 40), (6, "22:10", "Kinoflix", 39),
]
WEEK_START = dt.date(2026, 3, 2)


def screen_time(out: pathlib.Path) -> str:
    name = "4.3-screen-time.ods"
    rows: list[list[object]] = [["Date", "Application", "Catégorie / Category", "Début / Start",
                                 "Durée (min) / Duration (min)"]]
    for day, start, app, minutes in SCREEN_SESSIONS:
        hour, minute = (int(x) for x in start.split(":"))
        rows.append([WEEK_START + dt.timedelta(days=day), app, APPS[app], dt.time(hour, minute), minutes])
    write_ods(out / name, "Temps d'écran / Screen time", "Semaine", rows, [3.0, 4.6, 5.8, 2.8, 4.4])
    return name


def workstation_diagram(out: pathlib.Path) -> str:
    """A seated person in side view; everything is right except the height of the screen."""
    name = "4.3-workstation.png"
    width, height = 1100, 760
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    ink, grey = (40, 40, 40), (150, 150, 150)
    floor = 680
    draw.line([40, floor, width - 40, floor], fill=ink, width=4)
    # desk
    desk_y = 430
    draw.rectangle([560, desk_y, 1000, desk_y + 16], fill=(170, 130, 90))
    draw.rectangle([980, desk_y + 16, 994, floor], fill=(150, 110, 70))
    draw.rectangle([566, desk_y + 16, 580, floor], fill=(150, 110, 70))
    # chair
    seat_y = 500
    draw.rectangle([300, seat_y, 470, seat_y + 14], fill=(60, 60, 90))
    draw.rectangle([290, 300, 304, seat_y + 14], fill=(60, 60, 90))
    draw.line([385, seat_y + 14, 385, floor - 30], fill=(60, 60, 90), width=10)
    draw.line([320, floor - 10, 450, floor - 10], fill=(60, 60, 90), width=8)
    # person (side view, facing right)
    hip = (330, seat_y - 12)
    shoulder = (345, 300)
    head_centre = (362, 250)
    draw.line([hip, shoulder], fill=ink, width=12)
    draw.ellipse([head_centre[0] - 34, head_centre[1] - 40, head_centre[0] + 34, head_centre[1] + 40],
                 outline=ink, width=5)
    eye = (386, 244)
    draw.ellipse([eye[0] - 4, eye[1] - 4, eye[0] + 4, eye[1] + 4], fill=ink)
    elbow = (352, 420)
    wrist = (520, 420)
    draw.line([shoulder, elbow], fill=ink, width=10)
    draw.line([elbow, wrist], fill=ink, width=10)
    knee = (480, seat_y - 8)
    ankle = (490, floor - 14)
    draw.line([hip, knee], fill=ink, width=12)
    draw.line([knee, ankle], fill=ink, width=12)
    draw.line([ankle, (535, floor - 6)], fill=ink, width=10)
    # keyboard
    draw.rectangle([590, desk_y - 10, 700, desk_y], fill=(90, 90, 90))
    # screen raised on a stand of books
    draw.rectangle([800, desk_y - 90, 880, desk_y], fill=(120, 60, 60), outline=ink)
    draw.line([800, desk_y - 45, 880, desk_y - 45], fill=ink, width=2)
    draw.rectangle([832, desk_y - 120, 848, desk_y - 90], fill=(70, 70, 70))
    screen_top, screen_bottom = 135, 310
    draw.rectangle([852, screen_top, 872, screen_bottom], fill=(30, 30, 30))
    # eye line and measures
    for x in range(eye[0] + 10, 850, 16):
        draw.line([x, eye[1], x + 8, eye[1]], fill=grey, width=2)
    draw.line([eye[0] + 6, 200, 850, 200], fill=ink, width=2)
    draw.polygon([(eye[0] + 6, 200), (eye[0] + 18, 194), (eye[0] + 18, 206)], fill=ink)
    draw.polygon([(850, 200), (838, 194), (838, 206)], fill=ink)
    draw.text((470, 168), "60 cm", font=_font(20, True), fill=ink)
    draw.line([900, screen_top, 900, eye[1]], fill=ink, width=3)
    draw.polygon([(900, screen_top), (894, screen_top + 12), (906, screen_top + 12)], fill=ink)
    draw.polygon([(900, eye[1]), (894, eye[1] - 12), (906, eye[1] - 12)], fill=ink)
    draw.line([872, screen_top, 912, screen_top], fill=ink, width=2)
    draw.line([850, eye[1], 912, eye[1]], fill=ink, width=2)
    label = _font(17)
    draw.text((920, 178), "25 cm", font=_font(20, True), fill=ink)
    notes = [
        ((600, 24), "Distance yeux-écran : 60 cm"),
        ((600, 46), "Eye-to-screen distance: 60 cm"),
        ((600, 74), "Haut de l'écran : 25 cm au-dessus des yeux"),
        ((600, 96), "Top of the screen: 25 cm above eye level"),
        ((40, 40), "Dos appuyé au dossier / Back against the backrest"),
        ((40, 66), "Coudes à 90°, avant-bras à la hauteur du clavier"),
        ((40, 90), "Elbows at 90°, forearms level with the keyboard"),
        ((40, 116), "Pieds à plat au sol / Feet flat on the floor"),
    ]
    for (x, y), text in notes:
        draw.text((x, y), text, font=label, fill=ink)
    draw.text((40, 712), "Vue de côté / Side view — échelle indicative / indicative scale", font=_font(15),
              fill=grey)
    _save_png(image, out / name)
    return name


LIFECYCLE = [
    ("Fabrication\nManufacturing", 58.0),
    ("Transport\nDistribution", 3.0),
    ("Utilisation (3 ans)\nUse (3 years)", 6.0),
    ("Fin de vie\nEnd of life", 1.0),
]
LIFECYCLE_YEARS = 3


def lifecycle_chart(out: pathlib.Path) -> str:
    name = "4.3-smartphone-lifecycle.png"
    plt.rcParams.update({"font.family": "DejaVu Sans", "svg.hashsalt": "pupitre"})
    fig, ax = plt.subplots(figsize=(9, 5.6), dpi=100)
    labels = [label for label, _ in LIFECYCLE]
    values = [value for _, value in LIFECYCLE]
    bars = ax.bar(labels, values, color=["#4C72B0", "#8C8C8C", "#55A868", "#C44E52"], width=0.6)
    for bar, value in zip(bars, values, strict=True):
        ax.text(bar.get_x() + bar.get_width() / 2, value + 1, f"{value:g} kg", ha="center", va="bottom",
                fontsize=12, fontweight="bold")
    ax.set_ylabel("kg CO2e")
    ax.set_ylim(0, 68)
    ax.set_title("Empreinte carbone d'un smartphone utilisé 3 ans, par phase\n"
                 "Carbon footprint of a smartphone used for 3 years, by phase", fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(out / name, format="png", metadata={"Software": None})
    plt.close(fig)
    return name


# date, service, quality, minutes, device
STREAMING = [
    ("2026-03-01", "Kinoflix", "4K", 118, "Téléviseur / TV"),
    ("2026-03-02", "Kinoflix", "HD", 45, "Ordinateur / Computer"),
    ("2026-03-03", "VidéoPlus", "SD", 30, "Smartphone"),
    ("2026-03-04", "Kinoflix", "HD", 52, "Tablette / Tablet"),
    ("2026-03-06", "Kinoflix", "4K", 135, "Téléviseur / TV"),
    ("2026-03-07", "VidéoPlus", "HD", 90, "Téléviseur / TV"),
    ("2026-03-08", "Kinoflix", "4K", 96, "Téléviseur / TV"),
    ("2026-03-09", "VidéoPlus", "SD", 25, "Smartphone"),
    ("2026-03-11", "Kinoflix", "HD", 48, "Ordinateur / Computer"),
    ("2026-03-13", "Kinoflix", "4K", 142, "Téléviseur / TV"),
    ("2026-03-14", "Kinoflix", "4K", 104, "Téléviseur / TV"),
    ("2026-03-15", "VidéoPlus", "HD", 60, "Tablette / Tablet"),
    ("2026-03-17", "Kinoflix", "SD", 40, "Smartphone"),
    ("2026-03-18", "VidéoPlus", "HD", 55, "Ordinateur / Computer"),
    ("2026-03-20", "Kinoflix", "4K", 125, "Téléviseur / TV"),
    ("2026-03-21", "Kinoflix", "4K", 98, "Téléviseur / TV"),
    ("2026-03-22", "VidéoPlus", "HD", 115, "Téléviseur / TV"),
    ("2026-03-24", "Kinoflix", "HD", 47, "Tablette / Tablet"),
    ("2026-03-26", "VidéoPlus", "SD", 35, "Smartphone"),
    ("2026-03-27", "Kinoflix", "4K", 150, "Téléviseur / TV"),
    ("2026-03-28", "Kinoflix", "4K", 112, "Téléviseur / TV"),
    ("2026-03-29", "VidéoPlus", "HD", 70, "Ordinateur / Computer"),
    ("2026-03-31", "Kinoflix", "HD", 44, "Tablette / Tablet"),
]
GB_PER_HOUR = {"SD": 1.0, "HD": 3.0, "4K": 7.0}


def streaming_log(out: pathlib.Path) -> str:
    name = "4.3-streaming-march.csv"
    rows: list[list[object]] = [["Date", "Service", "Qualité / Quality", "Durée (min) / Duration (min)",
                                 "Appareil / Device"]]
    rows += [list(r) for r in STREAMING]
    _write_csv(out / name, rows)
    return name


MONTHS = [("Janvier / January", 1068, 752, 241), ("Février / February", 968, 683, 215),
          ("Mars / March", 1052, 744, 239), ("Avril / April", 1031, 728, 232),
          ("Mai / May", 1074, 740, 262), ("Juin / June", 1078, 731, 276),
          ("Juillet / July", 1143, 754, 316), ("Août / August", 1131, 742, 317),
          ("Septembre / September", 1077, 736, 270), ("Octobre / October", 1055, 748, 236),
          ("Novembre / November", 1032, 741, 220), ("Décembre / December", 1061, 757, 232)]


def datacentre_report(out: pathlib.Path) -> str:
    name = "4.3-datacentre-report.pdf"
    s = _pdf_styles()
    table = [["Mois / Month", "Énergie totale du site (MWh) / Total facility energy (MWh)",
              "dont équipements informatiques (MWh) / of which IT equipment (MWh)",
              "dont refroidissement (MWh) / of which cooling (MWh)"]]
    table += [[m, f"{t:,}".replace(",", " "), f"{i:,}".replace(",", " "), f"{c:,}".replace(",", " ")]
              for m, t, i, c in MONTHS]
    story = [
        Paragraph("Centre de données Rhône-Sud — Rapport énergétique 2025", s["title"]),
        Paragraph("Rhône-Sud data centre — 2025 energy report", s["title"]),
        Paragraph("Publié en février 2026 / Published in February 2026", s["small"]),
        Spacer(1, 6),
        Paragraph("1. Le site / The site", s["h"]),
        Paragraph("Salle informatique de 1 200 m², 420 baies, refroidissement par eau glacée avec free-cooling "
                  "l'hiver. Les bureaux du personnel sont alimentés par un compteur séparé et ne sont pas inclus "
                  "dans les chiffres ci-dessous. / 1,200 m² server room, 420 racks, chilled-water cooling with "
                  "free cooling in winter. The staff offices have a separate meter and are not included in the "
                  "figures below.", s["p"]),
        Paragraph("2. Consommation mensuelle / Monthly consumption", s["h"]),
        Paragraph("Le reste de l'énergie du site (hors informatique et refroidissement) correspond à l'éclairage, "
                  "aux onduleurs et aux pertes électriques. / The rest of the site's energy (other than IT and "
                  "cooling) is lighting, UPS and electrical losses.", s["p"]),
        Spacer(1, 4),
        _pdf_table(table, [3.6, 4.5, 4.5, 4.4], s, align_right=(1, 2, 3)),
        Paragraph("3. Autres indicateurs / Other indicators", s["h"]),
        Paragraph("Part d'électricité d'origine renouvelable (contrats) : 64 %. Consommation d'eau : 18 400 m³. "
                  "Chaleur fatale récupérée pour un réseau de chauffage urbain : 1 350 MWh. / Share of renewable "
                  "electricity (contracts): 64%. Water use: 18,400 m³. Waste heat recovered for a district heating "
                  "network: 1,350 MWh.", s["p"]),
    ]
    _build_pdf(out / name, "Rapport énergétique 2025 / 2025 energy report", story)
    return name


def weee_symbol(out: pathlib.Path) -> str:
    """The crossed-out wheeled bin marked on electrical and electronic equipment."""
    name = "4.3-crossed-out-bin.png"
    image = Image.new("RGB", (360, 420), "white")
    draw = ImageDraw.Draw(image)
    ink = (0, 0, 0)
    draw.rectangle([110, 70, 250, 86], fill=ink)  # lid
    draw.rectangle([160, 56, 200, 70], fill=ink)  # handle
    draw.polygon([(116, 92), (244, 92), (232, 300), (128, 300)], outline=ink, width=10)
    for x in (150, 180, 210):
        draw.line([x, 110, x - (x - 180) // 10, 282], fill=ink, width=6)
    draw.ellipse([118, 292, 158, 332], outline=ink, width=8)  # wheel
    draw.line([70, 40, 290, 340], fill=ink, width=16)
    draw.line([290, 40, 70, 340], fill=ink, width=16)
    draw.rectangle([90, 362, 270, 392], fill=ink)  # bar: put on the market after 2005
    _save_png(image, out / name)
    return name


# =============================================================================================
def generate(out_dir: pathlib.Path) -> list[str]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = [
        password_audit(out_dir), phishing_message(out_dir), certificate_screenshot(out_dir),
        sign_in_history(out_dir), backup_plan(out_dir), software_inventory(out_dir),
        privacy_policy(out_dir), cookie_list(out_dir), member_file(out_dir), *photos(out_dir),
        app_permissions(out_dir),
        screen_time(out_dir), workstation_diagram(out_dir), lifecycle_chart(out_dir), streaming_log(out_dir),
        datacentre_report(out_dir), weee_symbol(out_dir),
    ]
    return names


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _padded(version: tuple[int, ...], size: int = 4) -> tuple[int, ...]:
    return version + (0,) * (size - len(version))


def answers() -> dict[str, object]:
    """The values the items rely on, computed from the data above."""
    reused = sum(1 for r in PASSWORD_AUDIT if r[3] == YES)
    worst = [r[0] for r in PASSWORD_AUDIT if r[3] == YES and r[4] == YES and r[5] == NO]
    outdated = [s for s, installed, fixed in SOFTWARE if _padded(_version(installed)) < _padded(_version(fixed))]
    foreign_failures = sorted({ip for _, result, ip, place, _ in SIGN_INS if result == "FAILED"
                               and not place.startswith("Lyon")})
    third_party = [c for c in COOKIES if not c[1].lstrip(".").endswith(SITE)]
    long_lived = [c for c in COOKIES if c[3] > 395]
    always = [a for a in APP_PERMISSIONS if a[2] == LOC_ALWAYS]
    total_minutes = sum(m for *_, m in SCREEN_SESSIONS)
    late: dict[str, int] = {}
    for _, start, app, minutes in SCREEN_SESSIONS:
        if start >= "22:00":
            late[app] = late.get(app, 0) + minutes
    total_lifecycle = sum(v for _, v in LIFECYCLE)
    manufacturing = LIFECYCLE[0][1]
    use_per_year = LIFECYCLE[2][1] / LIFECYCLE_YEARS
    fixed_part = total_lifecycle - LIFECYCLE[2][1]
    uhd_minutes = sum(m for _, _, q, m, _ in STREAMING if q == "4K")
    total_energy = sum(t for _, t, _, _ in MONTHS)
    it_energy = sum(i for _, _, i, _ in MONTHS)
    return {
        "4.1 reused passwords": reused,
        "4.1 reused + breached + no 2FA": worst,
        "4.1 software to update": (len(outdated), outdated),
        "4.1 foreign IPs with failures": foreign_failures,
        "4.2 third-party cookies": len(third_party),
        "4.2 cookies over 13 months": len(long_lived),
        "4.2 apps with location all the time": len(always),
        "4.2 photos with GPS": [p[0] for p in PHOTOS if p[5]],
        "4.3 total screen minutes": total_minutes,
        "4.3 average per day": total_minutes / 7,
        "4.3 after 22:00 by app": dict(sorted(late.items(), key=lambda kv: -kv[1])),
        "4.3 manufacturing share %": 100 * manufacturing / total_lifecycle,
        "4.3 per year over 5 years": (fixed_part + 5 * use_per_year) / 5,
        "4.3 per year over 3 years": total_lifecycle / 3,
        "4.3 4K minutes": uhd_minutes,
        "4.3 GB saved 4K to HD": uhd_minutes / 60 * (GB_PER_HOUR["4K"] - GB_PER_HOUR["HD"]),
        "4.3 PUE": total_energy / it_energy,
    }


if __name__ == "__main__":
    target = pathlib.Path(__file__).resolve().parent.parent / "attachments"
    for written in generate(target):
        print(target / written)
