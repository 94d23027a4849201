"""The exam profile's engine, exposure and scoring settings: defaults, round trips, problems."""

import pytest

from itembank.errors import ItemFormatError
from itembank.model import Problems
from itembank.profile import ExamProfile


def test_defaults_round_trip_and_unknown_keys_survive():
    data = ExamProfile().to_dict()
    data["future"] = {"x": 1}
    data["engine"]["future_engine_key"] = True
    data["scoring"]["future_scoring_key"] = [1, 2]
    profile = ExamProfile.from_dict(data, name="certification")
    assert profile == ExamProfile()
    again = profile.to_dict()
    assert again["future"] == {"x": 1}
    assert again["engine"]["future_engine_key"] is True
    assert again["scoring"]["future_scoring_key"] == [1, 2]


def test_a_profile_file_with_only_the_old_fields_gets_the_defaults():
    profile = ExamProfile.from_dict({"title": {"fr": "C", "en": "C"}, "length": 32, "duration_minutes": 105,
                                     "min_treated": 20, "per_competence": 2}, name="certification")
    assert profile.engine.estimator == "eap" and profile.exposure.r_max == 0.25
    assert len(profile.scoring.intervals) == 9 and profile.scoring.max_score == 1023


def test_settings_are_read():
    profile = ExamProfile.from_dict({
        "engine": {"estimator": "map", "selection": "max-info", "grid_points": 201, "competence_gap": 2},
        "exposure": {"top_k": 3, "near_tie": 0.1, "r_max": 0.2},
        "scoring": {"competence_levels": {"default": [-1, 0, 1, 2, 3, 4, 5, 6],
                                          "3.4": [0, 1, 2, 3, 4, 5, 6, 7]},
                    "degrade": False},
    })
    assert profile.engine.estimator == "map" and profile.engine.grid_points == 201
    assert profile.engine.selection == "max-info" and ExamProfile().engine.selection == "opportunity-cost"
    assert profile.exposure.top_k == 3 and profile.exposure.r_max == 0.2
    assert profile.scoring.thresholds_for("3.4")[0] == 0 and profile.scoring.thresholds_for("1.1")[0] == -1
    assert not profile.scoring.degrade


@pytest.mark.parametrize(("data", "message"), [
    ({"engine": {"estimator": "mle"}}, "unknown estimator"),
    ({"engine": {"selection": "random"}}, "unknown selection"),
    ({"engine": {"grid_min": 2, "grid_max": 1}}, "grid_max must be above grid_min"),
    ({"engine": {"grid_points": "many"}}, "not a valid grid_points"),
    ({"exposure": {"r_max": 0}}, "r_max must be in (0, 1]"),
    ({"exposure": {"near_tie": 1.5}}, "near_tie must be in [0, 1)"),
    ({"exposure": {"top_k": 0}}, "top_k must be at least 1"),
    ({"exposure": "light"}, "expected a mapping"),
    ({"scoring": {"intervals": [{"low": 0, "high": 1, "weight": 64, "coefficient": 0},
                                {"low": 1.5, "high": 2, "weight": 64, "coefficient": 1}]}},
     "must start where the previous interval ends"),
    ({"scoring": {"intervals": [{"low": 0, "high": 1, "weight": 64, "coefficient": 0},
                                {"low": 1, "high": 2, "weight": 64, "coefficient": 2}]}},
     "its score range must start where the previous one ends"),
    ({"scoring": {"intervals": [{"low": 0, "high": 1, "weight": 64}]}}, "missing coefficient"),
    ({"scoring": {"levels": [{"min_score": 10, "code": "x", "title": {"fr": "x", "en": "x"}}]}},
     "levels must start at 0 pix"),
    ({"scoring": {"competence_levels": {"default": [2, 1]}}}, "increasing order"),
    ({"scoring": {"degrade": "yes"}}, "expected true or false"),
])
def test_problems_are_reported_with_their_path(data, message):
    problems = Problems()
    ExamProfile.from_dict(data, problems, name="p")
    assert any(message in m for m in problems.messages), problems.messages
    with pytest.raises(ItemFormatError, match="profile p"):
        ExamProfile.from_dict(data, name="p")


@pytest.mark.parametrize("bad", [-1, 201])
def test_the_screen_reader_extra_time_is_a_sane_share(bad):
    data = {**ExamProfile().to_dict(), "screen_reader_extra_percent": bad}
    with pytest.raises(ItemFormatError, match="screen_reader_extra_percent"):
        ExamProfile.from_dict(data, name="certification")
