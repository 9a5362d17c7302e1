# Sourced by main.sh and test.sh: make sure Java and the project's virtualenv are there.
#
# usage: . scripts/env.sh [EXTRAS]     e.g. ". scripts/env.sh test" installs -e '.[test]',
#                                      ". scripts/env.sh test,ray" installs -e '.[test,ray]'
# Idempotent: the venv (.venv in the repository) is made once, and pip runs again only
# when pyproject.toml changes. PYTHON picks the interpreter (default python3, >= 3.10).

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extras="${1:-}"

sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

# owlready2's reasoner (HermiT) runs on Java.
if ! command -v java >/dev/null 2>&1; then
  echo "java not found: installing default-jre-headless" >&2
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless
fi

# The page's tests drive Debian's Chromium through Playwright (never a browser Playwright
# downloads); DejaVu draws the Vietnamese letters.
if [[ ",$extras," == *",test,"* ]] && ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found: installing chromium" >&2
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core
fi

python="${PYTHON:-python3}"
if [ ! -x "$repo/.venv/bin/python" ]; then
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || { echo "$python is older than 3.10; set PYTHON to a newer interpreter" >&2; exit 2; }
  "$python" -m venv "$repo/.venv"
fi

spec="."
if [ -n "$extras" ]; then spec=".[$extras]"; fi
stamp="$repo/.venv/.installed-$(sha256sum < "$repo/pyproject.toml" | cut -c1-16)${extras:+-$extras}"
if [ ! -e "$stamp" ]; then
  "$repo/.venv/bin/python" -m pip install -q --upgrade pip
  (cd "$repo" && "$repo/.venv/bin/python" -m pip install -q -e "$spec")
  touch "$stamp"
fi
export PATH="$repo/.venv/bin:$PATH"
cd "$repo"
