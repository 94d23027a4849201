import datetime as dt

import pytest

from invigilator.core.roster import Candidate, MatchStatus, match_check_in, name_key
from invigilator.errors import RosterError

BD = dt.date(2009, 3, 14)


def cand(id, last, first, birth=BD, **kw):
    return Candidate.create(id, "s1", last, first, birth, **kw)


ROSTER = [
    cand("c1", "Lefèvre", "Éloïse"),
    cand("c2", "N'Diaye", "Marie Claire"),
    cand("c3", "Martin", "Léo", dt.date(2008, 1, 2)),
    cand("c4", "Martin", "Léo", dt.date(2008, 1, 2), external_id="INE-2"),  # two homonyms, same birth date
    cand("c5", "Dupont-Moretti", "Jean"),
]


@pytest.mark.parametrize("last, first, birth, expected", [
    ("LEFEVRE", "eloise", BD, "c1"),
    ("  lefèvre ", "Éloïse", BD, "c1"),
    ("N Diaye", "Marie-Claire", BD, "c2"),
    ("ndiaye", "Marie", BD, "c2"),           # the apostrophe left out
    ("N'Diaye", "MarieClaire", BD, "c2"),
    ("N'Diaye", "marie", BD, "c2"),          # the first of several first names is enough
    ("N'Diaye", "Claire", BD, None),         # the second alone is not
    ("Dupont Moretti", "Jean", BD, "c5"),
    ("Lefèvre", "Éloïse", dt.date(2009, 3, 15), None),  # the birth date is never forgiven
    ("Lefèvr", "Éloïse", BD, None),
    ("Lefèvre", "Élo", BD, None),           # a first name is not matched by its beginning
    ("", "Éloïse", BD, None),
])
def test_check_in_matching(last, first, birth, expected):
    match = match_check_in(ROSTER, last, first, birth)
    if expected is None:
        assert match.status is MatchStatus.NOT_FOUND and not match and match.reason
    else:
        assert match and match.candidate is not None and match.candidate.id == expected


def test_homonyms_are_reported_never_guessed():
    match = match_check_in(ROSTER, "martin", "leo", dt.date(2008, 1, 2))
    assert match.status is MatchStatus.AMBIGUOUS and not match
    assert {c.id for c in match.candidates} == {"c3", "c4"} and match.candidate is None


def test_name_key_forgives_case_accents_and_separators():
    assert name_key("  Jean-Pierre  ") == name_key("jean pierre") == name_key("JEAN PIERRE")
    assert name_key("Œuvre") != ""


@pytest.mark.parametrize("kwargs, field", [
    ({"last": ""}, "last name"),
    ({"first": "J3an"}, "first name"),
    ({"last": "x" * 81}, "last name"),
    ({"extra_time_minutes": -5}, "extra time"),
    ({"extra_time_minutes": 500}, "extra time"),
    ({"extra_time_minutes": True}, "extra time"),
    ({"external_id": "9" * 65}, "external id"),
    ({"accommodations": ["screen reader", " "]}, "accommodation"),
])
def test_bad_roster_fields_are_named(kwargs, field):
    base = {"last": "Durand", "first": "Zoé"}
    base.update(kwargs)
    last, first = base.pop("last"), base.pop("first")
    with pytest.raises(RosterError, match=field):
        cand("c9", last, first, **base)


def test_roster_fields_are_kept_and_cleaned():
    c = cand("c9", " Durand ", "Zoé  Anne", external_id=" INE-9 ", extra_time_minutes=35,
             accommodations=[" screen reader ", "virtual keyboard"])
    assert (c.last_name, c.first_name, c.external_id) == ("Durand", "Zoé Anne", "INE-9")
    assert c.extra_time_minutes == 35 and c.accommodations == ("screen reader", "virtual keyboard")
    assert c.to_dict()["birth_date"] == "2009-03-14" and c.display_name == "Zoé Anne DURAND"
    assert c.edited(extra_time_minutes=10).extra_time_minutes == 10
    with pytest.raises(RosterError):
        c.edited(extra_time_minutes=-1)
