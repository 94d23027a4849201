"""Attachments of the content-creation competences (3.1 to 3.4) of the demonstration bank.

Every file is rebuilt from the data below, byte for byte: fixed timestamps in the zip
containers, reportlab in invariant mode, no randomness. Run it as a script to refresh the
sibling ``attachments/`` folder; ``answers()`` gives the values the items rely on.
"""

from __future__ import annotations

import io
import pathlib
import zipfile
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas

from itembank.authoring.csvfile import csv_bytes, write_csv

ZIP_DATE = (2026, 1, 5, 9, 0, 0)
FONT_DIR = pathlib.Path("/usr/share/fonts/truetype/dejavu")


def _font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        return ImageFont.load_default(size)


def _zip(path: pathlib.Path, parts: list[tuple[str, bytes]], stored_first: bool = False) -> None:
    """Write a zip container with fixed dates; ODF wants its mimetype first and uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(parts):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if (stored_first and index == 0) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# DOCX (WordprocessingML written by hand)
# ---------------------------------------------------------------------------------------------
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
</Relationships>"""

DOCX_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:cs="Liberation Sans"/><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:spacing w:after="360"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
</w:styles>"""


def _docx_props(title: str, author: str) -> list[tuple[str, bytes]]:
    core = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator><dc:language>fr-FR</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T09:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-05T09:00:00Z</dcterms:modified>
</cp:coreProperties>"""
    app = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Pupitre demo bank</Application></Properties>"""
    return [("docProps/core.xml", core.encode()), ("docProps/app.xml", app.encode())]


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(text: str, style: str | None = None, run_props: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{_run(text, run_props)}</w:p>"


def _docx(path: pathlib.Path, body: str, sect: str, title: str, author: str, track: bool = False) -> None:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W_NS}"><w:body>{body}{sect}</w:body></w:document>')
    settings = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
                f'{"<w:trackRevisions/>" if track else ""}<w:defaultTabStop w:val="709"/></w:settings>')
    _zip(path, [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", PACKAGE_RELS.encode()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.encode()),
        ("word/document.xml", document.encode()),
        ("word/styles.xml", DOCX_STYLES.encode()),
        ("word/settings.xml", settings.encode()),
        *_docx_props(title, author),
    ])


def _twips(cm_value: float) -> int:
    return round(cm_value / 2.54 * 1440)


# Page margins of the annual report, in cm (item 3.1-page-setup-02 asks for the left one).
REPORT_MARGINS = {"top": 2.0, "right": 2.0, "bottom": 2.0, "left": 3.0}
# Chapter titles of the annual report: (text, style). One of them only looks like a heading.
REPORT_CHAPTERS = [
    ("Introduction", "Heading1"),
    ("Organisation", "Heading1"),
    ("Communication", None),  # Normal style + direct bold 16 pt: not part of the outline
    ("Budget", "Heading1"),
    ("Conclusion", "Heading1"),
]


def annual_report_docx(path: pathlib.Path) -> None:
    lorem = {
        "Introduction": [
            "Ce rapport présente l'activité de l'association Les Ateliers du Lac pendant l'année 2025.",
            "Il a été préparé par le bureau et sera soumis au vote de l'assemblée générale du 14 mars 2026.",
        ],
        "Organisation": [
            "L'association compte 148 adhérents et 22 bénévoles réguliers.",
        ],
        "Communication": [
            "La lettre d'information mensuelle compte désormais 640 abonnés.",
            "Le site web a été entièrement refait au printemps, avec un calendrier des ateliers en ligne.",
        ],
        "Budget": [
            "Les recettes s'élèvent à 38 450 € et les dépenses à 36 920 €.",
            "L'excédent de 1 530 € sera affecté au renouvellement du matériel informatique.",
        ],
        "Conclusion": [
            "L'année 2025 a confirmé la place de l'association dans la vie du quartier.",
        ],
    }
    subs = {
        "Organisation": [
            ("Ateliers", "Trente-deux ateliers ont été proposés, dont douze consacrés au numérique."),
            ("Bénévoles", "Une formation de deux jours a été organisée pour les nouveaux bénévoles."),
        ],
    }
    body = [_para("Rapport d'activité 2025", "Title")]
    for title, style in REPORT_CHAPTERS:
        if style:
            body.append(_para(title, style))
        else:  # looks exactly like Heading 1 but is a Normal paragraph
            body.append('<w:p><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/></w:pPr>'
                        + _run(title, '<w:b/><w:sz w:val="32"/>') + "</w:p>")
        for text in lorem[title]:
            body.append(_para(text))
        for sub, text in subs.get(title, []):
            body.append(_para(sub, "Heading2"))
            body.append(_para(text))
    m = {k: _twips(v) for k, v in REPORT_MARGINS.items()}
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" '
            f'w:left="{m["left"]}" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
    _docx(path, "".join(body), sect, "Rapport d'activité 2025", "Les Ateliers du Lac")


# Tracked changes of the rules under review: (author, kind) in document order.
REVIEW_DATE = {"Claire Martin": "2026-01-12T10:15:00Z", "Hugo Petit": "2026-01-13T16:40:00Z",
               "Sofia Benali": "2026-01-14T08:05:00Z"}


def rules_review_docx(path: pathlib.Path) -> list[tuple[str, str]]:
    changes: list[tuple[str, str]] = []
    counter = [0]

    def ins(author: str, text: str) -> str:
        counter[0] += 1
        changes.append((author, "insertion"))
        return (f'<w:ins w:id="{counter[0]}" w:author="{author}" w:date="{REVIEW_DATE[author]}">'
                f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:ins>')

    def dele(author: str, text: str) -> str:
        counter[0] += 1
        changes.append((author, "deletion"))
        return (f'<w:del w:id="{counter[0]}" w:author="{author}" w:date="{REVIEW_DATE[author]}">'
                f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')

    def p(*parts: str) -> str:
        return "<w:p>" + "".join(parts) + "</w:p>"

    body = [
        _para("Règlement intérieur de l'atelier numérique", "Title"),
        _para("Article 1 — Horaires", "Heading1"),
        p(_run("L'atelier est ouvert "), ins("Claire Martin", "du mardi au samedi, "), _run("de 14 h à 18 h.")),
        _para("Article 2 — Adhésion", "Heading1"),
        p(_run("L'adhésion annuelle est "), dele("Hugo Petit", "gratuite"), ins("Hugo Petit", "de 20 €"),
          _run(" pour les membres de l'association.")),
        _para("Article 3 — Matériel", "Heading1"),
        p(_run("Les machines doivent être nettoyées après chaque utilisation"),
          ins("Claire Martin", " et rangées dans l'armoire"), _run(".")),
        _para("Article 4 — Mineurs", "Heading1"),
        p(_run("Les mineurs doivent être accompagnés "), dele("Sofia Benali", "d'un adulte ou "),
          _run("d'un animateur.")),
        _para("Article 5 — Incidents", "Heading1"),
        p(_run("Tout incident est signalé "), dele("Hugo Petit", "oralement "), _run("au responsable"),
          ins("Claire Martin", " par écrit, dans le cahier de l'atelier"), _run(".")),
    ]
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" '
            'w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
    _docx(path, "".join(body), sect, "Règlement intérieur", "Bureau de l'association", track=True)
    return changes


# ---------------------------------------------------------------------------------------------
# ODT (OpenDocument text written by hand)
# ---------------------------------------------------------------------------------------------
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

ODT_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ODF_NS} office:version="1.3">
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans'" fo:font-size="12pt" fo:language="fr" fo:country="FR"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="20pt"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="16pt"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="3" style:class="text"><style:text-properties fo:font-size="14pt"/></style:style>
<style:style style:name="Heading_20_4" style:display-name="Heading 4" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="4" style:class="text"><style:text-properties fo:font-size="13pt" fo:font-style="italic"/></style:style>
<text:outline-style style:name="Outline">
<text:outline-level-style text:level="1" style:num-format=""/>
<text:outline-level-style text:level="2" style:num-format=""/>
<text:outline-level-style text:level="3" style:num-format=""/>
<text:outline-level-style text:level="4" style:num-format=""/>
</text:outline-style>
</office:styles>
</office:document-styles>"""


