"""A fault harness for Quiver: real `quiver serve`, arrow-writing load, injected faults.

Run it from the repository root with ``.venv/bin/python -m scripts.faults`` (``--help`` lists
the options). README, "Fault harness", says what each column of its table means.
"""
