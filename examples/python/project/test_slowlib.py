"""pytest-benchmark benchmarks of slowlib (run from examples/python, see README.md)."""

from slowlib import load_settings, word_counts

TEXT = "the quick brown fox jumps over the lazy dog " * 200


def test_load_settings(benchmark):
    assert benchmark(load_settings) == {"mode": "fast"}


def test_word_counts(benchmark):
    assert benchmark(word_counts, TEXT)["the"] == 400