def _guide_pictures() -> list[tuple[str, str, str | None, tuple[str, str] | None]]:
    """(file name, frame name, alt title or None, size) for the reception guide's images."""
    return [
        ("logo.png", "Logo", "Logo de la médiathèque du Lac", ("5cm", "2.5cm")),
        ("frequentation.png", "Graphique", None, ("12cm", "6cm")),
        ("salle.png", "Salle", "Salle de lecture avec quatre tables et des étagères", ("10cm", "6cm")),
        ("plan.png", "Plan", None, ("12cm", "8cm")),
        ("qr.png", "QRCode", "Code QR menant au site de la médiathèque", ("4cm", "4cm")),
    ]


def _draw_guide_picture(name: str) -> bytes:
    if name == "logo.png":
        img = Image.new("RGB", (400, 200), "#FFFFFF")
        d = ImageDraw.Draw(img)
        d.ellipse((20, 40, 140, 160), fill="#2F6F4F")
        d.rectangle((60, 70, 100, 130), fill="#FFFFFF")
        d.text((160, 75), "Médiathèque\ndu Lac", fill="#2F6F4F", font=_font(30, True))
    elif name == "frequentation.png":
        img = Image.new("RGB", (600, 300), "#FFFFFF")
        d = ImageDraw.Draw(img)
        values = [12, 25, 40, 38, 55, 70, 48, 20]
        for i, v in enumerate(values):
            x = 40 + i * 68
            d.rectangle((x, 270 - v * 3, x + 48, 270), fill="#3A6EA5")
            d.text((x + 8, 275), f"{10 + i}h", fill="#000000", font=_font(16))
        d.line((30, 270, 590, 270), fill="#000000", width=2)
    elif name == "salle.png":
        img = Image.new("RGB", (500, 300), "#F3EBDD")
        d = ImageDraw.Draw(img)
        for i in range(4):
            d.rectangle((40 + i * 110, 170, 120 + i * 110, 230), fill="#8B5A2B")
        for i in range(5):
            d.rectangle((20 + i * 95, 30, 95 + i * 95, 130), outline="#5C3A1A", width=4)
            for j in range(3):
                d.line((20 + i * 95, 60 + j * 25, 95 + i * 95, 60 + j * 25), fill="#5C3A1A", width=3)
    elif name == "plan.png":
        img = Image.new("RGB", (600, 400), "#EDEDE4")
        d = ImageDraw.Draw(img)
        d.rectangle((0, 180, 600, 220), fill="#FFFFFF")
        d.rectangle((280, 0, 320, 400), fill="#FFFFFF")
        d.rectangle((360, 240, 470, 330), fill="#C0504D")
        d.text((340, 340), "Médiathèque", fill="#000000", font=_font(18, True))
        d.ellipse((100, 250, 140, 290), fill="#1F77B4")
        d.text((80, 300), "Bus 12", fill="#000000", font=_font(16))
    else:  # qr-like pattern
        img = Image.new("RGB", (210, 210), "#FFFFFF")
        d = ImageDraw.Draw(img)
        pattern = 0x5A3C96E1F0B4D2C3
        for r in range(8):
            for c in range(8):
                if (pattern >> ((r * 8 + c) % 64)) & 1:
                    d.rectangle((25 + c * 20, 25 + r * 20, 44 + c * 20, 44 + r * 20), fill="#000000")
        for x, y in ((10, 10), (140, 10), (10, 140)):
            d.rectangle((x, y, x + 60, y + 60), outline="#000000", width=8)
    return _png_bytes(img)


