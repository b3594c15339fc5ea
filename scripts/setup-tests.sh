#!/bin/sh
# Installs everything the test suite needs on a fresh Debian machine:
#   - Debian's chromium and chromium-driver, for the browser tests (headless);
#   - dealgraph itself, editable, with its test extras (pytest, hypothesis, selenium, ...);
#   - the `oxigraph` server at exactly pyoxigraph's version, for the remote-store tests (the same
#     version can serve a directory pyoxigraph wrote).
# Safe to run again: what is already there is kept.
set -eu
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    echo "setup-tests: installing Debian's chromium and chromium-driver" >&2
    $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null 2>&1 || {
        $SUDO apt-get update -q >/dev/null
        $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null
    }
fi

echo "setup-tests: installing dealgraph with its test extras" >&2
python3 -m pip install -q --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" >&2 || true
OXIGRAPH_VERSION=$(python3 -c "import pyoxigraph; print(pyoxigraph.__version__)")
python3 -m pip install -q --disable-pip-version-check "oxigraph==$OXIGRAPH_VERSION" 2>&1 | grep -v "^WARNING: Location" >&2 || true
python3 -c "import dealgraph, selenium, hypothesis" || { echo "setup-tests: install failed" >&2; exit 1; }
