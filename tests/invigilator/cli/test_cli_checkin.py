"""``session checkins``, ``session confirm`` and ``session authorise --all-checked-in``."""

from __future__ import annotations

import datetime as dt

from invigilator.core.checkin import CheckInState, TypedCheckIn
from tests.invigilator.cli.test_cli_console import ROSTER, enrol, session, with_store

__all__ = ["session"]  # the fixture, shared


def test_check_ins_are_listed_confirmed_and_authorised_all_at_once(ready, session, tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "roster.csv"))[0] == 0
    assert ready("session", "open", "S-2026-0615")[0] == 0
    code = with_store(ready, lambda s: s.sessions.session("S-2026-0615").access_code)
    pc1, pc2, pc3 = enrol(ready, "PC-01"), enrol(ready, "PC-02"), enrol(ready, "PC-03")
    t = ready.clock()
    typed = [(pc1, "att-1", "MARTIN", "lea", dt.date(2009, 5, 17)),
             (pc2, "att-2", "Ndiay", "Awa", dt.date(2008, 3, 17)),
             (pc3, "att-3", "Nobody", "Here", dt.date(2000, 1, 1))]
    with_store(ready, lambda s: [s.checkins.record(k.id, TypedCheckIn(a, "S-2026-0615", code, last, first, born), t)
                                 for k, a, last, first, born in typed])
    rc, out, err = ready("session", "checkins", "S-2026-0615")
    assert rc == 0, err
    assert "PC-01" in out and "exact match" in out and "near match (name-typo)" in out and "no roster line fits" in out

    rc, _, err = ready("session", "confirm", "PC-02")  # a near match is never taken without naming it
    assert rc == 2 and "--candidate" in err
    assert ready("session", "confirm", "PC-01", "--by", "Mme Roy")[0] == 0
    awa = with_store(ready, lambda s: next(c for c in s.sessions.roster("S-2026-0615") if c.first_name == "Awa"))
    assert ready("session", "confirm", "PC-02", "--candidate", awa.id, "--by", "Mme Roy")[0] == 0

    rc, out, err = ready("session", "authorise", "--all-checked-in", "--by", "Mme Roy")
    assert rc == 0, err
    assert out.count("Queued authorise-start") == 2 and "1 check-in(s) still wait" in out
    states = with_store(ready, lambda s: {c.kiosk_id: c.state for c in s.checkins.checkins("S-2026-0615")})
    assert states == {pc1.id: CheckInState.AUTHORISED, pc2.id: CheckInState.AUTHORISED, pc3.id: CheckInState.UNKNOWN}
    assert with_store(ready, lambda s: [c.args["candidate_id"] for c in s.commands.pending(pc2.id)]) == [awa.id]
    rc, out, _ = ready("session", "authorise", "--all-checked-in")
    assert rc == 0 and "no confirmed check-in" in out
    rc, _, err = ready("session", "authorise", "PC-01", "--all-checked-in")
    assert rc == 2 and "names no KIOSK" in err


def test_the_roster_lists_accommodations_and_assistive_programs(ready, session, tmp_path):
    (tmp_path / "r.csv").write_text("last_name;first_name;birth_date;accommodations;assistive_programs\n"
                                    "Roux;Anne;2009-01-01;large print;orca;onboard\n", encoding="utf-8")
    rc, _, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "r.csv"))
    assert rc == 2 and "fields expected" in err  # 'orca;onboard' in a ';' file is two fields: refused, said
    (tmp_path / "r.csv").write_text("last_name;first_name;birth_date;accommodations;assistive_programs\n"
                                    "Roux;Anne;2009-01-01;large print|extra light;orca|onboard\n"
                                    'Blanc;Eve;2009-01-01;;"nvda;jaws"\n', encoding="utf-8")
    rc, _, err = ready("session", "roster", "import", "S-2026-0615", str(tmp_path / "r.csv"))
    assert rc == 0, err
    listed = ready("session", "roster", "list", "S-2026-0615")[1]
    assert "[large print; extra light]  assistive: orca, onboard" in listed and "assistive: nvda, jaws" in listed
