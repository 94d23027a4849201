"""The public verification page: a small HTML page, French first, then English."""

from __future__ import annotations

from html import escape

from hub.jury import Published

DECISION_TEXT = {"obtained": ("Certification obtenue", "Certification obtained"),
                 "not-obtained": ("Certification non obtenue", "Certification not obtained"),
                 "cancelled": ("Résultat annulé", "Result cancelled")}

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#1b1b1b}"
          "h1{font-size:1.4em}section{border-top:1px solid #ccc;margin-top:1.5em;padding-top:1em}"
          "dt{font-weight:600}dd{margin:0 0 .6em 0}.ok{color:#0a6b2e}.no{color:#a11}")


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{escape(title)}</title><style>{_STYLE}</style>'
            f"</head><body>{body}</body></html>")


def result_page(found: Published) -> str:
    fr, en = DECISION_TEXT[found.decision]
    css = "ok" if found.decision == "obtained" else "no"

    def block(lang: str, heading: str, decision: str, labels: tuple[str, ...]) -> str:
        rows = [(labels[0], found.code), (labels[1], f"{found.center_name} ({found.center_id})"),
                (labels[2], found.date.isoformat()), (labels[3], found.initials)]
        if found.score is not None:
            rows.append((labels[4], str(found.score)))
        if found.level is not None:
            rows.append((labels[5], found.level))
        rows.append((labels[6], found.decided_at.date().isoformat()))
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
        return (f'<section lang="{lang}"><h1>{escape(heading)}</h1><p class="{css}"><strong>{escape(decision)}'
                f"</strong></p><dl>{items}</dl></section>")

    return _page(f"{fr} — {found.code}",
                 block("fr", "Vérification d'un résultat", fr,
                       ("Code", "Centre", "Date de la session", "Initiales", "Score", "Niveau", "Décision du jury le"))
                 + block("en", "Result verification", en,
                         ("Code", "Center", "Session date", "Initials", "Score", "Level", "Jury decision on")))


def not_found_page(code: str) -> str:
    shown = escape(code[:40])
    return _page("Résultat introuvable — Result not found",
                 f'<section lang="fr"><h1>Résultat introuvable</h1><p>Aucun résultat publié ne porte le code '
                 f"<strong>{shown}</strong>. Vérifiez le code imprimé sur l'attestation ; un résultat n'est visible "
                 "qu'après la décision du jury.</p></section>"
                 f'<section lang="en"><h1>Result not found</h1><p>No published result has the code '
                 f"<strong>{shown}</strong>. Check the code printed on the attestation; a result shows only once the "
                 "jury has decided.</p></section>")
