#!/usr/bin/env bash
# Install (once) and run the main job: build the graph of every article under seeds/
# into output/, validate it and print the summary. Other arguments replace the default
# ones: bash scripts/main.sh build ../shared/dev --out output/dev
set -euo pipefail
. "$(dirname "$0")/env.sh"
if [ "$#" -eq 0 ]; then set -- build seeds/ --out output/; fi
exec python -m pipeline "$@"
