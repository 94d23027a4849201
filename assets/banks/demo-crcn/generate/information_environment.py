"""Attachments of the items of competences 1.1, 1.2, 1.3 (information and data), 5.1 and 5.2
(digital environment).

Every file is made here, deterministically (fixed seeds, fixed dates, invariant PDFs, fixed zip
timestamps), so the bank can be rebuilt and reviewed. Run it as a script to (re)write the files
into the sibling ``attachments/`` folder:

    python generate/information_environment.py

French and English candidates open the same files: documents are bilingual (French first, then
English) and data files use bilingual headers such as "Ville / City".
"""

from __future__ import annotations

import datetime as dt
import email.utils
import pathlib
import random
import zipfile
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from itembank.authoring.csvfile import write_csv

ZIP_TIME = (2026, 1, 12, 9, 0, 0)


# -- generic writers ------------------------------------------------------------------------------
def _text(path: pathlib.Path, text: str, bom: bool = False) -> None:
    data = text.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def _csv(path: pathlib.Path, header: list[str], rows: list[list]) -> None:
    write_csv(path, header, rows)


def _zip(path: pathlib.Path, members: list[tuple[str, str | bytes]], stored_first: bool = False) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for index, (name, data) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if (stored_first and index == 0) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontSize=17, leading=21),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontSize=12.5, leading=16, spaceBefore=10),
        "p": ParagraphStyle("p", parent=base["Normal"], fontSize=10.5, leading=14, spaceAfter=6),
        "meta": ParagraphStyle("m", parent=base["Normal"], fontSize=9, leading=12, textColor=colors.grey,
                               spaceAfter=4),
        "cell": ParagraphStyle("c", parent=base["Normal"], fontSize=9.5, leading=12),
    }


def _pdf(path: pathlib.Path, story: list, title: str, author: str) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=title, author=author,
                            leftMargin=2.2 * cm, rightMargin=2.2 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    doc.build(story)


def _table(data: list[list], widths: list[float], header: bool = True) -> Table:
    s = _styles()["cell"]
    table = Table([[Paragraph(str(c), s) for c in row] for row in data], colWidths=[w * cm for w in widths])
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")))
    table.setStyle(TableStyle(style))
    return table


# -- 1.1 Search and monitor information -----------------------------------------------------------
# The report extract: weeknight sleep by age group (% of each group); the "all" column is the
# weighted mix of both groups, rounded.
SLEEP_TABLE = [
    ("moins de 6 h / under 6 h", 7, 18, 12),
    ("6 h à 7 h / 6 to 7 h", 21, 32, 26),
    ("7 h à 8 h / 7 to 8 h", 38, 33, 36),
    ("8 h et plus / 8 h or more", 34, 17, 26),
]
SCREEN_IN_BED = (38, 61, 48)


def press_review_pdf(out: pathlib.Path) -> str:
    name = "1.1-press-review.pdf"
    s = _styles()
    story: list = []

    def article(title: str, meta: str, text: str) -> None:
        story.extend([Paragraph(title, s["h"]), Paragraph(meta, s["meta"]), Paragraph(text, s["p"])])

    story += [Paragraph("Revue de presse — Écrans et sommeil des adolescents", s["title"]),
              Paragraph("Trois publications relevées le 16 février 2026. (English version on page 2.)", s["meta"])]
    article("Article 1 — Blog « Santé Zen »",
            "Publié sur santezen-blog.example — auteur et date non indiqués",
            "Une étude récente le prouve : les écrans détruisent le sommeil des jeunes. Les experts sont "
            "formels, il faut interdire les téléphones dans les chambres. Partagez cet article pour alerter "
            "les parents !")
    article("Article 2 — Journal Horizon Ouest",
            "Par Claire Martin — publié le 12 février 2026",
            "Selon l'enquête « Sommeil des 11-17 ans 2025 » de l'Observatoire du sommeil des jeunes (OSJ), "
            "publiée le 3 février 2026 et menée auprès de 4 812 jeunes, 18 % des 15-17 ans dorment moins de "
            "6 heures les soirs de semaine. Le rapport complet est en ligne : osj.example/enquete-2025 "
            "(tableau 1, page 4).")
    article("Article 3 — Publication sur un réseau social (compte @InfoChoc)",
            "14 février 2026 — 25 000 partages",
            "URGENT : la MOITIÉ des ados dorment moins de 6 h par nuit à cause des écrans !!! "
            "Source : Observatoire du sommeil.")
    story.append(PageBreak())
    story += [Paragraph("Press review — Screens and teenagers' sleep", s["title"]),
              Paragraph("Three publications collected on 16 February 2026. (Version française en page 1.)",
                        s["meta"])]
    article("Article 1 — \"Zen Health\" blog",
            "Published on santezen-blog.example — no author, no date",
            "A recent study proves it: screens are destroying young people's sleep. Experts are adamant, "
            "phones must be banned from bedrooms. Share this article to warn parents!")
    article("Article 2 — Horizon West Journal",
            "By Claire Martin — published on 12 February 2026",
            "According to the survey \"Sleep of 11-17-year-olds 2025\" by the Youth Sleep Observatory (OSJ), "
            "published on 3 February 2026 and carried out among 4,812 young people, 18% of 15-17-year-olds "
            "sleep less than 6 hours on weeknights. The full report is online: osj.example/enquete-2025 "
            "(table 1, page 4).")
    article("Article 3 — Social network post (account @InfoChoc)",
            "14 February 2026 — 25,000 shares",
            "URGENT: HALF of teens sleep less than 6 hours a night because of screens!!! "
            "Source: Sleep Observatory.")
    story.append(PageBreak())
    story += [Paragraph("Extrait du rapport original / Extract from the original report", s["title"]),
              Paragraph("Observatoire du sommeil des jeunes (OSJ) / Youth Sleep Observatory — enquête « Sommeil "
                        "des 11-17 ans 2025 » / survey \"Sleep of 11-17-year-olds 2025\", page 4", s["p"]),
              Paragraph("Échantillon / Sample: 4 812 jeunes de 11 à 17 ans / young people aged 11 to 17, "
                        "octobre-novembre 2025 / October-November 2025. Publié le 3 février 2026 / "
                        "Published on 3 February 2026.", s["meta"]),
              Paragraph("Tableau 1 — Durée de sommeil les soirs de semaine (en % de chaque groupe) / "
                        "Table 1 — Sleep duration on weeknights (% of each group)", s["h"])]
    rows = [["Durée / Duration", "11-14 ans / years", "15-17 ans / years", "Ensemble 11-17 ans / All 11-17"]]
    rows += [[label, f"{a} %", f"{b} %", f"{c} %"] for label, a, b, c in SLEEP_TABLE]
    rows.append(["Total", "100 %", "100 %", "100 %"])
    story.append(_table(rows, [5.0, 3.4, 3.4, 4.4]))
    story += [Spacer(1, 0.4 * cm),
              Paragraph("Tableau 2 — Usage d'un écran au lit après 22 h (en % de chaque groupe) / "
                        "Table 2 — Use of a screen in bed after 10 pm (% of each group)", s["h"])]
    a, b, c = SCREEN_IN_BED
    story.append(_table([["", "11-14 ans / years", "15-17 ans / years", "Ensemble 11-17 ans / All 11-17"],
                         ["Au moins 3 soirs par semaine / At least 3 evenings a week", f"{a} %", f"{b} %",
                          f"{c} %"]], [5.0, 3.4, 3.4, 4.4]))
    _pdf(out / name, story, "Revue de presse / Press review", "Médiathèque de Valbourg")
    return name


