"""Attachments of the items of domain 2 (communication and collaboration: 2.1 to 2.4).

Every file is made here, deterministically (fixed seeds, fixed dates, invariant PDFs, fixed zip
timestamps), so the bank can be rebuilt and reviewed. Run it as a script to (re)write the files
into the sibling ``attachments/`` folder:

    python generate/communication.py

Data files use bilingual headers ("Objet (Subject)") so that French and English candidates read
the same file; the items name the columns they need.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import pathlib
import random
import zipfile
from xml.sax.saxutils import escape

import matplotlib
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from itembank.authoring.csvfile import write_csv

ZIP_TIME = (2026, 1, 5, 9, 0, 0)
ME = "camille.durand@horizon-asso.fr"


# -- generic writers ------------------------------------------------------------------------------
def _write_csv(path: pathlib.Path, header: list[str], rows: list[list]) -> None:
    write_csv(path, header, rows)


def _zip(path: pathlib.Path, members: list[tuple[str, str | bytes]], stored_first: bool = False) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for index, (name, data) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if (stored_first and index == 0) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def _write_ods(path: pathlib.Path, sheet: str, header: list[str], rows: list[list], widths_cm: list[float]) -> None:
    """A minimal valid OpenDocument spreadsheet: text, whole or decimal numbers, and dates."""
    columns = "".join(
        f'<style:style style:name="co{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
        for i, w in enumerate(widths_cm)
    )
    styles = (
        '<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text>'
        '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
        "</number:date-style>"
        '<style:style style:name="ceDate" style:family="table-cell" style:data-style-name="N1"/>'
        '<style:style style:name="ceHead" style:family="table-cell">'
        '<style:text-properties fo:font-weight="bold"/></style:style>' + columns
    )

    def cell(value) -> str:
        if isinstance(value, dt.date):
            iso = value.isoformat()
            return (f'<table:table-cell table:style-name="ceDate" office:value-type="date" '
                    f'office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>')
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    head = "".join(f'<table:table-cell table:style-name="ceHead" office:value-type="string">'
                   f"<text:p>{escape(h)}</text:p></table:table-cell>" for h in header)
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    cols = "".join(f'<table:table-column table:style-name="co{i}"/>' for i in range(len(widths_cm)))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{cols}'
        f"<table:table-row>{head}</table:table-row>{body}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    _zip(path, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content),
                ("META-INF/manifest.xml", manifest)], stored_first=True)


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _write_xlsx(path: pathlib.Path, sheet: str, header: list[str], rows: list[list], widths: list[float]) -> None:
    """A minimal valid Office Open XML workbook with one sheet: text, numbers, and real dates."""
    epoch = dt.date(1899, 12, 30)

    def cell(ref: str, value, bold: bool = False) -> str:
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="1"><v>{(value - epoch).days}</v></c>'
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f'<c r="{ref}"><v>{value}</v></c>'
        style = ' s="2"' if bold else ""
        return f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'

    lines = []
    for r, row in enumerate([header, *rows], start=1):
        cells = "".join(cell(f"{_col_letter(c)}{r}", v, bold=(r == 1)) for c, v in enumerate(row))
        lines.append(f'<row r="{r}">{cells}</row>')
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths))
    last = f"{_col_letter(len(header) - 1)}{len(rows) + 1}"
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{last}"/><cols>{cols}</cols><sheetData>{"".join(lines)}</sheetData></worksheet>'
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    doc_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{rels_ns}">'
        f'<Relationship Id="rId1" Type="{doc_rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{doc_rel}/styles" Target="styles.xml"/></Relationships>'
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{rels_ns}">'
        f'<Relationship Id="rId1" Type="{doc_rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/></Types>'
    )
    _zip(path, [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
                ("xl/styles.xml", styles), ("xl/worksheets/sheet1.xml", sheet_xml)])


def _styles():
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontSize=18, leading=22),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontSize=13, leading=16, spaceBefore=10),
        "p": ParagraphStyle("p", parent=base["Normal"], fontSize=10.5, leading=14, spaceAfter=6),
        "small": ParagraphStyle("s", parent=base["Normal"], fontSize=9, leading=12, textColor=colors.grey),
        "cell": ParagraphStyle("c", parent=base["Normal"], fontSize=9.5, leading=12),
    }


def _pdf(path: pathlib.Path, story: list, title: str, author: str) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=title, author=author,
                            leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    doc.build(story)


def _table(data: list[list], widths: list[float]) -> Table:
    s = _styles()["cell"]
    table = Table([[Paragraph(str(c), s) for c in row] for row in data], colWidths=[w * cm for w in widths])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


# -- 2.1 Interact ----------------------------------------------------------------------------------
def inbox_export(out: pathlib.Path) -> str:
    """A mailbox export: who sent what to whom (To / Cc), with attachments and message sizes."""
    rng = random.Random(2101)
    contacts = ["lea.martin@horizon-asso.fr", "malik.diallo@horizon-asso.fr", "ines.roussel@horizon-asso.fr",
                "tom.garnier@mairie-belval.fr", "sophie.lambert@horizon-asso.fr", "jules.perrin@imprimerie-dupont.fr",
                "nadia.benali@horizon-asso.fr", "compta@horizon-asso.fr"]
    topics = [  # subject, attachment, size range in KB
        ("Ordre du jour du conseil", "ordre-du-jour.pdf", (120, 900)),
        ("Devis impression affiches", "devis.pdf", (150, 1200)),
        ("Photos de la fête", "photos-fete.zip", (10300, 24800)),
        ("Planning bénévoles", "planning.ods", (30, 400)),
        ("Compte rendu réunion", "compte-rendu.docx", (40, 2600)),
        ("Subvention municipale", "convention.pdf", (300, 4200)),
        ("Inscriptions sortie", "", (4, 60)),
        ("Facture mars", "facture.pdf", (90, 700)),
        ("Assemblée générale", "", (4, 60)),
        ("Vidéo de présentation", "video-presentation.mp4", (10300, 24800)),
        ("Budget prévisionnel", "budget.xlsx", (30, 600)),
        ("Nouveau logo", "logo-sources.zip", (10300, 24800)),
        ("Affiches pour l'imprimeur", "affiches-hd.zip", (2600, 9600)),
        ("Rappel cotisation", "", (4, 60)),
        ("Retour sur l'atelier", "", (4, 60)),
        ("Question sur la sortie", "", (4, 60)),
    ]
    start = dt.datetime(2026, 2, 23, 8, 0)
    # Recipient patterns: to_me, cc_me, list (received through a mailing list), to_me_cc_other
    patterns = (["to_me"] * 17 + ["cc_me"] * 12 + ["list"] * 6 + ["to_me_cc_other"] * 9)
    rng.shuffle(patterns)
    rows = []
    moment = start
    for pattern in patterns:
        moment += dt.timedelta(minutes=rng.randint(300, 2200))
        if moment.hour < 7 or moment.hour >= 22:  # office and evening hours only
            moment = (moment + dt.timedelta(hours=10)).replace(hour=rng.randint(7, 11))
        sender = rng.choice(contacts)
        others = [c for c in contacts if c != sender]
        if pattern == "to_me":
            to, cc = [ME], []
        elif pattern == "cc_me":
            to = rng.sample(others, rng.randint(1, 2))
            cc = [ME, *rng.sample([c for c in others if c not in to], rng.randint(0, 1))]
            rng.shuffle(cc)
        elif pattern == "list":
            to, cc = ["benevoles@horizon-asso.fr"], []
        else:
            to = [ME]
            cc = rng.sample(others, rng.randint(1, 2))
        subject, attachment, (low, high) = rng.choice(topics)
        rows.append([moment.strftime("%Y-%m-%d %H:%M"), sender, ", ".join(to), ", ".join(cc),
                     subject, attachment, rng.randint(low, high)])
    # Near misses around the 10 000 KB threshold used by an item.
    rows[5][4:] = ["Affiches pour l'imprimeur", "affiches-hd.zip", 9870]
    rows[18][4:] = ["Vidéo de présentation", "video-presentation.mp4", 10240]
    name = "2.1-inbox-export.csv"
    _write_csv(out / name, ["Date", "De (From)", "À (To)", "Cc", "Objet (Subject)", "Pièce jointe (Attachment)",
                            "Taille en Ko (Size in KB)"], rows)
    return name


def message_eml(out: pathlib.Path) -> str:
    """A raw e-mail message whose replies go to another address than the sender's (Reply-To)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(2 * cm, 27 * cm, "Sortie du 28 mars 2026 - Programme")
    canvas.setFont("Helvetica", 11)
    for i, line in enumerate(["08:30  Départ du parking de la salle des fêtes",
                              "10:00  Visite guidée du moulin de Belval",
                              "12:30  Pique-nique au bord du lac",
                              "15:00  Atelier photo nature",
                              "18:00  Retour prévu"]):
        canvas.drawString(2 * cm, (25.5 - i * 0.8) * cm, line)
    canvas.showPage()
    canvas.save()
    pdf = base64.encodebytes(buffer.getvalue()).decode("ascii").replace("\n", "\r\n").rstrip()
    boundary = "----=_Part_4471_20260310180451"
    body = (
        "Bonjour à toutes et à tous,\r\n\r\n"
        "La sortie annuelle de l'association aura lieu le samedi 28 mars 2026.\r\n"
        "Vous trouverez le programme en pièce jointe.\r\n\r\n"
        "Pour vous inscrire, répondez simplement à ce message en indiquant le nombre\r\n"
        "de participants (adultes et enfants) avant le 20 mars.\r\n\r\n"
        "Bonne journée,\r\n"
        "Le bureau de l'association Horizon\r\n"
    )
    text = (
        "Return-Path: <bounce-8842@mailer.horizon-asso.fr>\r\n"
        "Received: from mailer.horizon-asso.fr (mailer.horizon-asso.fr [192.0.2.41])\r\n"
        "\tby mx.horizon-asso.fr with ESMTPS id 4F2KQ1Zx8Tz9s\r\n"
        "\tfor <camille.durand@horizon-asso.fr>; Tue, 10 Mar 2026 18:04:53 +0100\r\n"
        "Date: Tue, 10 Mar 2026 18:04:51 +0100\r\n"
        "From: =?UTF-8?Q?Association_Horizon?= <ne-pas-repondre@horizon-asso.fr>\r\n"
        "Reply-To: =?UTF-8?Q?Secr=C3=A9tariat_Horizon?= <inscriptions.sorties@horizon-asso.fr>\r\n"
        "To: benevoles@horizon-asso.fr\r\n"
        "Cc: nadia.benali@horizon-asso.fr\r\n"
        "Subject: =?UTF-8?Q?Sortie_du_28_mars_=E2=80=93_inscriptions?=\r\n"
        "Message-ID: <20260310170451.4471@mailer.horizon-asso.fr>\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n'
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"{body}\r\n"
        f"--{boundary}\r\n"
        'Content-Type: application/pdf; name="programme-sortie.pdf"\r\n'
        'Content-Disposition: attachment; filename="programme-sortie.pdf"\r\n'
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
        f"{pdf}\r\n"
        f"--{boundary}--\r\n"
    )
    name = "2.1-message.eml"
    (out / name).write_bytes(text.encode("utf-8"))
    return name