# The guide's outline: (level, text). "Impression" jumps from level 2 to level 4.
GUIDE_OUTLINE = [
    (1, "Guide d'accueil de la médiathèque"),
    (2, "Horaires"),
    (2, "Inscription"),
    (3, "Documents à fournir"),
    (2, "Services"),
    (4, "Impression"),
    (2, "Accès"),
]


def accessible_guide_odt(path: pathlib.Path) -> dict[str, int]:
    pictures = {p[0]: p for p in _guide_pictures()}

    def h(level: int, text: str) -> str:
        return (f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                f"{escape(text)}</text:h>")

    def p(text: str) -> str:
        return f'<text:p text:style-name="Text_20_body">{escape(text)}</text:p>'

    def img(file: str) -> str:
        _, frame, alt, (w, hgt) = pictures[file]
        alt_xml = f"<svg:title>{escape(alt)}</svg:title><svg:desc>{escape(alt)}</svg:desc>" if alt else ""
        return (f'<text:p text:style-name="Standard"><draw:frame draw:name="{frame}" '
                f'text:anchor-type="as-char" svg:width="{w}" svg:height="{hgt}" draw:z-index="0">'
                f'<draw:image xlink:href="Pictures/{file}" xlink:type="simple" xlink:show="embed" '
                f'xlink:actuate="onLoad" draw:mime-type="image/png"/>{alt_xml}</draw:frame></text:p>')

    o = dict((text, level) for level, text in GUIDE_OUTLINE)
    body = [
        h(o["Guide d'accueil de la médiathèque"], "Guide d'accueil de la médiathèque"),
        img("logo.png"),
        p("Bienvenue ! Ce guide présente les services de la médiathèque du Lac et les démarches pour "
          "vous inscrire."),
        h(o["Horaires"], "Horaires"),
        p("La médiathèque est ouverte du mardi au samedi, de 10 h à 18 h. Le graphique ci-dessous montre "
          "la fréquentation moyenne selon l'heure : le pic se situe vers 15 h."),
        img("frequentation.png"),
        h(o["Inscription"], "Inscription"),
        p("L'inscription est gratuite pour les habitants de la commune."),
        h(o["Documents à fournir"], "Documents à fournir"),
        p("Une pièce d'identité et un justificatif de domicile de moins de trois mois."),
        h(o["Services"], "Services"),
        p("Prêt de livres, de films et de jeux ; accès à Internet ; ateliers numériques."),
        h(o["Impression"], "Impression"),
        p("Chaque inscrit peut imprimer 20 pages par mois dans la salle de lecture."),
        img("salle.png"),
        h(o["Accès"], "Accès"),
        p("Ligne de bus 12, arrêt « Mairie ». Le plan ci-dessous indique l'entrée principale."),
        img("plan.png"),
        p("Retrouvez toutes les informations sur notre site :"),
        img("qr.png"),
    ]
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS} office:version="1.3">'
               f'<office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODF_NS} office:version="1.3">'
            '<office:meta><dc:title>Guide d\'accueil de la médiathèque</dc:title><dc:language>fr-FR</dc:language>'
            '<meta:creation-date>2026-01-05T09:00:00</meta:creation-date><dc:date>2026-01-05T09:00:00</dc:date>'
            '</office:meta></office:document-meta>')
    files = [p[0] for p in _guide_pictures()]
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                + "".join(f'<manifest:file-entry manifest:full-path="Pictures/{f}" manifest:media-type="image/png"/>'
                          for f in files)
                + "</manifest:manifest>")
    _zip(path, [
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.encode()),
        ("styles.xml", ODT_STYLES.encode()),
        ("meta.xml", meta.encode()),
        *[(f"Pictures/{f}", _draw_guide_picture(f)) for f in files],
        ("META-INF/manifest.xml", manifest.encode()),
    ], stored_first=True)
    return {"images": len(files), "without_alt": sum(1 for p in _guide_pictures() if p[2] is None)}


