#!/usr/bin/env bash
# The chaos gate: builds, then runs the Category=Chaos tests of tests/Silo.Tests (three silo processes on a
# private redis-server, kill -9 every few seconds, a full restart, a Redis restart, then a fault-free run to
# compare with) and prints their summary line, e.g.
#   chaos: 8 kills, 7 interrupted trials, 8 epochs re-run, 0 lost, 0 duplicated, results identical
set -euo pipefail
cd "$(dirname "$0")/../.."

summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
dotnet build tests/Silo.Tests -c Release --nologo -v quiet
status=0
CHAOS_SUMMARY_FILE="$summary" dotnet test tests/Silo.Tests -c Release --no-build --nologo \
  --filter "Category=Chaos" --logger "console;verbosity=normal" || status=$?
if [[ -s "$summary" ]]; then cat "$summary"; else echo "chaos: FAILED (no summary; see the test output above)"; fi
exit "$status"
