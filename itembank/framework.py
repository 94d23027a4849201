"""The competence framework: domains and competences with their names in both locales."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itembank.model import COMPETENCE_PATTERN, LocalText, Problems, strict


@dataclass(frozen=True)
class Competence:
    code: str
    name: LocalText

    @property
    def domain(self) -> str:
        return self.code.split(".")[0]


@dataclass(frozen=True)
class Domain:
    code: str
    name: LocalText
    competences: tuple[Competence, ...]


@dataclass(frozen=True)
class Framework:
    domains: tuple[Domain, ...]

    @property
    def competences(self) -> tuple[Competence, ...]:
        return tuple(c for d in self.domains for c in d.competences)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.competences)

    def competence(self, code: str) -> Competence:
        for c in self.competences:
            if c.code == code:
                return c
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "domains": {
                d.code: {"name": d.name.to_dict(), "competences": {c.code: c.name.to_dict() for c in d.competences}}
                for d in self.domains
            }
        }

    @classmethod
    def from_dict(cls, data: Any, problems: Problems | None = None) -> Framework:
        problems = problems if problems is not None else strict("competences")
        raw = data.get("domains") if isinstance(data, dict) else None
        if not isinstance(raw, dict) or not raw:
            problems.add(("domains",), "expected domains: {1: {name: …, competences: {1.1: …}}}")
            return cls(())
        domains = []
        for code, body in raw.items():
            code = str(code)
            path = ("domains", code)
            if not isinstance(body, dict):
                problems.add(path, "expected name: and competences:")
                continue
            comps = []
            for ccode, cname in (body.get("competences") or {}).items():
                ccode = str(ccode)
                if not COMPETENCE_PATTERN.match(ccode) or ccode.split(".")[0] != code:
                    problems.add((*path, "competences", ccode), f"'{ccode}' is not a competence of domain {code}")
                comps.append(Competence(ccode, LocalText.parse(cname, (*path, "competences", ccode), problems)))
            if not comps:
                problems.add(path, f"domain {code} has no competences")
            domains.append(Domain(code, LocalText.parse(body.get("name"), (*path, "name"), problems), tuple(comps)))
        framework = cls(tuple(domains))
        if len(set(framework.codes)) != len(framework.codes):
            problems.add(("domains",), "a competence is listed twice")
        return framework


_DEFAULT = {
    "1": (("Informations et données", "Information and data"), {
        "1.1": ("Mener une recherche et une veille d'information", "Search and monitor information"),
        "1.2": ("Gérer des données", "Manage data"),
        "1.3": ("Traiter des données", "Process data"),
    }),
    "2": (("Communication et collaboration", "Communication and collaboration"), {
        "2.1": ("Interagir", "Interact"),
        "2.2": ("Partager et publier", "Share and publish"),
        "2.3": ("Collaborer", "Collaborate"),
        "2.4": ("S'insérer dans le monde numérique", "Fit into the digital world"),
    }),
    "3": (("Création de contenus", "Content creation"), {
        "3.1": ("Développer des documents textuels", "Develop text documents"),
        "3.2": ("Développer des documents multimédia", "Develop multimedia documents"),
        "3.3": ("Adapter les documents à leur finalité", "Adapt documents to their purpose"),
        "3.4": ("Programmer", "Programming"),
    }),
    "4": (("Protection et sécurité", "Protection and security"), {
        "4.1": ("Sécuriser l'environnement numérique", "Secure the digital environment"),
        "4.2": ("Protéger les données personnelles et la vie privée", "Protect personal data and privacy"),
        "4.3": ("Protéger la santé, le bien-être et l'environnement",
                "Protect health, well-being and the environment"),
    }),
    "5": (("Environnement numérique", "Digital environment"), {
        "5.1": ("Résoudre des problèmes techniques", "Solve technical problems"),
        "5.2": ("Évoluer dans un environnement numérique", "Work in a digital environment"),
    }),
}

DEFAULT_FRAMEWORK = Framework(tuple(
    Domain(code, LocalText(*names), tuple(Competence(c, LocalText(*n)) for c, n in comps.items()))
    for code, (names, comps) in _DEFAULT.items()
))
