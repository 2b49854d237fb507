"""`python -m tui` runs the footpain command line."""

from tui.cli import main

raise SystemExit(main())
