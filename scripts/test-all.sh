#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks, then runs every test: typecheck, lint, build, unit, e2e.
# Used verbatim by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v keytool >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb)
[ -x /usr/share/easy-rsa/easyrsa ] || need_apt+=(easy-rsa)
command -v xca >/dev/null 2>&1 || need_apt+=(xca)
# Go's crypto/x509 and crypto/tls are a peer of the differential tests (tools/x509verify, standard library only).
command -v go >/dev/null 2>&1 || need_apt+=(golang-go)
/usr/bin/python3 -c "import icalendar" >/dev/null 2>&1 || need_apt+=(python3-icalendar)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing from apt: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The Electron binary download needs the internet; tests run without it (its e2e suite reports skipped).
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund

set +e
npm test
status=$?
set -e
node scripts/test-summary.mjs || true
exit $status