PHOTO_DATE = "2019:11:23 16:05:42"
PHOTO_MAKE, PHOTO_MODEL = "FUJIFILM", "X-T30"


def flood_photo_jpg(out: pathlib.Path) -> str:
    """A street under water at dusk; its EXIF metadata give the real shooting date and camera."""
    name = "1.1-flood-photo.jpg"
    width, height = 960, 640
    rng = np.random.default_rng(1101)
    y = np.linspace(0, 1, height)[:, None]
    sky = np.stack([120 + 90 * y, 130 + 70 * y, 150 + 40 * y], axis=-1) * np.ones((height, width, 1))
    image = Image.fromarray(np.clip(sky, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    horizon = 390
    x = 0
    shades = [(70, 66, 72), (88, 80, 84), (60, 58, 66), (96, 90, 92)]
    while x < width:  # buildings
        w = int(rng.integers(70, 150))
        top = int(rng.integers(150, 300))
        draw.rectangle([x, top, x + w, horizon], fill=shades[int(rng.integers(0, 4))])
        for wx in range(x + 12, x + w - 14, 24):  # windows
            for wy in range(top + 14, horizon - 30, 30):
                lit = rng.random() < 0.35
                draw.rectangle([wx, wy, wx + 10, wy + 14], fill=(235, 205, 120) if lit else (45, 45, 55))
        x += w + int(rng.integers(0, 12))
    draw.rectangle([0, horizon, width, height], fill=(92, 84, 70))  # muddy water
    reflection = image.crop((0, horizon - (height - horizon), width, horizon)).transpose(Image.FLIP_TOP_BOTTOM)
    reflection = reflection.filter(ImageFilter.GaussianBlur(3))
    water = Image.blend(reflection, Image.new("RGB", reflection.size, (92, 84, 70)), 0.55)
    image.paste(water, (0, horizon))
    arr = np.asarray(image).astype(np.int16)
    ripples = (8 * np.sin(np.arange(height)[:, None] / 3.0) * (np.arange(height)[:, None] > horizon))
    noise = rng.normal(0, 6, arr.shape)
    arr = np.clip(arr + ripples[..., None] + noise, 0, 255).astype(np.uint8)
    image = Image.fromarray(arr)
    exif = Image.Exif()
    exif[0x010F] = PHOTO_MAKE
    exif[0x0110] = PHOTO_MODEL
    exif[0x0132] = PHOTO_DATE
    exif[0x0131] = "Digital Camera X-T30 Ver2.00"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = PHOTO_DATE  # date taken
    sub[0x9004] = PHOTO_DATE  # date digitised
    image.save(out / name, format="JPEG", quality=88, exif=exif.tobytes())
    return name


FEED_ITEMS = [  # (date, category, French title, English title)
    (dt.date(2026, 4, 2), "Cloud", "Stockage en ligne : les nouveaux tarifs du printemps",
     "Online storage: the new spring prices"),
    (dt.date(2026, 3, 30), "Cloud", "Synchroniser ses dossiers sans saturer sa connexion",
     "Syncing your folders without saturating your connection"),
    (dt.date(2026, 3, 26), "Mobile", "Cinq réglages pour allonger l'autonomie d'un smartphone",
     "Five settings to make a smartphone battery last longer"),
    (dt.date(2026, 3, 23), "Cloud", "Partager un dossier en ligne avec une date d'expiration",
     "Sharing an online folder with an expiry date"),
    (dt.date(2026, 3, 18), "Sécurité / Security", "Mots de passe du cloud : activer la double authentification",
     "Cloud passwords: turning on two-factor authentication"),
    (dt.date(2026, 3, 16), "IA / AI", "Vérifier une image générée par une IA",
     "Checking an AI-generated image"),
    (dt.date(2026, 3, 12), "Cloud", "Récupérer un fichier supprimé dans la corbeille en ligne",
     "Recovering a deleted file from the online recycle bin"),
    (dt.date(2026, 3, 9), "Mobile", "Sauvegarder les photos de son téléphone",
     "Backing up the photos on your phone"),
    (dt.date(2026, 3, 4), "Sécurité / Security", "Reconnaître un faux site de livraison",
     "Spotting a fake delivery website"),
    (dt.date(2026, 3, 2), "Cloud", "Bureautique en ligne : travailler hors connexion",
     "Online office suites: working offline"),
    (dt.date(2026, 2, 27), "Cloud", "Quelle capacité de stockage en ligne choisir ?",
     "How much online storage do you need?"),
    (dt.date(2026, 2, 24), "IA / AI", "Résumer un long document : précautions",
     "Summarising a long document: precautions"),
    (dt.date(2026, 2, 19), "Cloud", "Migrer ses fichiers d'un service de stockage à un autre",
     "Moving your files from one storage service to another"),
    (dt.date(2026, 2, 16), "Mobile", "Libérer de l'espace sur un téléphone plein",
     "Freeing space on a full phone"),
]


def news_feed_xml(out: pathlib.Path) -> str:
    name = "1.1-news-feed.xml"
    items = []
    for number, (day, category, fr, en) in enumerate(FEED_ITEMS):
        stamp = dt.datetime(day.year, day.month, day.day, 7, 30, tzinfo=dt.UTC)
        items.append(
            "    <item>\n"
            f"      <title>{escape(fr)} / {escape(en)}</title>\n"
            f"      <link>https://veille.valbourg.example/articles/{day.isoformat()}-{number:02d}</link>\n"
            f"      <guid>https://veille.valbourg.example/articles/{day.isoformat()}-{number:02d}</guid>\n"
            f"      <pubDate>{email.utils.format_datetime(stamp, usegmt=True)}</pubDate>\n"
            f"      <category>{escape(category)}</category>\n"
            "    </item>")
    last = dt.datetime(2026, 4, 2, 7, 30, tzinfo=dt.UTC)
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0">\n'
        "  <channel>\n"
        "    <title>Veille numérique — Médiathèque de Valbourg / Digital watch — Valbourg library</title>\n"
        "    <link>https://veille.valbourg.example/</link>\n"
        "    <description>Articles pratiques sur les outils numériques / Practical articles about digital "
        "tools</description>\n"
        "    <language>fr</language>\n"
        f"    <lastBuildDate>{email.utils.format_datetime(last, usegmt=True)}</lastBuildDate>\n"
        + "\n".join(items) + "\n"
        "  </channel>\n"
        "</rss>\n"
    )
    (out / name).write_bytes(text.encode("utf-8"))
    return name


# -- 1.2 Manage data ------------------------------------------------------------------------------
# The Club folder as nested (name, children) pairs; a file has children None. Files of a folder are
# listed before its subfolders, as the Windows "tree /F" command does.
CLUB_TREE = ("Club", [
    ("README.txt", None),
    ("Archives", [
        ("2024", [("2024-06-15_affiche-tournoi.png", None), ("2024-06-15_resultats.pdf", None)]),
        ("2025", [("2025-06-14_affiche-tournoi.png", None), ("2025-06-14_resultats.pdf", None)]),
    ]),
    ("Budget", [
        ("2025", [("2025-01-15_budget.ods", None), ("2025-12-31_bilan-annuel.pdf", None)]),
        ("2026", [("2026-01-20_budget.ods", None), ("2026-02-03_facture-sponsor.pdf", None),
                  ("2026-02-28_recus-buvette.pdf", None)]),
    ]),
    ("Communication", [
        ("logo-club.png", None),
        ("Affiches", [("2026-02-14_affiche-tournoi.png", None), ("2026-03-01_affiche-gala.webp", None)]),
        ("Newsletter", [("2026-01-10_newsletter-janvier.docx", None), ("2026-02-10_newsletter-fevrier.docx", None)]),
    ]),
    ("Membres", [("2026-01-05_liste-membres.csv", None), ("2026-01-05_liste-membres.ods", None)]),
    ("Photos", [
        ("2025-06-14_tournoi", [("IMG_2041.JPG", None), ("IMG_2042.JPG", None), ("IMG_2043.HEIC", None),
                                ("video-finale.mp4", None)]),
        ("2025-09-07_forum", [("forum-01.jpg", None), ("forum-02.jpg", None), ("stand.gif", None)]),
    ]),
])
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic"}


def _tree_lines(children: list, prefix: str) -> list[str]:
    files = [c for c in children if c[1] is None]
    folders = [c for c in children if c[1] is not None]
    lines = []
    bar = "│   " if folders else "    "
    for file_name, _ in files:
        lines.append(f"{prefix}{bar}{file_name}")
    if files:
        lines.append(f"{prefix}{bar}")
    for index, (folder, sub) in enumerate(folders):
        last = index == len(folders) - 1
        lines.append(f"{prefix}{'└───' if last else '├───'}{folder}")
        lines.extend(_tree_lines(sub, prefix + ("    " if last else "│   ")))
    return lines


def folder_tree_txt(out: pathlib.Path) -> str:
    name = "1.2-folder-tree.txt"
    header = [
        "Arborescence du dossier Club, obtenue avec la commande « tree /F »",
        "Folder tree of the Club folder, produced by the command \"tree /F\"",
        "",
        r"C:\Users\lea\Documents\Club",
    ]
    _text(out / name, "\n".join(header + _tree_lines(CLUB_TREE[1], "")) + "\n")
    return name


def naming_rules_pdf(out: pathlib.Path) -> str:
    name = "1.2-naming-rules.pdf"
    s = _styles()
    fr = [
        "Chaque nom commence par la date du document au format <b>AAAA-MM-JJ</b> (année-mois-jour), "
        "par exemple 2026-01-20.",
        "La date est suivie d'un tiret bas <b>_</b>, puis du sujet du document.",
        "Le sujet est écrit <b>en minuscules</b>, <b>sans accents ni espaces</b> ; les mots sont séparés par "
        "des tirets <b>-</b>.",
        "Pour une nouvelle version d'un document déjà classé, ajoutez <b>_v2</b>, <b>_v3</b>… juste avant "
        "l'extension.",
        "N'écrivez jamais « final », « copie » ou « nouveau » dans un nom.",
    ]
    en = [
        "Every name starts with the document's date in <b>YYYY-MM-DD</b> format (year-month-day), "
        "for example 2026-01-20.",
        "The date is followed by an underscore <b>_</b>, then the subject of the document.",
        "The subject is written <b>in lowercase</b>, <b>without accents or spaces</b>; words are separated by "
        "hyphens <b>-</b>.",
        "For a new version of a document already filed, add <b>_v2</b>, <b>_v3</b>… just before the "
        "extension.",
        "Never write \"final\", \"copy\" or \"new\" in a name.",
    ]
    story = [Paragraph("Club sportif de Valbourg — Règles de nommage des fichiers", s["title"]),
             Paragraph("Valbourg sports club — File naming rules", s["h"]),
             Paragraph("À appliquer à tous les fichiers du dossier partagé « Club ». / To be applied to every "
                       "file of the shared \"Club\" folder.", s["meta"]),
             Paragraph("Règles", s["h"])]
    story += [Paragraph(f"{i}. {rule}", s["p"]) for i, rule in enumerate(fr, 1)]
    story += [Paragraph("Exemples : 2026-01-20_budget.ods — 2026-02-03_facture-sponsor.pdf — "
                        "2026-02-10_newsletter-fevrier_v2.docx", s["meta"]),
              Paragraph("Rules", s["h"])]
    story += [Paragraph(f"{i}. {rule}", s["p"]) for i, rule in enumerate(en, 1)]
    story.append(Paragraph("Examples: 2026-01-20_budget.ods — 2026-02-03_sponsor-invoice.pdf — "
                           "2026-02-10_newsletter-february_v2.docx", s["meta"]))
    _pdf(out / name, story, "Règles de nommage / Naming rules", "Club sportif de Valbourg")
    return name


REPORT_AUTHOR, REPORT_EDITOR = "Nadia Benali", "Thomas Girard"
REPORT_CREATED, REPORT_MODIFIED = "2024-11-18T09:30:00Z", "2026-02-02T17:45:00Z"


def meeting_report_docx(out: pathlib.Path) -> str:
    """Minutes whose author and creation date are only in the document properties."""
    name = "1.2-meeting-report.docx"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def para(text: str, bold: bool = False, size: int | None = None) -> str:
        props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = "".join([
        para("Compte rendu de l'assemblée générale / Minutes of the general meeting", bold=True, size=32),
        para("Assemblée générale du samedi 16 novembre, salle polyvalente. / General meeting held on "
             "Saturday 16 November, community hall."),
        para("Présents : 23 membres. / Present: 23 members."),
        para("1. Budget de l'année écoulée : approuvé à l'unanimité. / Budget of the past year: approved "
             "unanimously."),
        para("2. Tournoi de juin : inscriptions ouvertes en mars, buvette tenue par les bénévoles. / June "
             "tournament: registrations open in March, bar run by volunteers."),
        para("3. Élection du bureau : le bureau sortant est réélu. / Board election: the outgoing board is "
             "re-elected."),
        para("Prochaine réunion : en février. / Next meeting: in February."),
    ])
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" '
        'w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Compte rendu AG / General meeting minutes</dc:title>"
        "<dc:subject>Assemblée générale / General meeting</dc:subject>"
        f"<dc:creator>{REPORT_AUTHOR}</dc:creator>"
        "<cp:keywords>assemblée générale; budget; tournoi</cp:keywords>"
        f"<cp:lastModifiedBy>{REPORT_EDITOR}</cp:lastModifiedBy><cp:revision>4</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{REPORT_CREATED}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{REPORT_MODIFIED}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Office Word</Application><Pages>1</Pages></Properties>"
    )
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    off = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{rels_ns}">'
        f'<Relationship Id="rId1" Type="{off}/officeDocument" Target="word/document.xml"/>'
        f'<Relationship Id="rId2" Type="{rels_ns}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{off}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    doc_rels = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{rels_ns}"/>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    _zip(out / name, [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                      ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                      ("docProps/core.xml", core), ("docProps/app.xml", app)])
    return name


