#!/usr/bin/env bash
# The chaos gate: builds, then runs the Category=Chaos tests of tests/Silo.Tests (three silo processes on a
# private redis-server, kill -9 every few seconds, a full restart, a Redis restart, then a fault-free run to
# compare with) and prints their summary line, e.g.
#   chaos: 5 kills, 5 interrupted trials, 5 epochs re-run, recovery median 3.1 s worst 6.0 s over 4 kills with
#   trials, 4 leases expired, 0 leaked leases, 6 failed starts and 2 failed claims (at most 3 a slot in 10 s),
#   0 lost, 0 duplicated, results identical
# It fails when results differ, a trial is lost or committed twice, a lease of a living silo expires, a kill's trials
# take longer than the membership's death detection + 10 s to run again, or a slot fails claims in a tight loop.
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
