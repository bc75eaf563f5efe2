#!/usr/bin/env bash
# Runs the whole test suite and ends with one plain line: "N passed, N failed[, N skipped]".
# Installs what the tests need first (bootstrap is idempotent and takes seconds when done).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh || exit 1

results="$root/TestResults"
rm -rf "$results"
dotnet build OrleansSweep.sln -c Release -nologo -clp:ErrorsOnly
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time (a 2-core machine; cluster and timing tests prefer it), each with its own
# results folder so no TRX file can overwrite another.
test_rc=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/$name" "$@" || test_rc=1
done

# dotnet test prints no machine-readable total: sum the TRX counters of every test assembly.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
if [ "${passed:-0}" -eq 0 ] && [ "${failed:-0}" -eq 0 ]; then
  echo "no test results found"
  failed=1
fi
[ $test_rc -ne 0 ] && [ "${failed:-0}" -eq 0 ] && failed=1   # a crashed test host counts as a failure
line="${passed:-0} passed, ${failed:-0} failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "${failed:-0}" -eq 0 ]
