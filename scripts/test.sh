#!/usr/bin/env bash
# Runs every test of the solution, the ClientApp's tests (node) and every benchmark mode as a smoke test. Installs what
# the tests need on a fresh Debian machine first (needs the .NET SDK of global.json and Node.js 20 with npm).
set -euo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# PostgreSQL server binaries: tests/Automation.Data.Tests starts a private cluster with them (initdb/pg_ctl on a free
# loopback port) and fails, never skips, when they are missing. Debian's package also creates the 'postgres' OS user
# that the cluster runs as when the tests run as root.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo=(sudo); fi
  if [ "$(id -u)" -eq 0 ] || [ ${#sudo[@]} -gt 0 ]; then
    echo "Installing PostgreSQL for the tests (Debian package postgresql)..."
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is missing and cannot be installed as $(id -un) without sudo: run 'apt-get install -y postgresql' as root." >&2
  fi
fi

# Debian's chromium for the browser tests (tests/Automation.Server.Tests drive /usr/bin/chromium with Playwright;
# Playwright's own browser download cannot work here).
if [ ! -x /usr/bin/chromium ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo=(sudo); fi
  if [ "$(id -u)" -eq 0 ] || [ ${#sudo[@]} -gt 0 ]; then
    echo "Installing chromium for the browser tests (Debian package chromium)..."
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and cannot be installed as $(id -un) without sudo: run 'apt-get install -y chromium' as root." >&2
  fi
fi

# Fonts for ScottPlot (without them charts silently lose every label; ChartTests fail) and libgdiplus, which ClosedXML
# 0.95 needs to place chart images in workbooks.
if [ ! -d /usr/share/fonts/truetype/dejavu ] || ! ldconfig -p | grep -q libgdiplus; then
  sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo=(sudo); fi
  if [ "$(id -u)" -eq 0 ] || [ ${#sudo[@]} -gt 0 ]; then
    echo "Installing fonts-dejavu-core and libgdiplus for the dashboard tests..."
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core libgdiplus >/dev/null
  else
    echo "fonts-dejavu-core or libgdiplus is missing and cannot be installed as $(id -un) without sudo: run 'apt-get install -y fonts-dejavu-core libgdiplus' as root." >&2
  fi
fi

# The unchanged npm Camunda 7 worker (camunda-external-task-client-js) that Automation.Server.Tests runs against the
# server's /engine-rest; installed from its lock file.
(cd tests/camunda-worker && npm ci --no-audit --no-fund --silent)

dotnet build Automation.sln -c Release --nologo -v quiet
status=0
# One test assembly at a time (-m:1): the crash, two-node and browser tests time real processes, and on two cores
# running the assemblies side by side starved them.
dotnet test Automation.sln -c Release --no-build --nologo -m:1 --logger "trx" --results-directory "$results" || status=$?
dotnet_status=$status
# The role journeys (tests/Automation.Server.Tests/Journeys) save a full-page screenshot per step; the folder stays
# after the run (TestResults/ is ignored by git) and is replaced by the next run.
if [ -d TestResults/journeys ]; then
  echo "Journey screenshots: $(pwd)/TestResults/journeys ($(find TestResults/journeys -name '*.png' | wc -l) files, one folder per role)"
fi

# The ClientApp's tests (node's test runner over ClientApp/test/*.mjs: the am: round trip of workflows/ and the modeler
# and viewer bundles in chromium); the build above ran npm ci, which installs playwright-core (no browser download).
passed=0; failed=0; skipped=0
echo "ClientApp tests (npm test)..."
if ! (cd src/Automation.Server/ClientApp && npm test --silent) >"$results/clientapp.log" 2>&1; then
  status=1
  tail -n 60 "$results/clientapp.log"
fi
p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results/clientapp.log"); f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results/clientapp.log")
if [ -z "$p" ] && [ -z "$f" ]; then f=1; status=1; echo "ClientApp tests did not report a result (see above)." >&2; fi
echo "ClientApp tests: ${p:-0} passed, ${f:-0} failed"
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))

# Every benchmark mode once at a tiny size on the Release build above: a smoke test that fails the run when a benchmark
# crashes or measures nothing; timings and targets are printed, never asserted (--smoke). Each mode counts as one test.
smoke_started=$SECONDS
for mode in engine persisted load external-tasks start pages ledger-query matching simulate dashboards validate http-connector decision; do
  mode_started=$SECONDS
  if ./scripts/benchmark.sh "$mode" --no-build --smoke --cases 200 --rounds 1 --rate 20 --seconds 1 --bytes 65536 --idle 1 >"$results/bench-$mode.log" 2>&1; then
    passed=$((passed + 1)); echo "benchmark smoke: $mode ok ($((SECONDS - mode_started)) s)"
  else
    failed=$((failed + 1)); status=1
    echo "benchmark smoke: $mode FAILED ($((SECONDS - mode_started)) s):" >&2
    tail -n 40 "$results/bench-$mode.log" >&2
  fi
done
echo "benchmark smoke: $((SECONDS - smoke_started)) s for all modes"

# One closing line in the plain 'N passed, N failed' form, summed over all test assemblies, the ClientApp tests and the
# benchmark modes.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "The test run failed outside a test (e.g. a fixture's cleanup or a crashed test host): look for 'Failure' or 'aborted' above." >&2
fi
exit $status