# ---------------------------------------------------------------------------------------------
# PDF documents
# ---------------------------------------------------------------------------------------------
# Activity report: (PDF page, printed number or None, section starting there or None, text).
ACTIVITY_PAGES = [
    (1, None, None),
    (2, None, "Sommaire"),
    (3, 1, "Introduction"),
    (4, 2, "Organisation"),
    (5, 3, None),
    (6, 4, "Communication"),
    (7, 5, "Budget"),
    (8, 6, None),
    (9, 7, "Conclusion"),
]

ACTIVITY_TEXT = {
    "Introduction": "Ce rapport retrace les actions menées en 2025 par l'association Les Ateliers du Lac.",
    "Organisation": "Trente-deux ateliers ont été animés par vingt-deux bénévoles réguliers.",
    "Communication": "La lettre d'information mensuelle compte désormais 640 abonnés.",
    "Budget": "Les recettes s'élèvent à 38 450 € et les dépenses à 36 920 €.",
    "Conclusion": "L'année 2025 a confirmé la place de l'association dans la vie du quartier.",
}


def activity_report_pdf(path: pathlib.Path) -> dict[str, tuple[int, int]]:
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("Rapport d'activité 2025")
    c.setAuthor("Les Ateliers du Lac")
    width, height = A4
    starts = {sec: (pdf_page, printed) for pdf_page, printed, sec in ACTIVITY_PAGES if sec and printed}
    current = None
    for pdf_page, printed, section in ACTIVITY_PAGES:
        if pdf_page == 1:
            c.setFillColor(HexColor("#24476B"))
            c.rect(0, height - 10 * cm, width, 10 * cm, fill=1, stroke=0)
            c.setFillColor(white)
            c.setFont("Helvetica-Bold", 30)
            c.drawCentredString(width / 2, height - 6 * cm, "Rapport d'activité 2025")
            c.setFont("Helvetica", 16)
            c.drawCentredString(width / 2, height - 7.5 * cm, "Association Les Ateliers du Lac")
            c.setFillColor(HexColor("#000000"))
            c.setFont("Helvetica", 12)
            c.drawCentredString(width / 2, 3 * cm, "Assemblée générale du 14 mars 2026")
            c.showPage()
            continue
        c.setFont("Helvetica", 9)
        c.setFillColor(HexColor("#555555"))
        c.drawString(2 * cm, height - 1.4 * cm, "Les Ateliers du Lac — Rapport d'activité 2025")
        c.setFillColor(HexColor("#000000"))
        if section == "Sommaire":
            c.setFont("Helvetica-Bold", 20)
            c.drawString(2.5 * cm, height - 4 * cm, "Sommaire")
            c.setFont("Helvetica", 13)
            y = height - 5.5 * cm
            for sec, (_, num) in starts.items():
                c.drawString(3 * cm, y, sec)
                c.drawRightString(width - 3 * cm, y, str(num))
                c.setDash(1, 3)
                c.line(3 * cm + c.stringWidth(sec, "Helvetica", 13) + 4, y + 2,
                       width - 3 * cm - c.stringWidth(str(num), "Helvetica", 13) - 4, y + 2)
                c.setDash()
                y -= 0.9 * cm
        else:
            y = height - 4 * cm
            if section:
                current = section
                c.bookmarkPage(section, fit="XYZ", left=0, top=height, zoom=0)
                c.addOutlineEntry(section, section, level=0)
                c.setFont("Helvetica-Bold", 20)
                c.drawString(2.5 * cm, y, section)
                y -= 1.2 * cm
            else:
                c.setFont("Helvetica-Oblique", 11)
                c.drawString(2.5 * cm, y, f"{current} (suite)")
                y -= 1.0 * cm
            if section:
                c.setFont("Helvetica", 11)
                c.drawString(2.5 * cm, y, ACTIVITY_TEXT[current])
                y -= 0.8 * cm
            c.setFillColor(HexColor("#BBBBBB"))
            for _ in range(12):  # grey bars standing for paragraphs of text
                c.rect(2.5 * cm, y, width - 5 * cm, 0.25 * cm, fill=1, stroke=0)
                y -= 0.6 * cm
            c.setFillColor(HexColor("#000000"))
        if printed is not None:
            c.setFont("Helvetica", 10)
            c.drawCentredString(width / 2, 1.3 * cm, f"— {printed} —")
        c.showPage()
    c.save()
    return starts


