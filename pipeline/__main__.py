"""`python -m pipeline ...` is the `govkg` command."""
import sys

from .cli import main

sys.exit(main())
