"""A tiny library with two hot paths, and a switch that makes one of them slower.

``SLOWLIB_SLOW=1`` adds a second round trip to :func:`load_settings` (10 ms -> 15 ms, 50% slower),
the kind of change a refactoring slips in. :func:`word_counts` is pure CPU work and never changes.
"""

import os
import time
from collections import Counter
from typing import Dict

ROUND_TRIP_S = 0.005  # a simulated request to a settings service


def load_settings() -> Dict[str, str]:
    trips = 3 if os.environ.get("SLOWLIB_SLOW") == "1" else 2
    for _ in range(trips):
        time.sleep(ROUND_TRIP_S)
    return {"mode": "fast"}


def word_counts(text: str) -> Dict[str, int]:
    return dict(Counter(text.lower().split()))
