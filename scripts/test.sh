#!/usr/bin/env bash
# Install (once, with the test extras) and run the tests; pytest's exit code is the
# script's. Arguments go to pytest: bash scripts/test.sh -k evaluate
set -euo pipefail
. "$(dirname "$0")/env.sh" test
exec python -m pytest -q "$@"
