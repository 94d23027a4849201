import copy

import pytest


def base_item(**changes):
    """A valid single-choice item as an author writes it; tests change one thing at a time."""
    item = {
        "id": "4.1-phishing-03",
        "competence": "4.1",
        "tube": "phishing",
        "level": 3,
        "type": "qcu",
        "mode": "focus",
        "shuffle": True,
        "statement": {"fr": "Que faites-vous ?", "en": "What do you do?"},
        "proposals": {
            "A": {"fr": "Je clique", "en": "I click"},
            "B": {"fr": "Je réponds", "en": "I reply"},
            "C": {"fr": "Je signale", "en": "I report"},
        },
        "solution": "C",
        "explanation": {"fr": "Parce que.", "en": "Because."},
    }
    item = copy.deepcopy(item)
    for key, value in changes.items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    return item


@pytest.fixture
def make_item():
    return base_item
