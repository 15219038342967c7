"""A bank as a trainer hands it out: no stem or option gives away another item's answer, and no two items
test one sentence (checked over whole banks, not pairs made up for a unit test)."""

import pytest

from assistant.quiz.generate import _one_sentence, generate_bank, gives_away

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("doc", ["jiujiang-plan", "nmsa-notice"])
@pytest.mark.parametrize("n", [10, 20])
def test_no_item_of_a_bank_gives_away_another_or_repeats_its_sentence(searcher, doc, n):
    questions = generate_bank(searcher, doc=doc, n=n, seed=0).questions
    assert questions
    for a in questions:
        for b in questions:
            if a is b:
                continue
            assert not gives_away(a, b), (a.id, a.answer, b.id, b.stem)
            assert not (a.quote and _one_sentence(a.quote, b.quote)), (a.id, b.id, a.quote)