# -- 1.3 Process data -----------------------------------------------------------------------------
SELLERS = [("Inès", "Lille"), ("Hugo", "Lille"), ("Marc", "Lyon"), ("Zoé", "Nantes"), ("Paul", "Toulouse")]
PRICES = {"Webcam": 45, "Modem": 79, "Scanner": 129, "Smartphone": 289}


def sales_rows() -> list[list]:
    """48 sales of 2025, sorted by date: date, city, seller, product, quantity, unit price."""
    rng = random.Random(1303)
    rows = []
    start = dt.date(2025, 1, 1)
    days = sorted(rng.sample(range(365), 48))
    for day in days:
        seller, city = SELLERS[rng.randrange(len(SELLERS))]
        product = rng.choice(list(PRICES))
        cheap = PRICES[product] < 100
        quantity = rng.randint(4, 25) if cheap else rng.randint(1, 9)
        rows.append([(start + dt.timedelta(days=day)).isoformat(), city, seller, product, quantity,
                     PRICES[product]])
    return rows


def sales_csv(out: pathlib.Path) -> str:
    name = "1.3-sales-2025.csv"
    header = ["Date", "Ville / City", "Vendeur / Seller", "Produit / Product", "Quantité / Quantity",
              "Prix unitaire (€) / Unit price (€)"]
    _csv(out / name, header, sales_rows())
    return name