CHAT = [
    ("13/03/2026 18:02", "Léa", "Coucou tout le monde ! Qui vient à la sortie du 28 ?"),
    ("13/03/2026 18:05", "Malik", "Moi ! Avec mes deux enfants."),
    ("13/03/2026 18:11", "Inès", "Je pense venir aussi, je confirme demain."),
    ("13/03/2026 20:40", "Tom", "Présent 👍"),
    ("13/03/2026 23:58", "Jules", "Quelqu'un a le programme ?"),
    ("14/03/2026 00:03", "Léa", "Il est dans le courriel de l'asso, en pièce jointe."),
    ("14/03/2026 07:45", "Camille", "Bonjour ! Je peux prendre 3 personnes dans ma voiture."),
    ("14/03/2026 07:52", "Malik", "Super, on sera 3 justement.\nDépart de la salle des fêtes ?"),
    ("14/03/2026 08:10", "Camille", "Oui, 8 h 15 sur le parking."),
    ("14/03/2026 09:30", "Inès", "Je confirme, je viens seule."),
    ("14/03/2026 09:31", "Inès", "<Médias omis>"),
    ("14/03/2026 10:02", "Tom", "Il faut prévoir le pique-nique ?"),
    ("14/03/2026 10:06", "Léa", "Oui, chacun apporte le sien.\nIl y a des tables au bord du lac.\nEt de l'ombre."),
    ("14/03/2026 12:20", "Jules", "Est-ce qu'on fait une visio mardi pour s'organiser ?"),
    ("14/03/2026 12:24", "Malik", "Bonne idée, mardi 20 h ?"),
    ("14/03/2026 12:25", "Léa", "Ok pour moi"),
    ("14/03/2026 13:40", "Camille", "Ok aussi. Je crée le lien de la réunion."),
    ("14/03/2026 18:15", "Tom", "Je ne pourrai pas mardi, désolé.\nRésumez-moi après 🙂"),
    ("14/03/2026 21:03", "Inès", "Mardi ça me va."),
    ("14/03/2026 23:47", "Jules", "Parfait, à mardi !"),
    ("15/03/2026 00:12", "Camille", "Lien de la visio de mardi : https://visio.horizon-asso.fr/sortie-28-mars"),
    ("15/03/2026 09:05", "Léa", "Merci Camille !"),
    ("15/03/2026 10:30", "Malik", "Merci 🙏"),
    ("15/03/2026 17:48", "Tom", "Bon dimanche à tous"),
]