SLIDE_SIZE = (28 * cm, 15.75 * cm)  # 16:9
SLIDES = [
    ("Réduire ses déchets au quotidien", "Atelier du 7 février 2026"),
    ("Pourquoi trier ?", "Le verre et le papier se recyclent presque à l'infini."),
    ("Le compost", "Épluchures, marc de café, coquilles d'œufs."),
    ("Les bons gestes", "Un sac réutilisable, une gourde, des achats en vrac."),
    ("Questions ?", "Merci de votre attention"),
]


def slides_pdf(path: pathlib.Path) -> tuple[float, float]:
    c = Canvas(str(path), pagesize=SLIDE_SIZE, invariant=1)
    c.setTitle("Réduire ses déchets au quotidien")
    w, h = SLIDE_SIZE
    for i, (title, line) in enumerate(SLIDES):
        c.setFillColor(HexColor("#2E6B3F"))
        c.rect(0, h - 3 * cm, w, 3 * cm, fill=1, stroke=0)
        c.setFillColor(white)
        c.setFont("Helvetica-Bold", 28)
        c.drawString(1.5 * cm, h - 2 * cm, title)
        c.setFillColor(HexColor("#1A1A1A"))
        c.setFont("Helvetica", 20)
        c.drawString(1.5 * cm, h - 6 * cm, line)
        c.setFillColor(HexColor("#8DBF6A"))
        c.circle(w - 4 * cm, 4 * cm, 2.2 * cm, fill=1, stroke=0)
        c.setFillColor(HexColor("#666666"))
        c.setFont("Helvetica", 10)
        c.drawRightString(w - 1 * cm, 0.6 * cm, f"{i + 1} / {len(SLIDES)}")
        c.showPage()
    c.save()
    return w / cm, h / cm


POSTER_BLEED_MM = 3
POSTER_TRIM_MM = (297, 420)  # A3


def poster_pdf(path: pathlib.Path) -> tuple[int, int]:
    w_mm = POSTER_TRIM_MM[0] + 2 * POSTER_BLEED_MM
    h_mm = POSTER_TRIM_MM[1] + 2 * POSTER_BLEED_MM
    w, h = w_mm * mm, h_mm * mm
    c = Canvas(str(path), pagesize=(w, h), invariant=1)
    c.setTitle("Fête de la science 2026 — affiche")
    c.setFillColor(HexColor("#0F3057"))
    c.rect(0, 0, w, h, fill=1, stroke=0)  # background runs into the bleed
    c.setFillColor(HexColor("#F2C14E"))
    c.rect(0, h * 0.62, w, 18 * mm, fill=1, stroke=0)
    c.setFillColor(white)
    c.setFont("Helvetica-Bold", 64)
    c.drawCentredString(w / 2, h * 0.78, "Fête de la science")
    c.setFont("Helvetica", 36)
    c.drawCentredString(w / 2, h * 0.71, "Octobre 2026")
    c.setFillColor(HexColor("#0F3057"))
    c.setFont("Helvetica-Bold", 28)
    c.drawCentredString(w / 2, h * 0.62 + 6 * mm, "Entrée libre · Médiathèque du Lac")
    c.setFillColor(white)
    c.setFont("Helvetica", 22)
    for i, line in enumerate(["Ateliers de robotique", "Observation du ciel", "Expériences pour les enfants"]):
        c.drawCentredString(w / 2, h * 0.45 - i * 16 * mm, line)
    c.showPage()
    c.save()
    return w_mm, h_mm


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------
PHOTO_SIZE = (2400, 1600)


def holiday_photo_png(path: pathlib.Path) -> tuple[int, int]:
    w, h = PHOTO_SIZE
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):  # sky gradient, then sea
        if y < h * 0.55:
            t = y / (h * 0.55)
            d.line((0, y, w, y), fill=(int(90 + 120 * t), int(150 + 80 * t), int(220 + 25 * t)))
        else:
            t = (y - h * 0.55) / (h * 0.45)
            d.line((0, y, w, y), fill=(int(30 + 20 * t), int(90 + 30 * t), int(140 + 20 * t)))
    d.ellipse((1750, 220, 2050, 520), fill=(255, 221, 120))
    d.polygon([(0, 980), (500, 620), (900, 880), (1300, 700), (1700, 980)], fill=(70, 110, 80))
    d.polygon([(0, 1600), (0, 1320), (800, 1260), (2400, 1380), (2400, 1600)], fill=(232, 210, 160))
    d.polygon([(1500, 1000), (1620, 760), (1640, 1000)], fill=(250, 250, 250))
    d.line((1620, 760, 1620, 1010), fill=(60, 40, 30), width=8)
    d.polygon([(1480, 1010), (1760, 1010), (1720, 1060), (1520, 1060)], fill=(150, 60, 40))
    img.save(path, format="PNG", optimize=True)
    return w, h