GRADES = [  # student, maths, French, history (marks out of 20)
    ("Adam", 12, 9, 11), ("Chloé", 8, 11, 9), ("Emma", 15, 14, 16), ("Gabriel", 7, 8, 10),
    ("Inès", 11, 13, 12), ("Jade", 9, 10, 10), ("Jules", 13, 8, 8), ("Léa", 16, 17, 15),
    ("Lina", 10, 9, 11), ("Louis", 6, 12, 9), ("Lucas", 14, 11, 13), ("Maël", 9, 9, 11),
    ("Manon", 12, 15, 14), ("Nathan", 11, 7, 9), ("Nina", 18, 15, 17), ("Noah", 8, 10, 13),
    ("Rose", 10, 12, 7), ("Sacha", 13, 14, 12), ("Sarah", 9, 8, 9), ("Théo", 17, 16, 14),
    ("Tom", 5, 9, 8), ("Yanis", 12, 10, 9), ("Zoé", 14, 13, 15), ("Malik", 11, 11, 8),
]


def grades_ods(out: pathlib.Path) -> str:
    name = "1.3-grades.ods"
    header = ["Élève / Student", "Maths", "Français / French", "Histoire / History"]

    def cell(value) -> str:
        if isinstance(value, int):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
                "</table:table-cell>")

    head = "".join(f'<table:table-cell table:style-name="ceHead" office:value-type="string">'
                   f"<text:p>{escape(h)}</text:p></table:table-cell>" for h in header)
    rows = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in GRADES)
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        "<office:automatic-styles>"
        '<style:style style:name="co0" style:family="table-column">'
        '<style:table-column-properties style:column-width="3.6cm"/></style:style>'
        '<style:style style:name="co1" style:family="table-column">'
        '<style:table-column-properties style:column-width="3.4cm"/></style:style>'
        '<style:style style:name="ceHead" style:family="table-cell">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles>"
        '<office:body><office:spreadsheet><table:table table:name="Notes - Marks">'
        '<table:table-column table:style-name="co0"/>'
        '<table:table-column table:style-name="co1" table:number-columns-repeated="3"/>'
        f"<table:table-row>{head}</table:table-row>{rows}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns} office:version="1.2"><office:meta>'
        "<dc:title>Notes du trimestre / Term marks</dc:title>"
        "<meta:creation-date>2026-01-09T10:00:00</meta:creation-date>"
        "</office:meta></office:document-meta>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns} office:version="1.2">'
        "<office:styles/></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    _zip(out / name, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content),
                      ("styles.xml", styles), ("meta.xml", meta), ("META-INF/manifest.xml", manifest)],
         stored_first=True)
    return name


