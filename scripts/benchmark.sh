#!/usr/bin/env bash
# Prints the benchmark figures: the in-memory engine beside WorkflowCore, and persisted throughput on SQLite and on a
# private PostgreSQL cluster started here on a free loopback port (stopped again at the end).
#   ./scripts/benchmark.sh [engine|persisted|load|external-tasks|start|pages|ledger-query|matching|simulate|dashboards|validate|http-connector|decision|all] [--cases N] [--rounds N]
# persisted: SQLite and PostgreSQL, ledger off and on, 100,000 cases per run unless --cases, a warm-up round then --rounds N
#   (default 5) alternating which runs first; prints every run and the median overhead of the ledger.
# ledger-query: the API's ledger aggregates over N ended cases (about 5 ledger rows each) folded into cells, best of three per grouping.
# matching: reskilling matching, 10,000 profiles (--cases N) × 2,000 offers over 3,000 skills, top 5 for everyone (target ≤ 2 s).
# simulate: the what-if simulation, 100,000 cases of a 20-step process with gateways on one thread (target <= 3 s).
# decision: a 20-rule DMN table (UNIQUE, 3 inputs) evaluated N times on one thread (--cases N, default 1,000,000) beside
#   the same routing as JavaScript conditions through the script sandbox (target ≥ 100,000 evaluations/s).
# validate: read + validate of hostile definition files at the 5 MB upload limit (--bytes N), one per shape (target ≤ 2 s each).
# http-connector: the HTTP connector (resilience pipeline, outbound guard, measurement), N calls (--cases N, default
#   20,000) with 64 in flight against a local Kestrel endpoint; calls/s (target >= 2,000).
# dashboards: 1,000,000 ledger rows over 50,000 cases on SQLite; overview and full workbook timings, peak memory.
# load: the server (Release build) on SQLite as a child process, task completions at 200/s for 60 s over loopback
#   (--rate N, --seconds N).
# external-tasks: the server (Release build) on SQLite as a child process with N cases (default 20,000) waiting at an
#   external step; 8 workers over loopback HTTP fetch and lock batches of 64 and complete them (target ≥ 5,000 tasks/s).
# start: the server (Release build) on a temp SQLite database as a child process: a first start with demo data, then a
#   restart on that database; launch → first /health 200 and VmRSS after --idle N seconds (default 20), median of
#   --rounds N (default 3). Targets ≤ 4 s, ≤ 2 s, ≤ 150 MB. Measure when `uptime` shows a low load. With --published it
#   measures the shipped form instead: `dotnet publish` (ReadyToRun) into a temp folder, removed afterwards.
# pages: the server (Release build, demo data) and Debian's chromium: first contentful paint of every page of each role's
#   menu and one page of each address shape linked from them, median of --rounds N (default 3); target ≤ 1 s per page.
# --no-build: use the Release build already there (scripts/test.sh builds the solution first).
# --smoke: targets are printed, not enforced; scripts/test.sh runs every mode this way at tiny sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"; shift || true
build=true; published=false; args=()
for a in "$@"; do
  case "$a" in --no-build) build=false ;; --published) published=true ;; *) args+=("$a") ;; esac
done
set -- ${args[@]+"${args[@]}"}

if $build; then dotnet build tests/Automation.Benchmarks -c Release --nologo -v quiet; fi
bench=(dotnet tests/Automation.Benchmarks/bin/Release/net10.0/Automation.Benchmarks.dll)

if [ "$mode" = engine ] || [ "$mode" = all ]; then
  "${bench[@]}" engine "$@"
fi
if [ "$mode" = ledger-query ] || [ "$mode" = all ]; then
  "${bench[@]}" ledger-query "$@"
fi
if [ "$mode" = matching ] || [ "$mode" = all ]; then
  "${bench[@]}" matching "$@"
fi
if [ "$mode" = simulate ] || [ "$mode" = all ]; then
  "${bench[@]}" simulate "$@"
fi
if [ "$mode" = decision ] || [ "$mode" = all ]; then
  "${bench[@]}" decision "$@"
fi
if [ "$mode" = validate ] || [ "$mode" = all ]; then
  "${bench[@]}" validate "$@"
fi
if [ "$mode" = http-connector ] || [ "$mode" = all ]; then
  "${bench[@]}" http-connector "$@"
fi
if [ "$mode" = dashboards ] || [ "$mode" = all ]; then
  "${bench[@]}" dashboards "$@"
fi
if [ "$mode" = load ] || [ "$mode" = all ]; then
  if $build; then dotnet build src/Automation.Server -c Release --nologo -v quiet; fi
  "${bench[@]}" load --server "$PWD/src/Automation.Server/bin/Release/net10.0/Automation.Server.dll" "$@"
fi
if [ "$mode" = external-tasks ] || [ "$mode" = all ]; then
  if $build; then dotnet build src/Automation.Server -c Release --nologo -v quiet; fi
  "${bench[@]}" external-tasks --server "$PWD/src/Automation.Server/bin/Release/net10.0/Automation.Server.dll" "$@"
fi
if [ "$mode" = start ] || [ "$mode" = all ]; then
  if $published; then
    out=$(mktemp -d /tmp/automation-publish.XXXXXX)
    status=0
    dotnet publish src/Automation.Server -c Release -o "$out" --nologo -v quiet &&
      "${bench[@]}" start --server "$out/Automation.Server.dll" --workflows "$PWD/workflows" "$@" || status=$?
    rm -rf "$out"
    [ "$status" = 0 ] || exit "$status"
  else
    if $build; then dotnet build src/Automation.Server -c Release --nologo -v quiet; fi
    "${bench[@]}" start --server "$PWD/src/Automation.Server/bin/Release/net10.0/Automation.Server.dll" --workflows "$PWD/workflows" "$@"
  fi
fi
if [ "$mode" = pages ] || [ "$mode" = all ]; then
  if $build; then dotnet build src/Automation.Server -c Release --nologo -v quiet; fi
  "${bench[@]}" pages --server "$PWD/src/Automation.Server/bin/Release/net10.0/Automation.Server.dll" --workflows "$PWD/workflows" "$@"
fi
if [ "$mode" = persisted ] || [ "$mode" = all ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 1; }
  dir=$(mktemp -d /tmp/automation-bench-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  as_pg=(); if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; as_pg=(runuser -u postgres --); fi
  "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U automation -E UTF8 --no-sync >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=100" -l "$dir/server.log" -w start >/dev/null
  trap '"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
  "${as_pg[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U automation bench
  # Compiled fully optimised from the start: with tiered compilation the first runs of a process ran on tier-0 code
  # and later ones on tier-1, which moved the off/on ratio more than the ledger does.
  DOTNET_TieredCompilation=0 "${bench[@]}" persisted --postgres "Host=127.0.0.1;Port=$port;Username=automation;Database=bench;Maximum Pool Size=20" "$@"
fi
