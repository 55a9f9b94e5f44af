#!/usr/bin/env bash
# Every test of DDIM Lab, the command behind `npm test` (README) and CI (.ci/run):
#   1. installs what the tests need if it is missing (node_modules via npm ci, Debian's chromium);
#   then builds the wasm-simd kernel (generated, not committed);
#   2. unit, model, engine and component tests (vitest);
#   3. the real Web Worker in headless Chromium (Node vs Chromium hashes, worker kill/recovery),
#      and the wasm-simd kernel's Node vs Chromium hashes for every activation;
#   4. the dashboard end to end in headless Chromium on the production build (screenshots in docs/);
#   5. serving to a class (scripts/serve.ts headers, CSP in the worker, bundle budget, exports, offline).
# Ends with one line "test suites: N passed, M failed"; exits 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ]; then
  echo "== installing npm packages (npm ci)"
  npm ci --no-audit --no-fund || { echo "error: npm ci failed; the tests need the npm registry once"; exit 1; }
fi

if [ ! -x "$CHROMIUM" ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "== installing Debian's chromium for the browser tests (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
      { echo "error: could not install chromium with apt-get; run 'apt-get install -y chromium' as root, or set CHROMIUM_PATH"; exit 1; }
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "== installing Debian's chromium for the browser tests (sudo apt-get)"
    { sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
      { echo "error: could not install chromium; run 'sudo apt-get install -y chromium', or set CHROMIUM_PATH"; exit 1; }
  else
    echo "error: the browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install -y chromium' (Debian) or set CHROMIUM_PATH"
    exit 1
  fi
fi

echo "== building the wasm-simd kernel (npm run build:kernel)"
npm run --silent build:kernel || { echo "error: building the kernel (kernel/index.ts) failed"; exit 1; }

passed=0
failed=0
names=()
suite() {
  local name="$1"
  shift
  echo
  echo "== $name: $*"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    names+=("ok   $name ($((SECONDS - start)) s)")
  else
    failed=$((failed + 1))
    names+=("FAIL $name ($((SECONDS - start)) s)")
  fi
}

suite "unit, model, engine and component tests" npx vitest run
suite "worker in headless Chromium" npx tsx tests/browser/worker.e2e.ts
suite "wasm-simd kernel: same bits in Node and Chromium" npx tsx tests/browser/kernel-check.ts
suite "dashboard end to end in headless Chromium" npx tsx tests/e2e/run.ts
suite "classroom: npm start server, CSP, bundle budget, exports, offline (Chromium)" npx tsx tests/e2e/classroom.ts

echo
printf '%s\n' "${names[@]}"
echo "test suites: $passed passed, $failed failed"
[ "$failed" = 0 ]