def group_chat(out: pathlib.Path) -> str:
    """A group conversation exported from a messaging app (some messages span several lines)."""
    lines = []
    for stamp, who, text in CHAT:
        first, *rest = text.split("\n")
        lines.append(f"{stamp} - {who}: {first}")
        lines.extend(rest)
    lines.insert(0, "13/03/2026 17:58 - Léa a créé le groupe « Sortie du 28 mars »")
    name = "2.1-group-chat.txt"
    (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def visio_guide(out: pathlib.Path) -> str:
    """A company guide to video meetings, with the bandwidth each video quality needs."""
    s = _styles()
    story = [
        Paragraph("Guide des réunions en visioconférence", s["title"]),
        Paragraph("Video meeting guide — Association Horizon, service informatique / IT team, janvier 2026",
                  s["small"]),
        Spacer(1, 10),
        Paragraph("1. Avant la réunion / Before the meeting", s["h"]),
        Paragraph("Testez votre micro, votre caméra et votre connexion quelques minutes avant l'heure. "
                  "Fermez les applications qui utilisent le réseau (téléchargements, sauvegardes en ligne). "
                  "<br/><i>Test your microphone, camera and connection a few minutes beforehand. Close "
                  "applications that use the network (downloads, online backups).</i>", s["p"]),
        Paragraph("2. Débit nécessaire / Required bandwidth", s["h"]),
        Paragraph("Pour envoyer votre image, il faut un débit <b>montant</b> (envoi) suffisant ; pour recevoir "
                  "celle des autres, un débit <b>descendant</b> (réception) suffisant. Les valeurs ci-dessous "
                  "sont des minimums pour notre outil de visioconférence.<br/><i>Sending your video needs "
                  "enough <b>upload</b> bandwidth; receiving the others' video needs enough <b>download</b> "
                  "bandwidth. The values below are minimums for our video meeting tool.</i>", s["p"]),
        _table([
            ["Qualité / Quality", "Débit montant minimal (envoi) / Minimum upload (sending)",
             "Débit descendant minimal (réception) / Minimum download (receiving)"],
            ["Audio seul / Audio only", "100 kbit/s", "100 kbit/s"],
            ["Vidéo 360p", "600 kbit/s", "800 kbit/s"],
            ["Vidéo 720p (HD)", "1 500 kbit/s", "2 000 kbit/s"],
            ["Vidéo 1080p (Full HD)", "3 000 kbit/s", "3 800 kbit/s"],
        ], [4.2, 6, 6]),
        Spacer(1, 6),
        Paragraph("1 Mbit/s = 1 000 kbit/s. L'outil choisit automatiquement la meilleure qualité possible. "
                  "<i>The tool automatically picks the best possible quality.</i>", s["small"]),
        Paragraph("3. Pendant la réunion / During the meeting", s["h"]),
        Paragraph("Coupez votre micro quand vous ne parlez pas. Demandez la parole avec la main levée ou la "
                  "discussion. Pour partager un document, partagez seulement sa fenêtre plutôt que tout "
                  "l'écran.<br/><i>Mute your microphone when you are not speaking. Ask to speak with the raised "
                  "hand or the chat. To share a document, share only its window rather than the whole "
                  "screen.</i>", s["p"]),
        Paragraph("4. Enregistrement / Recording", s["h"]),
        Paragraph("Une réunion ne peut être enregistrée qu'après en avoir informé tous les participants. "
                  "<i>A meeting may only be recorded after all participants have been told.</i>", s["p"]),
    ]
    name = "2.1-visio-guide.pdf"
    _pdf(out / name, story, "Guide des réunions en visioconférence", "Association Horizon")
    return name


# -- 2.2 Share and publish -------------------------------------------------------------------------
def drive_sharing(out: pathlib.Path) -> str:
    """An export of a shared drive's sharing settings (codes as in most audit exports)."""
    rng = random.Random(2202)
    files = ["budget-2026.xlsx", "liste-adherents.ods", "affiche-fete.png", "compte-rendu-janvier.docx",
             "photos-sortie.zip", "planning-benevoles.ods", "statuts-association.pdf", "devis-traiteur.pdf",
             "presentation-projet.odp", "fiche-inscription.pdf", "contacts-partenaires.xlsx", "logo.svg",
             "rapport-activite-2025.pdf", "charte-graphique.pdf", "questionnaire-satisfaction.docx",
             "programme-atelier.docx", "inventaire-materiel.ods", "plan-salle.png", "convention-mairie.pdf",
             "newsletter-mars.docx", "tableau-cotisations.ods", "video-teaser.mp4", "notes-reunion.txt",
             "modele-courrier.odt", "calendrier-2026.pdf", "reglement-interieur.pdf", "budget-fete.ods",
             "affiche-concert.png", "liste-materiel-camp.docx", "bilan-financier-2025.xlsx"]
    owners = ["nadia.benali", "malik.diallo", "sophie.lambert", "camille.durand"]
    scopes = ["private"] * 6 + ["specific-people"] * 9 + ["domain"] * 7 + ["anyone-with-link"] * 8
    rng.shuffle(scopes)
    rows = []
    day = dt.date(2026, 1, 8)
    for file, scope in zip(files, scopes, strict=True):
        day += dt.timedelta(days=rng.randint(0, 4))
        role = "-" if scope == "private" else rng.choice(["viewer", "viewer", "commenter", "editor"])
        rows.append([file, rng.choice(owners) + "@horizon-asso.fr", scope, role, day.isoformat()])
    rows[20][3] = "editor"  # tableau-cotisations.ods, shared with anyone who has the link
    name = "2.2-drive-sharing.csv"
    _write_csv(out / name, ["Fichier (File)", "Propriétaire (Owner)", "Partage (Sharing)", "Rôle (Role)",
                            "Modifié le (Modified)"], rows)
    return name


IMAGES = [
    ("marche-noel.jpg", "Léo Arnaud", "CC BY 4.0", "Wikimedia Commons"),
    ("pont-neuf.jpg", "Inès Caradec", "CC BY-NC 4.0", "Flickr"),
    ("vignes-automne.jpg", "Paul Ferrand", "CC0 1.0", "Wikimedia Commons"),
    ("boulangerie.jpg", "Studio Lumen", "© Tous droits réservés / All rights reserved", "Site du studio"),
    ("velo-ville.jpg", "Nora Haddad", "CC BY-SA 4.0", "Wikimedia Commons"),
    ("lac-montagne.jpg", "Hugo Lemaire", "CC BY-ND 4.0", "Flickr"),
    ("carte-1850.png", "Bibliothèque municipale", "Marque du domaine public 1.0 / Public Domain Mark 1.0",
     "Bibliothèque numérique"),
    ("atelier-poterie.jpg", "Julie Marchand", "CC BY-NC-SA 4.0", "Flickr"),
    ("foret-hiver.jpg", "Samuel Roy", "CC BY 4.0", "Wikimedia Commons"),
    ("concert-plein-air.jpg", "Émilie Vidal", "CC BY-NC-ND 4.0", "Flickr"),
    ("phare-breton.jpg", "Yann Le Bihan", "CC BY-SA 4.0", "Wikimedia Commons"),
    ("marche-fruits.jpg", "Lina Besson", "CC BY-NC 4.0", "Flickr"),
    ("gare-nuit.jpg", "Marc Olivier", "CC BY-ND 4.0", "Flickr"),
    ("logo-partenaire.png", "Société Alpha", "© Tous droits réservés / All rights reserved", "Site du partenaire"),
    ("champ-lavande.jpg", "Clara Dumas", "CC0 1.0", "Banque d'images libre"),
    ("festival.jpg", "Karim Benyahia", "CC BY-NC-ND 4.0", "Flickr"),
    ("cathedrale.jpg", "Thomas Keller", "CC BY 4.0", "Wikimedia Commons"),
    ("plage-matin.jpg", "Alice Girard", "CC BY-NC-SA 4.0", "Flickr"),
    ("gravure-1890.png", "Musée de la ville", "Marque du domaine public 1.0 / Public Domain Mark 1.0",
     "Collections du musée"),
    ("terrasse-cafe.jpg", "Romain Petit", "CC BY-ND 4.0", "Flickr"),
]


def image_library(out: pathlib.Path) -> str:
    """A list of candidate images for a brochure, with their authors and licences."""
    name = "2.2-image-library.ods"
    _write_ods(out / name, "Images", ["Image", "Auteur (Author)", "Licence (License)", "Source"],
               [list(row) for row in IMAGES], [4.5, 4.5, 9.5, 5])
    return name


WORKS = [
    ("Les Jardins de brume", "Hélène Vasseur", 1949, "", "", 1921),
    ("Chansons du port", "Albert Kermarec", 1955, "", "", 1930),
    ("La Ville haute", "Marcel Doré", 1956, "", "", 1912),
    ("Carnets d'Orient", "Jeanne Morel", 1938, "Paul Lebrun", 1961, 1925),
    ("Le Petit Atlas des oiseaux", "Louis Garnier", 1944, "Suzanne Garnier", 1955, 1936),
    ("Nocturnes", "Émile Charvet", 1970, "", "", 1898),
    ("Traité de la lumière", "René Balmont", 1931, "", "", 1905),
    ("Le Voyageur immobile", "Claire Fontenay", 1957, "", "", 1950),
    ("Contes de la Garonne", "Pierre Castagnet", 1953, "", "", 1947),
    ("Les Horloges", "Yvonne Perrin", 1926, "Henri Perrin", 1956, 1920),
    ("Mémoires d'un instituteur", "Jules Bernardin", 1955, "", "", 1954),
    ("L'Aube sur la lande", "Marthe Le Goff", 1975, "", "", 1932),
    ("Petite Musique de chambre", "Octave Reynaud", 1942, "", "", 1939),
    ("Les Quatre Saisons du verger", "Anna Lorin", 1950, "Victor Lorin", 1954, 1948),
    ("Poèmes du bord de mer", "Gaston Millet", 1958, "", "", 1925),
    ("La Grande Traversée", "Lucien Morand", 1912, "", "", 1908),
]


def works_list(out: pathlib.Path) -> str:
    """Works a publisher would like to reprint, with the death year of each author."""
    rows = [[title, a1, d1, a2, d2, pub] for title, a1, d1, a2, d2, pub in WORKS]
    name = "2.2-works.csv"
    _write_csv(out / name, ["Œuvre (Work)", "Auteur 1 (Author 1)", "Décès auteur 1 (Death of author 1)",
                            "Auteur 2 (Author 2)", "Décès auteur 2 (Death of author 2)",
                            "Première publication (First published)"], rows)
    return name


def open_report(out: pathlib.Path) -> str:
    """A three-page report published under a Creative Commons licence (notice on the last page)."""
    s = _styles()
    story = [
        Spacer(1, 4 * cm),
        Paragraph("Les tiers-lieux numériques en milieu rural", s["title"]),
        Paragraph("<i>Digital community spaces in rural areas</i>", s["p"]),
        Spacer(1, 1.5 * cm),
        Paragraph("Nadia Benali, Thomas Keller, Lucie Marchal", s["h"]),
        Paragraph("Observatoire des usages numériques", s["p"]),
        Spacer(1, 1 * cm),
        Paragraph("Publié en octobre 2025 — <i>Published in October 2025</i>", s["p"]),
        Paragraph("Enquête menée de janvier à juin 2024 auprès de 214 structures. "
                  "<i>Survey carried out from January to June 2024 among 214 organisations.</i>", s["small"]),
        PageBreak(),
        Paragraph("Synthèse", s["h"]),
        Paragraph("Les tiers-lieux numériques accueillent en moyenne 38 personnes par semaine. Ils proposent "
                  "un accès à internet, un accompagnement aux démarches administratives en ligne et des "
                  "ateliers d'initiation. La moitié d'entre eux fonctionnent grâce à des bénévoles.", s["p"]),
        Paragraph("« Le tiers-lieu est souvent le seul endroit du village où l'on peut se faire aider pour une "
                  "démarche en ligne », résume une animatrice interrogée.", s["p"]),
        Paragraph("Recommandations", s["h"]),
        Paragraph("1. Pérenniser le financement des postes d'animation. 2. Former les bénévoles à "
                  "l'accompagnement numérique. 3. Mutualiser le matériel entre structures voisines.", s["p"]),
        PageBreak(),
        Paragraph("Mentions légales / Legal notice", s["h"]),
        Paragraph("© 2025 Observatoire des usages numériques. Ce document est mis à disposition selon les "
                  "termes de la licence Creative Commons Attribution – Pas de modification 4.0 International "
                  "(CC BY-ND 4.0).", s["p"]),
        Paragraph("<i>This document is made available under the Creative Commons Attribution–NoDerivatives 4.0 "
                  "International licence (CC BY-ND 4.0).</i>", s["p"]),
        Paragraph("Texte de la licence / Licence text: https://creativecommons.org/licenses/by-nd/4.0/",
                  s["small"]),
    ]
    name = "2.2-open-report.pdf"
    _pdf(out / name, story, "Les tiers-lieux numériques en milieu rural", "Observatoire des usages numériques")
    return name


# -- 2.3 Collaborate -------------------------------------------------------------------------------
def version_history(out: pathlib.Path) -> str:
    """The version history of a shared document, exported with the word count of each version."""
    rng = random.Random(2303)
    authors = ["Sophie Lambert", "Karim Haddad", "Nora Vidal", "Lucas Petit"]
    rows = []
    moment = dt.datetime(2026, 3, 2, 9, 14)
    words = 120
    for version in range(1, 21):
        moment += dt.timedelta(minutes=rng.randint(90, 1300))
        if moment.hour < 8 or moment.hour >= 20:  # working hours only
            moment = (moment + dt.timedelta(hours=12)).replace(hour=rng.randint(8, 11))
        if version == 14:
            author, words = "Karim Haddad", words - 768
        elif version == 9:
            author, words = "Lucas Petit", words - 34
        else:
            author = rng.choice(authors)
            words += rng.randint(40, 260) if version < 14 else rng.randint(5, 60)
        if version == 13:
            author = "Nora Vidal"
        rows.append([version, moment.strftime("%Y-%m-%d %H:%M"), author, words])
    name = "2.3-version-history.csv"
    _write_csv(out / name, ["Version", "Date", "Auteur (Author)", "Nombre de mots (Word count)"], rows)
    return name


def review_docx(out: pathlib.Path) -> str:
    """Meeting minutes under review: tracked insertions and deletions by two people, and a comment."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    counter = iter(range(10, 100))

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    def ins(text: str, who: str, when: str) -> str:
        return (f'<w:ins w:id="{next(counter)}" w:author="{who}" w:date="{when}">'
                f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:ins>')

    def dele(text: str, who: str, when: str) -> str:
        return (f'<w:del w:id="{next(counter)}" w:author="{who}" w:date="{when}">'
                f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')

    def para(*parts: str, style: str | None = None) -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}{''.join(parts)}</w:p>"

    sophie, lucas = "Sophie Lambert", "Lucas Petit"
    t1, t2, t3 = "2026-03-04T09:12:00Z", "2026-03-04T14:40:00Z", "2026-03-05T08:05:00Z"
    body = "".join([
        para(run("Compte rendu de la réunion du 2 mars 2026"), style="Title"),
        para(run("Présents : Sophie Lambert, Lucas Petit, Nora Vidal, Karim Haddad.")),
        para(run("1. Fête de quartier. La fête aura lieu le samedi "), dele("16 mai", sophie, t1),
             ins("23 mai", sophie, t1), run(" 2026 sur "),
             '<w:commentRangeStart w:id="0"/>', run("la place du Marché"), '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>', run(".")),
        para(run("2. Budget. Le budget prévisionnel de la fête est de "), dele("4 500", lucas, t2),
             ins("3 800", lucas, t2), run(" euros, dont "), dele("1 200", lucas, t2), ins("900", lucas, t2),
             run(" euros pour la location du matériel.")),
        para(run("3. Bénévoles. Les inscriptions des bénévoles sont ouvertes jusqu'au "),
             dele("15 avril", lucas, t3), ins("30 avril", lucas, t3), run(". Nora coordonne les équipes.")),
        para(run("4. Communication. Karim prépare l'affiche"), ins(" et la publication sur le site", sophie, t1),
             run(".")),
        para(run("Prochaine réunion : lundi 30 mars 2026 à 18 h 30.")),
    ])
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{w}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" '
        'w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:comments xmlns:w="{w}">'
        f'<w:comment w:id="0" w:author="{lucas}" w:date="{t2}" w:initials="LP">'
        "<w:p><w:r><w:t>La mairie doit encore confirmer que la place est libre ce jour-là.</w:t></w:r></w:p>"
        "</w:comment></w:comments>"
    )
    settings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:settings xmlns:w="{w}"><w:trackRevisions/></w:settings>'
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{w}">'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>'
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:pPr><w:spacing w:after="160"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style></w:styles>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    doc_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
        f'<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/settings" Target="settings.xml"/>'
        f'<Relationship Id="rId3" Type="{rel}/comments" Target="comments.xml"/></Relationships>'
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Compte rendu de la réunion du 2 mars 2026</dc:title><dc:creator>Nora Vidal</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-02T19:30:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-05T08:05:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{wml}.document.main+xml"/>'
        f'<Override PartName="/word/styles.xml" ContentType="{wml}.styles+xml"/>'
        f'<Override PartName="/word/settings.xml" ContentType="{wml}.settings+xml"/>'
        f'<Override PartName="/word/comments.xml" ContentType="{wml}.comments+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
    )
    name = "2.3-minutes-review.docx"
    _zip(out / name, [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                      ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                      ("word/styles.xml", styles), ("word/settings.xml", settings),
                      ("word/comments.xml", comments), ("docProps/core.xml", core)])
    return name


BUSY = {  # one working day of three shared calendars, in minutes since midnight
    "Inès": [(8 * 60, 9 * 60 + 30), (11 * 60, 12 * 60), (13 * 60, 14 * 60), (16 * 60 + 30, 18 * 60)],
    "Karim": [(9 * 60, 10 * 60 + 30), (12 * 60, 13 * 60), (15 * 60 + 30, 16 * 60 + 30)],
    "Sophie": [(10 * 60, 11 * 60), (14 * 60, 14 * 60 + 30), (17 * 60, 18 * 60)],
}


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans, shipped with matplotlib, so that accents render the same on every machine."""
    folder = pathlib.Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return ImageFont.truetype(str(folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _hatched(width: int, height: int) -> Image.Image:
    tile = Image.new("RGB", (width, height), (228, 228, 228))
    draw = ImageDraw.Draw(tile)
    for k in range(-height, width, 12):
        draw.line([(k, height), (k + height, 0)], fill=(110, 110, 110), width=1)
    draw.rectangle([0, 0, width - 1, height - 1], outline="black", width=2)
    return tile


def calendar_png(out: pathlib.Path) -> str:
    """A day view of three shared calendars; busy time is hatched (no colour needed to read it)."""
    width, height = 760, 720
    left, top, col_w, hour_h = 90, 100, 210, 56
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, bold = _font(15), _font(19, bold=True)
    draw.text((left, 24), "2026-03-19", fill="black", font=bold)
    for i, person in enumerate(BUSY):
        draw.text((left + i * col_w + col_w // 2, top - 24), person, fill="black", font=bold, anchor="mm")
    for hour in range(8, 19):
        y = top + (hour - 8) * hour_h
        draw.line([(left, y), (left + 3 * col_w, y)], fill=(150, 150, 150), width=1)
        draw.text((left - 12, y), f"{hour:02d}:00", fill="black", font=font, anchor="rm")
        if hour < 18:
            draw.line([(left, y + hour_h // 2), (left + 3 * col_w, y + hour_h // 2)], fill=(215, 215, 215))
    for i, slots in enumerate(BUSY.values()):
        x0 = left + i * col_w + 8
        x1 = x0 + col_w - 16
        for start, end in slots:
            y0 = round(top + (start - 8 * 60) * hour_h / 60) + 1
            y1 = round(top + (end - 8 * 60) * hour_h / 60) - 1
            image.paste(_hatched(x1 - x0, y1 - y0), (x0, y0))
            label = f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"
            centre = ((x0 + x1) / 2, (y0 + y1) / 2)
            box = draw.textbbox(centre, label, font=font, anchor="mm")
            draw.rectangle([box[0] - 4, box[1] - 2, box[2] + 4, box[3] + 2], fill="white")
            draw.text(centre, label, fill="black", font=font, anchor="mm")
    for i in range(4):
        x = left + i * col_w
        draw.line([(x, top), (x, top + 10 * hour_h)], fill="black", width=1)
    legend_y = top + 10 * hour_h + 24
    image.paste(_hatched(40, 20), (left, legend_y))
    draw.text((left + 52, legend_y + 10), "occupé / busy", fill="black", font=font, anchor="lm")
    name = "2.3-shared-calendars.png"
    image.save(out / name, format="PNG", optimize=True)
    return name


def meeting_ics(out: pathlib.Path) -> str:
    """A meeting invitation in iCalendar format; the times are in UTC (suffix Z)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Partner Network//Shared Calendar 4.2//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:7f3c2a10-5b1e-4c8e-9d2a-horizon-copil-2026",
        "DTSTAMP:20260302T081500Z",
        "DTSTART:20260415T070000Z",
        "DTEND:20260415T083000Z",
        "SUMMARY:Comité de pilotage - projet Horizon / Steering committee",
        "LOCATION:Visioconférence / Video call",
        "ORGANIZER;CN=Eva Lindqvist:mailto:eva.lindqvist@partner-network.example",
        "ATTENDEE;CN=Camille Durand;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:",
        " mailto:camille.durand@horizon-asso.fr",
        "ATTENDEE;CN=Nadia Benali;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:",
        " mailto:nadia.benali@horizon-asso.fr",
        "DESCRIPTION:Ordre du jour : bilan du premier trimestre\\, budget\\, calendrier.",
        "BEGIN:VALARM",
        "TRIGGER:-PT15M",
        "ACTION:DISPLAY",
        "DESCRIPTION:Rappel",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    name = "2.3-meeting.ics"
    (out / name).write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return name


TASKS = [
    ("Réserver la salle", "Inès", "Terminé (Done)", dt.date(2026, 3, 6), 2),
    ("Demander l'autorisation à la mairie", "Karim", "Terminé (Done)", dt.date(2026, 3, 10), 3),
    ("Rédiger l'appel aux bénévoles", "Sophie", "Terminé (Done)", dt.date(2026, 3, 12), 4),
    ("Concevoir l'affiche", "Karim", "En cours (In progress)", dt.date(2026, 3, 27), 6),
    ("Commander les boissons", "Inès", "À faire (To do)", dt.date(2026, 4, 24), 3),
    ("Préparer le budget détaillé", "Lucas", "En cours (In progress)", dt.date(2026, 3, 31), 8),
    ("Contacter les associations du quartier", "Inès", "En cours (In progress)", dt.date(2026, 4, 3), 5),
    ("Organiser le planning des bénévoles", "Nora", "À faire (To do)", dt.date(2026, 4, 17), 6),
    ("Louer la sonorisation", "Lucas", "À faire (To do)", dt.date(2026, 4, 10), 2),
    ("Publier l'événement sur le site", "Karim", "À faire (To do)", dt.date(2026, 4, 6), 2),
    ("Imprimer les affiches", "Inès", "Terminé (Done)", dt.date(2026, 3, 20), 1),
    ("Préparer les jeux pour enfants", "Nora", "En cours (In progress)", dt.date(2026, 5, 8), 10),
    ("Demander des devis de traiteur", "Inès", "À faire (To do)", dt.date(2026, 4, 14), 4),
    ("Souscrire l'assurance", "Lucas", "Terminé (Done)", dt.date(2026, 3, 18), 2),
    ("Prévoir le plan de la place", "Sophie", "En cours (In progress)", dt.date(2026, 4, 21), 5),
    ("Rédiger le communiqué de presse", "Karim", "À faire (To do)", dt.date(2026, 4, 28), 3),
    ("Acheter la décoration", "Inès", "À faire (To do)", dt.date(2026, 5, 12), 6),
    ("Recruter les bénévoles du bar", "Sophie", "À faire (To do)", dt.date(2026, 4, 30), 4),
    ("Préparer la caisse", "Lucas", "À faire (To do)", dt.date(2026, 5, 15), 2),
    ("Installer les stands", "Nora", "À faire (To do)", dt.date(2026, 5, 23), 12),
    ("Faire le bilan avec les partenaires", "Inès", "En cours (In progress)", dt.date(2026, 3, 24), 3),
    ("Envoyer les invitations aux élus", "Sophie", "Terminé (Done)", dt.date(2026, 3, 25), 2),
]


def project_tasks(out: pathlib.Path) -> str:
    """A team's task list exported from a project tool."""
    name = "2.3-project-tasks.ods"
    _write_ods(out / name, "Tâches", ["Tâche (Task)", "Responsable (Assignee)", "Statut (Status)",
                                      "Échéance (Due date)", "Estimation (h)"],
               [list(row) for row in TASKS], [7.5, 4.5, 5, 4, 3.2])
    return name


# -- 2.4 Fit into the digital world ----------------------------------------------------------------
MENTION_TEXTS = {
    "positive": ["Le meilleur pain du quartier !", "Accueil adorable, croissants parfaits.",
                 "Super tarte aux pommes ce midi.", "Je recommande les yeux fermés.",
                 "Merci pour la commande de l'anniversaire !"],
    "neutre (neutral)": ["Ouvert le dimanche ?", "Quelqu'un connaît les horaires d'été ?",
                         "Photo de la vitrine de Pâques.", "Ils font des sandwichs le midi ?"],
    "négative (negative)": ["Attente de 20 minutes ce matin…", "Pain brûlé deux fois cette semaine.",
                            "Vendeur désagréable, je n'y retourne pas.", "Prix en hausse, qualité en baisse.",
                            "Commande oubliée pour la deuxième fois."],
}


def mentions_xlsx(out: pathlib.Path) -> str:
    """An export of online mentions of a bakery (e-reputation monitoring)."""
    rng = random.Random(2404)
    plan = {  # platform → (positive, neutral, negative)
        "Avis Google (Google reviews)": (9, 3, 9),
        "Instagram": (14, 7, 3),
        "Facebook": (8, 5, 6),
        "TikTok": (4, 2, 4),
    }
    entries = []
    for platform, counts in plan.items():
        for tone, count in zip(MENTION_TEXTS, counts, strict=True):
            entries.extend((platform, tone) for _ in range(count))
    rng.shuffle(entries)
    start = dt.date(2026, 2, 1)
    rows = []
    for platform, tone in entries:
        day = start + dt.timedelta(days=rng.randint(0, 88))
        audience = rng.choice([rng.randint(40, 900), rng.randint(1100, 24000)])
        author = "@" + rng.choice(["julie", "marc", "sam", "lea", "noah", "emma", "hugo", "lina", "theo", "zoe"]) + \
                 rng.choice(["_", ".", ""]) + str(rng.randint(2, 99))
        rows.append([day, platform, author, tone, audience, rng.choice(MENTION_TEXTS[tone])])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    # Near misses around the audience threshold of an item.
    negatives_march = [r for r in rows if r[3].startswith("négative") and r[0].month == 3]
    for row, audience in zip(negatives_march, [980, 1020, 3400, 450, 12800, 760, 2250, 1500], strict=True):
        row[4] = audience
    name = "2.4-mentions.xlsx"
    _write_xlsx(out / name, "Mentions", ["Date", "Plateforme (Platform)", "Auteur (Author)",
                                         "Tonalité (Sentiment)", "Audience (Reach)", "Extrait (Excerpt)"],
                rows, [12, 28, 14, 20, 16, 42])
    return name


def followers_csv(out: pathlib.Path) -> str:
    """Accounts that recently followed a page, with the figures that help spot fake accounts."""
    rng = random.Random(2405)
    rows = []
    names = ["amelie", "bastien", "chloe", "dylan", "elodie", "farid", "gaelle", "hugo", "irene", "jonas",
             "kenza", "lucas", "maeva", "nathan", "oceane", "paolo", "quentin", "rose", "sacha", "tess",
             "ugo", "vera", "william", "xenia", "yanis", "zelie", "adam", "berenice", "cyril", "dounia",
             "enzo", "flora", "gabin", "hana", "ilan", "jade", "kylian", "louna", "mael", "nina"]
    for index, base in enumerate(names):
        handle = "@" + base + rng.choice(["", "_", "."]) + (str(rng.randint(1, 9999)) if rng.random() < 0.6 else "")
        kind = index % 4
        if kind == 0:  # suspicious profile
            created = dt.date(2026, 2, 1) + dt.timedelta(days=rng.randint(0, 26))
            posts = rng.randint(0, 2)
            followers = rng.randint(1, 40)
            following = followers * rng.randint(22, 120)
        else:  # ordinary profile
            created = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3600))
            posts = rng.randint(3, 900)
            followers = rng.randint(20, 3000)
            following = rng.randint(30, 1500)
        rows.append([handle, created.isoformat(), posts, followers, following])
    # Accounts that match only some of the criteria.
    rows[1][1:] = ["2026-02-14", 1, 35, 240]          # recent, few posts, but ratio below 20
    rows[2][1:] = ["2026-01-29", 0, 12, 900]          # created before 1 February
    rows[5][1:] = ["2026-02-20", 3, 8, 1600]          # three posts
    rows[6][1:] = ["2026-02-03", 2, 50, 1150]         # matches all three
    rows[9][1:] = ["2026-02-25", 0, 41, 800]          # ratio 19.5
    rows[13][1:] = ["2026-02-10", 14, 6, 2100]        # many posts
    name = "2.4-followers.csv"
    _write_csv(out / name, ["Compte (Account)", "Créé le (Created on)", "Publications (Posts)",
                            "Abonnés (Followers)", "Abonnements (Following)"], rows)
    return name


def terms_pdf(out: pathlib.Path) -> str:
    """The terms of use of a social network, in French then in English."""
    s = _styles()

    def section(title: str, text: str) -> list:
        return [Paragraph(title, s["h"]), Paragraph(text, s["p"])]

    fr = [
        Paragraph("Agora — Conditions générales d'utilisation", s["title"]),
        Paragraph("Version du 1er janvier 2026", s["small"]),
        *section("Article 1 — Objet", "Les présentes conditions régissent l'utilisation du réseau social Agora, "
                 "qui permet de publier des textes, des photos et des vidéos et d'échanger avec d'autres membres."),
        *section("Article 2 — Inscription", "L'inscription est possible à partir de 13 ans. Un mineur de moins de "
                 "15 ans ne peut s'inscrire qu'avec l'accord d'un titulaire de l'autorité parentale ; à partir de "
                 "15 ans, l'accord parental n'est plus demandé. Chaque membre fournit des informations exactes et "
                 "ne crée qu'un seul compte personnel."),
        *section("Article 3 — Vos contenus", "Vous restez propriétaire des contenus que vous publiez. En les "
                 "publiant, vous accordez à Agora une licence non exclusive, gratuite et mondiale pour les "
                 "héberger, les reproduire et les afficher, uniquement pour faire fonctionner le service. Cette "
                 "licence prend fin lorsque le contenu est supprimé, sous réserve des délais de l'article 6."),
        *section("Article 4 — Règles de conduite", "Sont interdits : le harcèlement, les propos haineux, "
                 "l'usurpation de l'identité d'un tiers, la publication de l'image d'une personne sans son "
                 "accord et la diffusion de contenus illicites. Agora peut retirer un contenu signalé et "
                 "suspendre le compte de son auteur."),
        *section("Article 5 — Signalement", "Tout membre peut signaler un contenu ou un compte à l'aide du bouton "
                 "« Signaler ». Agora traite les signalements dans un délai de 48 heures et informe l'auteur du "
                 "signalement de la suite donnée."),
        *section("Article 6 — Suppression du compte", "Vous pouvez supprimer votre compte à tout moment depuis "
                 "les paramètres. Le compte est désactivé immédiatement ; vos contenus sont effacés "
                 "définitivement 30 jours après la demande, délai pendant lequel vous pouvez annuler la "
                 "suppression. Les données de connexion sont conservées un an, conformément à la loi."),
        *section("Article 7 — Données personnelles", "Le traitement de vos données est décrit dans la Politique "
                 "de confidentialité. Vous pouvez exercer vos droits d'accès, de rectification, d'effacement et "
                 "de portabilité à l'adresse dpo@agora-social.example."),
        PageBreak(),
    ]
    en = [
        Paragraph("Agora — Terms of use (English version)", s["title"]),
        Paragraph("Version of 1 January 2026", s["small"]),
        *section("Article 1 — Purpose", "These terms govern the use of the Agora social network, which lets "
                 "members publish texts, photos and videos and interact with other members."),
        *section("Article 2 — Registration", "Registration is possible from the age of 13. A minor under 15 may "
                 "register only with the consent of a holder of parental authority; from the age of 15, parental "
                 "consent is no longer required. Each member provides accurate information and creates only one "
                 "personal account."),
        *section("Article 3 — Your content", "You remain the owner of the content you publish. By publishing it, "
                 "you grant Agora a non-exclusive, free, worldwide licence to host, reproduce and display it, "
                 "solely to operate the service. This licence ends when the content is deleted, subject to the "
                 "periods in Article 6."),
        *section("Article 4 — Rules of conduct", "The following are forbidden: harassment, hate speech, "
                 "impersonating someone else, publishing a person's picture without their consent, and sharing "
                 "illegal content. Agora may remove reported content and suspend its author's account."),
        *section("Article 5 — Reporting", "Any member may report content or an account with the \"Report\" "
                 "button. Agora handles reports within 48 hours and tells the person who reported what action "
                 "was taken."),
        *section("Article 6 — Deleting your account", "You may delete your account at any time from the "
                 "settings. The account is deactivated immediately; your content is permanently erased 30 days "
                 "after the request, during which you can cancel the deletion. Connection data are kept for one "
                 "year, as required by law."),
        *section("Article 7 — Personal data", "The processing of your data is described in the Privacy policy. "
                 "You may exercise your rights of access, rectification, erasure and portability at "
                 "dpo@agora-social.example."),
    ]
    name = "2.4-terms-of-use.pdf"
    _pdf(out / name, fr + en, "Agora - Conditions générales d'utilisation / Terms of use", "Agora")
    return name


LINKS = [
    "https://www.impots.gouv.fr/accueil",
    "https://impots-gouv.fr-remboursement.com/dossier",
    "https://www.ants.gouv.fr/",
    "http://www.service-public.gouv.fr/particuliers/vosdroits",
    "https://www.ameli.fr/assure",
    "https://franceconnect.gouv.fr.connexion-securisee.net/login",
    "https://www.interieur.gouv.fr@verif-identite.com/compte",
    "https://www.amendes.gouv.fr/portail/",
    "https://gouv-fr.info/aide-energie",
    "https://www.impots.gouv.fr/portail/?origine=paiement-express.com",
    "https://code.travail.gouv.fr/",
    "https://www.caf.fr/allocataires",
]


def links_txt(out: pathlib.Path) -> str:
    """Links collected from text messages and e-mails received by one person."""
    lines = ["Liens reçus par SMS et par courriel (mars 2026)",
             "Links received by text message and e-mail (March 2026)", ""]
    lines += [f"{i:2d}. {link}" for i, link in enumerate(LINKS, start=1)]
    name = "2.4-links.txt"
    (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


GENERATORS = [inbox_export, message_eml, group_chat, visio_guide,
              drive_sharing, image_library, works_list, open_report,
              version_history, review_docx, calendar_png, meeting_ics, project_tasks,
              mentions_xlsx, followers_csv, terms_pdf, links_txt]


def generate(out_dir: pathlib.Path) -> list[str]:
    """Write every attachment of domain 2 into ``out_dir`` and return their names."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [make(out_dir) for make in GENERATORS]


if __name__ == "__main__":
    target = pathlib.Path(__file__).resolve().parent.parent / "attachments"
    for written in generate(target):
        print(target / written)