def misleading_chart_png(out: pathlib.Path) -> str:
    """Two bars on an axis that starts at 90 %: a 2-point rise looks like a tripling."""
    name = "1.3-misleading-chart.png"
    fig, ax = plt.subplots(figsize=(6, 4.2), dpi=100)
    ax.bar(["2024", "2025"], [91, 93], color="#4a6fa5", width=0.55)
    ax.set_ylim(90, 94)
    ax.set_yticks([90, 91, 92, 93, 94])
    ax.set_yticklabels([f"{v} %" for v in (90, 91, 92, 93, 94)])
    ax.set_title("Taux de satisfaction des clients / Customer satisfaction rate")
    for x, v in enumerate([91, 93]):
        ax.text(x, v + 0.08, f"{v} %", ha="center", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(out / name, metadata={"Software": None})
    plt.close(fig)
    return name


VISITS_2025 = [412, 388, 465, 430, 502, 478, 295, 240, 455, 520, 489, 361]
VISITS_TARGET = 450


def visits_chart_png(out: pathlib.Path) -> str:
    """Monthly visits of a library in 2025, each bar labelled with its value, and a target line."""
    name = "1.3-visits-chart.png"
    fig, ax = plt.subplots(figsize=(9, 4.8), dpi=100)
    months = [str(m) for m in range(1, 13)]
    ax.bar(months, VISITS_2025, color="#7a9cc6", edgecolor="#2f4a6d", width=0.65)
    for x, v in enumerate(VISITS_2025):
        ax.text(x, v + 8, str(v), ha="center", fontsize=9.5, zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.axhline(VISITS_TARGET, color="black", linestyle="--", linewidth=1.2, zorder=3,
               label=f"Objectif mensuel / Monthly target : {VISITS_TARGET}")
    ax.legend(loc="upper left", frameon=False, fontsize=9.5)
    ax.set_ylim(0, 600)
    ax.set_xlabel("Mois de 2025 / Month of 2025")
    ax.set_ylabel("Visites / Visits")
    ax.set_title("Médiathèque de Valbourg — visites par mois / visits per month")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(out / name, metadata={"Software": None})
    plt.close(fig)
    return name


# -- 5.1 Solve technical problems -----------------------------------------------------------------
def printer_status_pdf(out: pathlib.Path) -> str:
    name = "5.1-printer-status.pdf"
    s = _styles()
    story = [
        Paragraph("Impria LX-450 — Page de configuration / Configuration page", s["title"]),
        Paragraph("Imprimée le / Printed on 2026-03-10 08:42 — Numéro de série / Serial number: "
                  "IMP4507731", s["meta"]),
        Paragraph("Informations générales / General information", s["h"]),
        _table([["Élément / Item", "Valeur / Value"],
                ["Modèle / Model", "Impria LX-450 (couleur / colour)"],
                ["Micrologiciel / Firmware", "3.12.4 (2025-11-20)"],
                ["Pages imprimées / Pages printed", "12 418"],
                ["Bac 1 / Tray 1", "Prêt, A4 / Ready, A4"],
                ["Bac 2 / Tray 2", "Vide / Empty"]], [7.0, 9.0]),
        Paragraph("Réseau / Network", s["h"]),
        _table([["Paramètre / Setting", "Valeur / Value"],
                ["État réseau filaire / Wired network status", "Connecté, 1 Gbit/s / Connected, 1 Gbit/s"],
                ["Nom d'hôte / Host name", "IMPRIA-ACCUEIL"],
                ["Configuration IPv4 / IPv4 configuration", "DHCP"],
                ["Adresse IPv4 / IPv4 address", "192.168.1.47"],
                ["Masque de sous-réseau / Subnet mask", "255.255.255.0"],
                ["Passerelle par défaut / Default gateway", "192.168.1.1"],
                ["Serveur DNS / DNS server", "192.168.1.1"],
                ["Adresse MAC / MAC address", "00:1B:A9:4C:72:E5"],
                ["Wi-Fi Direct (connexion directe, hors réseau / direct link, outside the network)",
                 "Activé / On — DIRECT-47-Impria, 192.168.223.1"]], [7.0, 9.0]),
        Paragraph("Consommables / Supplies", s["h"]),
        _table([["Cartouche / Cartridge", "Niveau / Level", "État / Status"],
                ["Noir / Black", "64 %", "OK"],
                ["Cyan", "41 %", "OK"],
                ["Magenta", "6 %", "Très bas, à remplacer / Very low, replace"],
                ["Jaune / Yellow", "23 %", "OK"],
                ["Tambour / Drum", "72 %", "OK"]], [5.5, 3.5, 7.0]),
    ]
    _pdf(out / name, story, "Impria LX-450 — configuration", "Impria")
    return name


def ipconfig_txt(out: pathlib.Path) -> str:
    name = "5.1-ipconfig.txt"
    fr = r"""=== Résultat de « ipconfig /all » (Windows en français) ===

Configuration IP de Windows

   Nom de l'hôte . . . . . . . . . . : ACCUEIL-02
   Suffixe DNS principal . . . . . . :
   Type de noeud. . . . . . . . . .  : Hybride
   Routage IP activé . . . . . . . . : Non
   Proxy WINS activé . . . . . . . . : Non

Carte Ethernet Ethernet :

   Statut du média. . . . . . . . . . . . : Média déconnecté
   Suffixe DNS propre à la connexion. . . :
   Description. . . . . . . . . . . . . . : Intel(R) Ethernet Connection I219-V
   Adresse physique . . . . . . . . . . . : 8C-16-45-2A-7E-01
   DHCP activé. . . . . . . . . . . . . . : Oui
   Configuration automatique activée. . . : Oui

Carte réseau sans fil Wi-Fi :

   Suffixe DNS propre à la connexion. . . :
   Description. . . . . . . . . . . . . . : Intel(R) Wi-Fi 6 AX201 160MHz
   Adresse physique . . . . . . . . . . . : 3C-58-C2-91-0B-4D
   DHCP activé. . . . . . . . . . . . . . : Oui
   Configuration automatique activée. . . : Oui
   Adresse IPv6 de liaison locale. . . . .: fe80::9d2a:41c7:5e3b:12f0%14(préféré)
   Adresse IPv4 de configuration automatique: 169.254.83.12(préféré)
   Masque de sous-réseau. . . . . . . . . : 255.255.0.0
   Passerelle par défaut. . . . . . . . . :
   IAID DHCPv6 . . . . . . . . . . . : 87840962
   Serveurs DNS. . .  . . . . . . . . . . : fec0:0:0:ffff::1%1
                                       fec0:0:0:ffff::2%1
                                       fec0:0:0:ffff::3%1
   NetBIOS sur Tcpip. . . . . . . . . . . : Activé
"""
    en = r"""=== Output of "ipconfig /all" (Windows in English) ===

Windows IP Configuration

   Host Name . . . . . . . . . . . . : ACCUEIL-02
   Primary Dns Suffix  . . . . . . . :
   Node Type . . . . . . . . . . . . : Hybrid
   IP Routing Enabled. . . . . . . . : No
   WINS Proxy Enabled. . . . . . . . : No

Ethernet adapter Ethernet:

   Media State . . . . . . . . . . . : Media disconnected
   Connection-specific DNS Suffix  . :
   Description . . . . . . . . . . . : Intel(R) Ethernet Connection I219-V
   Physical Address. . . . . . . . . : 8C-16-45-2A-7E-01
   DHCP Enabled. . . . . . . . . . . : Yes
   Autoconfiguration Enabled . . . . : Yes

Wireless LAN adapter Wi-Fi:

   Connection-specific DNS Suffix  . :
   Description . . . . . . . . . . . : Intel(R) Wi-Fi 6 AX201 160MHz
   Physical Address. . . . . . . . . : 3C-58-C2-91-0B-4D
   DHCP Enabled. . . . . . . . . . . : Yes
   Autoconfiguration Enabled . . . . : Yes
   Link-local IPv6 Address . . . . . : fe80::9d2a:41c7:5e3b:12f0%14(Preferred)
   Autoconfiguration IPv4 Address. . : 169.254.83.12(Preferred)
   Subnet Mask . . . . . . . . . . . : 255.255.0.0
   Default Gateway . . . . . . . . . :
   DHCPv6 IAID . . . . . . . . . . . : 87840962
   DNS Servers . . . . . . . . . . . : fec0:0:0:ffff::1%1
                                       fec0:0:0:ffff::2%1
                                       fec0:0:0:ffff::3%1
   NetBIOS over Tcpip. . . . . . . . : Enabled
"""
    _text(out / name, fr + "\n\n" + en)
    return name


# One night of the backup job: (date, status, extra lines). Statuses: success, warning, failed.
BACKUP_NIGHTS = [
    (dt.date(2026, 3, 2), "success", []),
    (dt.date(2026, 3, 3), "failed", [
        ("ERROR", r"0x80070035 Chemin réseau introuvable / The network path was not found: \\NAS-BUREAU\Documents")]),
    (dt.date(2026, 3, 4), "success", []),
    (dt.date(2026, 3, 5), "warning", [
        ("WARN", "Espace faible sur E: (8 % libre) / Low disk space on E: (8% free)"),
        ("WARN", "3 fichiers ignorés (en cours d'utilisation) / 3 files skipped (in use)")]),
    (dt.date(2026, 3, 6), "failed", [
        ("ERROR", "0x80070070 Espace insuffisant sur le disque E: / There is not enough space on the disk E:")]),
    (dt.date(2026, 3, 7), "failed", [
        ("ERROR", "0x80070070 Espace insuffisant sur le disque E: / There is not enough space on the disk E:")]),
    (dt.date(2026, 3, 8), "success", [
        ("INFO", "38 anciennes sauvegardes supprimées / 38 old backups deleted (rétention / retention: 30 jours / "
                 "days)")]),
]
STATUS_TEXT = {"success": ("RÉUSSITE", "SUCCESS"), "warning": ("AVERTISSEMENT", "WARNING"),
               "failed": ("ÉCHEC", "FAILED")}


def backup_log(out: pathlib.Path) -> str:
    name = "5.1-backup-job.log"
    rng = random.Random(5101)
    lines = []
    for day, status, extra in BACKUP_NIGHTS:
        d = day.isoformat()
        lines.append(f"{d} 23:00:0{rng.randint(1, 4)} INFO  Tâche « Documents » démarrée / Job \"Documents\" started")
        lines.append(f"{d} 23:00:06 INFO  Source : \\\\NAS-BUREAU\\Documents — Destination : E:\\Sauvegardes")
        minute = 0
        if status == "failed" and extra[0][1].startswith("0x80070035"):
            lines.append(f"{d} 23:00:36 {extra[0][0]:<5} {extra[0][1]}")
        else:
            copied = rng.randint(90, 420)
            for level, text in extra:
                minute += rng.randint(2, 9)
                lines.append(f"{d} 23:{minute:02d}:{rng.randint(10, 59)} {level:<5} {text}")
            if status != "failed":
                minute += rng.randint(5, 15)
                lines.append(f"{d} 23:{minute:02d}:{rng.randint(10, 59)} INFO  {copied} fichiers copiés / "
                             f"{copied} files copied")
        minute += 1
        fr, en = STATUS_TEXT[status]
        lines.append(f"{d} 23:{minute:02d}:{rng.randint(10, 59)} INFO  Tâche terminée — état : {fr} / "
                     f"Job finished — status: {en}")
    _text(out / name, "\n".join(lines) + "\n")
    return name


PROCESSES = [  # name, memory in MB (one entry per process)
    ("System", 4), ("Registry", 62), ("smss.exe", 1), ("csrss.exe", 5), ("wininit.exe", 6),
    ("services.exe", 10), ("lsass.exe", 18), ("svchost.exe", 34), ("svchost.exe", 21), ("svchost.exe", 57),
    ("svchost.exe", 12), ("svchost.exe", 44), ("svchost.exe", 9), ("dwm.exe", 142), ("explorer.exe", 168),
    ("MsMpEng.exe", 214), ("SearchHost.exe", 118), ("OneDrive.exe", 86), ("spoolsv.exe", 13),
    ("RuntimeBroker.exe", 27), ("gimp-2.10.exe", 1216), ("firefox.exe", 412), ("firefox.exe", 356),
    ("firefox.exe", 298), ("firefox.exe", 241), ("firefox.exe", 187), ("firefox.exe", 164),
    ("firefox.exe", 129), ("firefox.exe", 96), ("thunderbird.exe", 318), ("thunderbird.exe", 92),
    ("soffice.bin", 264), ("Taskmgr.exe", 48), ("audiodg.exe", 16),
]


def processes_csv(out: pathlib.Path) -> str:
    name = "5.1-processes.csv"
    rng = random.Random(5103)
    pids = rng.sample(range(600, 24000, 4), len(PROCESSES))
    rows = []
    for (process, memory), pid in zip(PROCESSES, pids, strict=True):
        cpu = 0 if memory < 20 else rng.randint(0, 3)
        if process == "gimp-2.10.exe":
            cpu = 2
        if process == "firefox.exe" and memory > 300:
            cpu = rng.randint(6, 14)
        rows.append([process, 4 if process == "System" else pid, cpu, memory])
    rows.sort(key=lambda r: r[0].lower())
    _csv(out / name, ["Nom / Name", "PID", "Processeur (%) / CPU (%)", "Mémoire (Mo) / Memory (MB)"], rows)
    return name


# -- 5.2 Work in a digital environment ------------------------------------------------------------
def backup_plan_pdf(out: pathlib.Path) -> str:
    name = "5.2-backup-plan.pdf"
    s = _styles()
    fr = [
        "Les dossiers des clients sont enregistrés sur le serveur de fichiers du cabinet (deux disques en "
        "miroir, RAID 1).",
        "Chaque nuit à 22 h, une copie complète des dossiers est faite sur un NAS installé dans la salle de "
        "réunion du cabinet.",
        "Chaque vendredi, une copie est écrite sur une cartouche magnétique (bande LTO). Les cartouches sont "
        "rangées dans l'armoire ignifugée du secrétariat, au rez-de-chaussée du cabinet.",
        "Une restauration d'essai est faite chaque trimestre ; la dernière a réussi le 6 janvier 2026.",
    ]
    en = [
        "Client files are stored on the firm's file server (two mirrored disks, RAID 1).",
        "Every night at 10 pm, a full copy of the files is made to a NAS installed in the firm's meeting room.",
        "Every Friday, a copy is written to a magnetic tape cartridge (LTO tape). The cartridges are kept in "
        "the fireproof cabinet of the front office, on the firm's ground floor.",
        "A test restore is carried out every quarter; the last one succeeded on 6 January 2026.",
    ]
    story = [Paragraph("Cabinet Duval — Organisation des sauvegardes", s["title"]),
             Paragraph("Document interne, mis à jour le 12 janvier 2026", s["meta"])]
    story += [Paragraph(f"• {t}", s["p"]) for t in fr]
    story += [Spacer(1, 0.6 * cm), Paragraph("Duval accounting firm — Backup organisation", s["title"]),
              Paragraph("Internal document, updated on 12 January 2026", s["meta"])]
    story += [Paragraph(f"• {t}", s["p"]) for t in en]
    _pdf(out / name, story, "Organisation des sauvegardes / Backup organisation", "Cabinet Duval")
    return name


def backup_history_csv(out: pathlib.Path) -> str:
    """Three weeks of nightly backups: full on Sundays, incremental on the other days."""
    name = "5.2-backup-history.csv"
    rng = random.Random(5202)
    rows = []
    day = dt.date(2026, 3, 1)
    while day <= dt.date(2026, 3, 21):
        full = day.weekday() == 6
        size = rng.randint(182000, 184000) if full else rng.randint(300, 2600)
        rows.append([day.isoformat(), "23:00", "Complète / Full" if full else "Incrémentielle / Incremental",
                     "OK", size])
        day += dt.timedelta(days=1)
    _csv(out / name, ["Date", "Heure / Time", "Type", "État / Status", "Taille (Mo) / Size (MB)"], rows)
    return name


def requirements_pdf(out: pathlib.Path) -> str:
    name = "5.2-requirements.pdf"
    s = _styles()
    story = [
        Paragraph("EduPlan 2026 — Configuration requise / System requirements", s["title"]),
        Paragraph("Logiciel de gestion des emplois du temps / Timetable management software — version 26.1",
                  s["meta"]),
        Spacer(1, 0.3 * cm),
        _table([["Élément / Item", "Minimum", "Recommandé / Recommended"],
                ["Système d'exploitation / Operating system",
                 "Windows 10 ou 11, 64 bits / 64-bit ; macOS 13 ou plus récent / or later",
                 "Windows 11, 64 bits / 64-bit ; macOS 14"],
                ["Processeur / Processor", "2 cœurs, 2 GHz / 2 cores, 2 GHz", "4 cœurs, 3 GHz / 4 cores, 3 GHz"],
                ["Mémoire vive (RAM) / Memory (RAM)", "8 Go / 8 GB", "16 Go / 16 GB"],
                ["Espace disque libre / Free disk space", "12 Go / 12 GB", "20 Go / 20 GB"],
                ["Écran / Display", "1366 × 768", "1920 × 1080"],
                ["Internet", "Pour l'activation / For activation", "Pour les mises à jour / For updates"]],
               [5.0, 6.0, 5.6]),
        Spacer(1, 0.4 * cm),
        Paragraph("Le programme d'installation vérifie la configuration minimale et refuse de s'installer si un "
                  "élément n'est pas satisfait. / The installer checks the minimum requirements and refuses to "
                  "install if any item is not met.", s["p"]),
    ]
    _pdf(out / name, story, "EduPlan 2026 — configuration requise / system requirements", "EduPlan")
    return name


def system_info_txt(out: pathlib.Path) -> str:
    name = "5.2-system-info.txt"
    lines = [
        "Informations système du poste / System information of the computer PC-SALLE-12",
        "",
        "Nom de l'hôte / Host Name:                         PC-SALLE-12",
        "Nom du système / OS Name:                          Microsoft Windows 11 Professionnel / Pro",
        "Version du système / OS Version:                   10.0.22631 Build 22631",
        "Type du système / System Type:                     x64-based PC (64 bits / 64-bit)",
        "Processeur / Processor:                            Intel(R) Core(TM) i5-1135G7 @ 2.40GHz, "
        "4 cœurs / cores, 8 threads",
        "Mémoire physique totale / Total Physical Memory:   8 192 Mo / MB",
        "Mémoire physique disponible / Available Physical Memory: 3 415 Mo / MB",
        "Mémoire virtuelle : taille maximale / Virtual Memory: Max Size: 13 056 Mo / MB",
        "Résolution de l'écran / Screen resolution:         1920 x 1080",
        "",
        "Disques / Drives",
        "  C: (NTFS, SSD)  Taille / Size: 237 Go / GB   Libre / Free: 9,6 Go / 9.6 GB",
        "  D: (USB, FAT32, clé amovible / removable stick)  Taille / Size: 29 Go / GB   "
        "Libre / Free: 27,1 Go / 27.1 GB",
        "",
        "Note : les logiciels s'installent sur le disque C: / Software is installed on drive C:",
    ]
    _text(out / name, "\n".join(lines) + "\n")
    return name


ACCOUNTS = [  # name, active, last logon
    ("Administrateur", False, "Jamais / Never"), ("Camille", True, "2026-03-09 08:12"),
    ("DefaultAccount", False, "Jamais / Never"), ("Hugo", True, "2026-03-06 17:40"),
    ("Invité", False, "Jamais / Never"), ("Léa", True, "2026-03-09 09:03"),
    ("Maintenance", True, "2026-02-27 14:21"), ("Sami", True, "2026-03-08 10:55"),
    ("WDAGUtilityAccount", False, "Jamais / Never"),
]
ADMINISTRATORS = ["Administrateur", "Camille", "Maintenance"]


def accounts_txt(out: pathlib.Path) -> str:
    name = "5.2-accounts.txt"
    rule = "-" * 79
    names = [a[0] for a in ACCOUNTS]
    grid = ["".join(f"{n:<26}" for n in names[i:i + 3]).rstrip() for i in range(0, len(names), 3)]
    lines = [
        "Poste / Computer ACCUEIL-01 — comptes locaux / local accounts — relevé du / exported on 2026-03-09",
        "",
        "C:\\> net user",
        "Comptes d'utilisateurs de \\\\ACCUEIL-01 / User accounts for \\\\ACCUEIL-01",
        rule, *grid,
        "La commande s'est terminée correctement. / The command completed successfully.",
        "",
        "C:\\> net localgroup Administrateurs",
        "Nom alias / Alias name     Administrateurs / Administrators",
        "Commentaire / Comment      Les membres du groupe Administrateurs disposent d'un accès complet et illimité "
        "à l'ordinateur / Administrators have complete and unrestricted access to the computer",
        "",
        "Membres / Members",
        rule, *ADMINISTRATORS,
        "La commande s'est terminée correctement. / The command completed successfully.",
        "",
        "État des comptes (net user <nom>) / Account status (net user <name>)",
        rule,
        f"{'Nom / Name':<22}{'Compte actif / Account active':<32}Dernière connexion / Last logon",
    ]
    lines += [f"{n:<22}{'Oui / Yes' if active else 'Non / No':<32}{last}" for n, active, last in ACCOUNTS]
    _text(out / name, "\n".join(lines) + "\n")
    return name


GENERATORS = [press_review_pdf, flood_photo_jpg, news_feed_xml, folder_tree_txt, naming_rules_pdf,
              meeting_report_docx, sales_csv, grades_ods, misleading_chart_png, visits_chart_png,
              printer_status_pdf, ipconfig_txt, backup_log, processes_csv, backup_plan_pdf, backup_history_csv,
              requirements_pdf, system_info_txt, accounts_txt]


def generate(out_dir: pathlib.Path) -> list[str]:
    """Write every attachment of competences 1.1-1.3, 5.1 and 5.2 into ``out_dir``; return their names."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [make(out_dir) for make in GENERATORS]


if __name__ == "__main__":
    target = pathlib.Path(__file__).resolve().parent.parent / "attachments"
    for written in generate(target):
        print(target / written)
