"""Work spread over forked workers: results in input order, passing items in their place, small items in parcels."""

import multiprocessing
import os
import sys
from itertools import groupby

import pytest

from phrasecheck.parallel import ordered_map

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")


def _square_where(state, item):
    return item * item + state, os.getpid()


#: Both workers meet here on their first item (forked, they share it), so that neither can take all the
#: parcels before the other has started: on a busy machine one worker alone sometimes did all 500 items.
_BOTH_STARTED = multiprocessing.get_context("fork").Barrier(2) if sys.platform.startswith("linux") else None
_met = []


def _square_where_once_both_work(state, item):
    if not _met:
        _BOTH_STARTED.wait(timeout=60)
        _met.append(True)
    return _square_where(state, item)


def test_results_come_in_input_order_with_passing_items_in_their_place():
    items = [n if n % 7 else f"file-{n}" for n in range(500)]  # every 7th item passes (a file's suppressions)
    parallel = list(ordered_map(_square_where_once_both_work, 1, items, workers=2, passes=(str,), parcel=25))
    assert [r if isinstance(r, str) else r[0] for r in parallel] == [
        n if isinstance(n, str) else n * n + 1 for n in items]
    assert len({r[1] for r in parallel if not isinstance(r, str)}) == 2  # both workers worked


def test_small_items_travel_in_parcels_and_heavy_ones_alone():
    """Items weighing 1 go 25 to a parcel (one worker does all 25 in a row); an item weighing the
    whole parcel goes alone. Counting round trips, not seconds: 1,000 short files cost 40, not 1,000."""
    light = list(ordered_map(_square_where, 0, range(1000), workers=2, parcel=25))
    runs = [len(list(group)) for _, group in groupby(enumerate(light), key=lambda pair: (pair[0] // 25, pair[1][1]))]
    assert runs == [25] * 40
    heavy = list(ordered_map(_square_where, 0, range(40), workers=2, weight=lambda item: 25, parcel=25))
    assert [r[0] for r in heavy] == [n * n for n in range(40)]


def _squares_in_one_call(state, items):
    return [(item * item + state, len(items)) for item in items]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_function_of_many_items_gets_each_parcel_in_one_call(workers):
    """``together``: one call per parcel of 25 (the blocks of many short files matched at once), results still
    one per item, in order, passing items in their place; with one worker, one call per item."""
    items = [n if n % 9 else f"file-{n}" for n in range(300)]
    results = list(ordered_map(_squares_in_one_call, 2, items, workers=workers, passes=(str,), parcel=25,
                               together=True))
    assert [r if isinstance(r, str) else r[0] for r in results] == [
        n if isinstance(n, str) else n * n + 2 for n in items]
    worked = [n for n in items if not isinstance(n, str)]
    assert {r[1] for r in results if not isinstance(r, str)} == ({25, len(worked) % 25} if workers == 2 else {1})
