"""``python -m scripts.faults``: run the fault harness."""

from .run import main

raise SystemExit(main())