LOGO_BACKGROUND = "#1B6CA8"


def logo_png(path: pathlib.Path) -> str:
    img = Image.new("RGB", (900, 450), LOGO_BACKGROUND)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((60, 95, 320, 355), radius=40, outline="#FFFFFF", width=14)
    d.polygon([(120, 300), (190, 180), (260, 300)], fill="#FFFFFF")
    d.ellipse((215, 140, 265, 190), fill="#FFFFFF")
    d.text((370, 150), "Club photo", fill="#FFFFFF", font=_font(70, True))
    d.text((372, 250), "du Lac", fill="#FFFFFF", font=_font(56))
    img.save(path, format="PNG", optimize=True)
    return LOGO_BACKGROUND


def blocks_png(path: pathlib.Path) -> None:
    """A block program in the style of educational block languages (bilingual labels)."""
    img = Image.new("RGB", (640, 490), "#FFFFFF")
    d = ImageDraw.Draw(img)
    f = _font(24, True)
    small = _font(18)

    def block(x: int, y: int, w: int, colour: str, text: str, sub: str) -> None:
        d.rounded_rectangle((x, y, x + w, y + 72), radius=10, fill=colour, outline="#333333", width=2)
        d.text((x + 18, y + 8), text, fill="#FFFFFF", font=f)
        d.text((x + 18, y + 42), sub, fill="#FFFFFF", font=small)

    block(40, 30, 560, "#8A5A00", "quand le drapeau vert est cliqué", "when green flag clicked")
    block(40, 110, 420, "#A8430F", "mettre score à 2", "set score to 2")
    # C-shaped repeat block
    d.rounded_rectangle((40, 190, 520, 262), radius=10, fill="#8A5A00", outline="#333333", width=2)
    d.text((58, 198), "répéter 3 fois", fill="#FFFFFF", font=f)
    d.text((58, 232), "repeat 3 times", fill="#FFFFFF", font=small)
    d.rectangle((40, 262, 80, 352), fill="#8A5A00", outline="#333333", width=2)
    d.rounded_rectangle((40, 350, 520, 380), radius=8, fill="#8A5A00", outline="#333333", width=2)
    block(90, 272, 420, "#A8430F", "ajouter 4 à score", "change score by 4")
    block(40, 380, 420, "#5B2F9E", "dire score", "say score")
    img.save(path, format="PNG", optimize=True)


# ---------------------------------------------------------------------------------------------
# Spreadsheets (CSV) and small programs
# ---------------------------------------------------------------------------------------------
VIDEOS = [
    # file, container, video codec, audio codec, width, height, duration (s), size (MB)
    ("presentation_club.mp4", "MP4", "H.264", "AAC", 1920, 1080, 245, 98),
    ("interview_presidente.mp4", "MP4", "H.264", "AAC", 1280, 720, 412, 62),
    ("visite_atelier.mp4", "MP4", "H.264", "AAC", 3840, 2160, 188, 260),
    ("tuto_montage.mp4", "MP4", "H.264", "AAC", 1920, 1080, 596, 310),
    ("match_final.mp4", "MP4", "H.264", "AAC", 1920, 1080, 842, 505),
    ("teaser_festival.mp4", "MP4", "H.264", "AAC", 1920, 1080, 45, 80),
    ("voeux_2026.mp4", "MP4", "H.264", "AAC", 1280, 720, 95, 21),
    ("drone_plage.mp4", "MP4", "H.265", "AAC", 1920, 1080, 130, 118),
    ("reunion_benevoles.mp4", "MP4", "H.264", "AAC", 1280, 720, 560, 74),
    ("clip_chorale.mp4", "MP4", "H.264", "AAC", 1920, 1080, 210, 131),
]


def video_inventory_csv(path: pathlib.Path) -> dict[str, object]:
    write_csv(path, ["fichier", "conteneur", "codec_video", "codec_audio", "largeur", "hauteur", "duree_s",
                     "taille_Mo"], VIDEOS)
    rates = {v[0]: v[7] * 8 / v[6] for v in VIDEOS}
    rejected = sorted(v[0] for v in VIDEOS if v[4] > 1920 or v[5] > 1080 or v[6] > 600)
    return {"bitrates": rates, "highest": max(rates, key=rates.get), "rejected": rejected}


