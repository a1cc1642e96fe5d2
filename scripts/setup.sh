#!/usr/bin/env bash
# Idempotent set-up: make sure Node 24 is available (installing it from the npm
# registry into .tools/ when the machine's Node is older), then install the
# workspace's locked dependencies. Prints the PATH prefix to use.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tools="$root/.tools/node24"
want_major=24

major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$tools/node_modules/node/bin/node" ]; then
  export PATH="$tools/node_modules/node/bin:$PATH"
fi
if ! command -v node >/dev/null 2>&1 || [ "$(major node)" -lt "$want_major" ]; then
  command -v npm >/dev/null 2>&1 || { echo "setup: npm is required to install Node $want_major" >&2; exit 1; }
  echo "setup: installing Node $want_major from the npm registry into .tools/node24" >&2
  mkdir -p "$tools"
  npm install --no-save --no-audit --no-fund --prefix "$tools" "node@$want_major" >&2
  export PATH="$tools/node_modules/node/bin:$PATH"
fi
echo "setup: using node $(node --version) at $(command -v node)" >&2

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.setup-stamp
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum|$(node --version)" ]; then
  npm ci --prefer-offline --no-audit --no-fund >&2
  echo "$lock_sum|$(node --version)" > "$stamp"
fi
