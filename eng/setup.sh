#!/usr/bin/env bash
# Installs what Burnout needs from Debian's packages when it is missing, and nothing that is already there.
#   eng/setup.sh            PostgreSQL (the stack and the integration tests run a local server)
#   eng/setup.sh --tests    also Chromium (browser tests)
set -euo pipefail

want=()
have_postgres() {
  command -v postgres >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}
have_postgres || want+=(postgresql)
if [[ "${1:-}" == "--tests" ]]; then
  command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || want+=(chromium)
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is missing; install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run again." >&2
  exit 2
fi

if ((${#want[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: ${want[*]} missing and neither root nor sudo is available; install: apt-get install -y ${want[*]}" >&2
  exit 2
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: ${want[*]} missing and this is not a Debian-like system; install them with your package manager." >&2
  exit 2
fi

echo "setup: installing ${want[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
echo "setup: done" >&2