MEMBERS = [
    # id, civilité, prénom, nom, adresse, code postal, ville, préférence
    (101, "Mme", "Amandine", "Roux", "12 rue Victor-Hugo", "69002", "Lyon", "courrier"),
    (102, "M.", "Bastien", "Lefèvre", "4 place Bellecour", "69002", "Lyon", "courriel"),
    (103, "Mme", "Chloé", "Perrin", "27 avenue Jean-Jaurès", "69007", "Lyon", "courriel"),
    (104, "M.", "Damien", "Blanc", "8 rue de la Paix", "69100", "Villeurbanne", "courrier"),
    (105, "Mme", "Élise", "Moreau", "55 cours Gambetta", "69003", "Lyon", "courrier"),
    (106, "M.", "Farid", "Haddad", "3 rue des Lilas", "69200", "Vénissieux", "courrier"),
    (107, "Mme", "Gaëlle", "Fontaine", "19 rue Paul-Bert", "69003", "Lyon", "courriel"),
    (108, "M.", "Hugo", "Mercier", "2 allée des Tilleuls", "69500", "Bron", "courriel"),
    (109, "Mme", "Inès", "Chevalier", "41 quai Saint-Vincent", "69001", "Lyon", "courrier"),
    (110, "M.", "Julien", "Girard", "16 rue Anatole-France", "69100", "Villeurbanne", "courriel"),
    (111, "Mme", "", "Garnier", "7 rue du Stade", "69500", "Bron", "courrier"),
    (112, "M.", "Lucas", "Bonnet", "88 rue Garibaldi", "69006", "Lyon", "courriel"),
    (113, "Mme", "Manon", "Dupuis", "5 montée de la Grande-Côte", "69001", "Lyon", "courrier"),
    (114, "M.", "Nicolas", "Lambert", "30 avenue Berthelot", "69007", "Lyon", "courriel"),
    (115, "Mme", "Océane", "Faure", "12 chemin des Vignes", "69300", "Caluire-et-Cuire", "courrier"),
    (116, "M.", "Pierre", "André", "9 rue Sala", "69002", "Lyon", "courrier"),
    (117, "Mme", "Rose", "Guerin", "21 rue Francis-de-Pressensé", "69100", "Villeurbanne", "courrier"),
    (118, "M.", "Samir", "Benali", "14 rue Marietton", "69009", "Lyon", "courriel"),
    (119, "Mme", "Thérèse", "Colin", "6 place Carnot", "69002", "Lyon", "courrier"),
    (120, "M.", "Victor", "Renaud", "33 rue Édouard-Herriot", "69200", "Vénissieux", "courriel"),
    (121, "Mme", "Yasmine", "Arnaud", "72 cours Émile-Zola", "69100", "Villeurbanne", "courrier"),
    (122, "M.", "Xavier", "Noël", "11 rue Tronchet", "69006", "Lyon", "courriel"),
    (123, "Mme", "Zoé", "Marchand", "48 rue de Marseille", "69007", "Lyon", "courrier"),
    (124, "M.", "Alain", "Picard", "15 rue Pasteur", "69500", "Bron", "courriel"),
]


def members_csv(path: pathlib.Path) -> dict[str, object]:
    write_csv(path, ["id", "civilite", "prenom", "nom", "adresse", "code_postal", "ville", "preference"], MEMBERS)
    postal = [m for m in MEMBERS if m[7] == "courrier"]
    return {
        "postal_letters": len(postal),
        "postal_lyon": sum(1 for m in postal if m[6] == "Lyon"),
        "postal_without_first_name": [m[3] for m in postal if not m[2]],
        "any_without_first_name": [m[3] for m in MEMBERS if not m[2]],
    }


RACE = [
    # name, category, time (min:s)
    ("Léa", "junior", "9:58"),
    ("Tom", "senior", "8:12"),
    ("Inès", "junior", "10:00"),
    ("Malo", "junior", "8:45"),
    ("Nina", "veteran", "11:30"),
    ("Yanis", "Junior", "9:10"),
    ("Jade", "junior", "10:12"),
    ("Hugo", "senior", "9:05"),
    ("Lina", "junior", "9:59"),
    ("Noé", "junior", "7:50"),
    ("Sarah", "senior", "10:40"),
    ("Adam", "junior", "12:03"),
    ("Emma", "veteran", "9:40"),
    ("Louis", "junior", "6:00"),
]

RACE_PROGRAM = '''import csv


def to_seconds(text):
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


qualified = 0
with open("3.4-race-times.csv", newline="", encoding="utf-8-sig") as file:
    for row in csv.DictReader(file, delimiter=";"):
        if row["category"] == "junior" and to_seconds(row["time"]) < 600:
            qualified = qualified + 1

print(qualified)
'''

LOOP_PROGRAM = '''total = 0
for i in range(1, 6):
    if i % 2 == 0:
        total = total + i * 10
    else:
        total = total - i
print(total)
'''

AVERAGE_PROGRAM = '''scores = [12, 15, 9, 18, 11]


def average(values):
    total = 0
    for i in range(1, len(values)):
        total = total + values[i]
    return total / len(values)


print(average(scores))
'''

