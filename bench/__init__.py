"""argmap's benchmarks: ``python -m bench`` (or ``make bench``). See bench/run.py."""
