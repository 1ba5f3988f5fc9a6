"""``python -m quiver``."""

from quiver.cli import main

main()