CLUB_PAGE = '''<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Club d'échecs de la Presqu'île</title>
</head>
<body>
  <h1>Club d'échecs de la Presqu'île</h1>
  <nav>
    <ul>
      <li><a href="index.html">Accueil</a></li>
      <li><a href="planning-2026.html" target="_blank">Planning</a></li>
      <li><a href="docs/tarifs-2026.pdf">Tarifs</a></li>
      <li><a href="https://www.openstreetmap.org/#map=17/45.7578/4.8320">Plan d'accès</a></li>
      <li><a href="mailto:contact@echecs-presquile.example">Contact</a></li>
    </ul>
  </nav>
  <h2>Bienvenue</h2>
  <p>Le club accueille les joueurs de <strong>tous niveaux</strong>, à partir de 7 ans.</p>
  <h2>Horaires</h2>
  <ul>
    <li>Mercredi : 14 h – 18 h (jeunes)</li>
    <li>Vendredi : 20 h – 23 h (adultes)</li>
    <li>Samedi : 10 h – 12 h (initiation)</li>
  </ul>
</body>
</html>
'''


def _run_python(source: str, files: dict[str, bytes] | None = None) -> str:
    """Run one of the small programs in a scratch directory and return what it prints."""
    import contextlib
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (files or {}).items():
            pathlib.Path(tmp, name).write_bytes(data)
        out = io.StringIO()
        cwd = os.getcwd()
        try:
            os.chdir(tmp)
            with contextlib.redirect_stdout(out):
                exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})
        finally:
            os.chdir(cwd)
    return out.getvalue().strip()


def race_csv_bytes() -> bytes:
    return csv_bytes(["name", "category", "time"], RACE)


# ---------------------------------------------------------------------------------------------
def generate(out_dir: pathlib.Path) -> list[str]:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def target(name: str) -> pathlib.Path:
        written.append(name)
        return out_dir / name

    annual_report_docx(target("3.1-annual-report.docx"))
    rules_review_docx(target("3.1-rules-review.docx"))
    activity_report_pdf(target("3.1-activity-report.pdf"))
    holiday_photo_png(target("3.2-holiday-photo.png"))
    logo_png(target("3.2-club-logo.png"))
    slides_pdf(target("3.2-slides.pdf"))
    video_inventory_csv(target("3.2-video-inventory.csv"))
    accessible_guide_odt(target("3.3-reception-guide.odt"))
    members_csv(target("3.3-members.csv"))
    poster_pdf(target("3.3-poster.pdf"))
    target("3.4-loop.py").write_text(LOOP_PROGRAM, encoding="utf-8")
    target("3.4-average.py").write_text(AVERAGE_PROGRAM, encoding="utf-8")
    target("3.4-club-page.html").write_text(CLUB_PAGE, encoding="utf-8")
    target("3.4-race-times.csv").write_bytes(race_csv_bytes())
    target("3.4-race-filter.py").write_text(RACE_PROGRAM, encoding="utf-8")
    blocks_png(target("3.4-blocks-score.png"))
    return written


def answers() -> dict[str, object]:
    """The values the items rely on, computed from the same data as the files."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        changes = rules_review_docx(t / "r.docx")
        starts = activity_report_pdf(t / "a.pdf")
        guide = accessible_guide_odt(t / "g.odt")
        videos = video_inventory_csv(t / "v.csv")
        members = members_csv(t / "m.csv")
        slide = slides_pdf(t / "s.pdf")
        poster = poster_pdf(t / "p.pdf")
    return {
        "3.1 left margin (cm)": REPORT_MARGINS["left"],
        "3.1 not a heading": [title for title, style in REPORT_CHAPTERS if style is None],
        "3.1 changes by Claire Martin": sum(1 for a, _ in changes if a == "Claire Martin"),
        "3.1 authors of deletions": sorted({a for a, k in changes if k == "deletion"}),
        "3.1 Budget (PDF page, printed page)": starts["Budget"],
        "3.2 photo (px)": PHOTO_SIZE,
        "3.2 print at 300 ppi (cm)": tuple(round(v / 300 * 2.54, 3) for v in PHOTO_SIZE),
        "3.2 logo background": LOGO_BACKGROUND,
        "3.2 slide size (cm), ratio": (slide, round(slide[0] / slide[1], 4)),
        "3.2 rejected videos": videos["rejected"],
        "3.2 highest bitrate": (videos["highest"], sorted(((round(v, 2), k) for k, v in videos["bitrates"].items()),
                                                          reverse=True)[:3]),
        "3.3 guide images / without alt": guide,
        "3.3 guide outline": GUIDE_OUTLINE,
        "3.3 members": members,
        "3.3 poster (mm)": poster,
        "3.4 loop.py prints": _run_python(LOOP_PROGRAM),
        "3.4 average.py prints": _run_python(AVERAGE_PROGRAM),
        "3.4 correct average": sum([12, 15, 9, 18, 11]) / 5,
        "3.4 race-filter.py prints": _run_python(RACE_PROGRAM, {"3.4-race-times.csv": race_csv_bytes()}),
    }


if __name__ == "__main__":
    here = pathlib.Path(__file__).resolve().parent.parent / "attachments"
    for name in generate(here):
        print(name)
