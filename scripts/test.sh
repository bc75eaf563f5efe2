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
for project in tests/*.Tests/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results/$name" "$@" || test_rc=1
done

# dotnet test prints no machine-readable total: sum the TRX counters of every test assembly. Failed tests are
# listed (name, duration, first lines of the message) just above the total, where a CI log tail shows them.
summary="$(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in sorted(glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)):
    root = ET.parse(path).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
    for r in root.iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") in ("Passed", "NotExecuted"): continue
        message = (r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns) or "").strip().splitlines()
        print(f"FAILED {r.get('testName')} [{r.get('duration')}]")
        for line in message[:6]: print("    " + line)
print(p, f, s)
PY
)"
[ -n "$summary" ] && sed '$d' <<< "$summary"
read -r passed failed skipped <<< "$(tail -n 1 <<< "$summary")"
if [ "${passed:-0}" -eq 0 ] && [ "${failed:-0}" -eq 0 ]; then
  echo "no test results found"
  failed=1
fi
[ $test_rc -ne 0 ] && [ "${failed:-0}" -eq 0 ] && failed=1   # a crashed test host counts as a failure
line="${passed:-0} passed, ${failed:-0} failed"
[ "${skipped:-0}" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "${failed:-0}" -eq 0 ]
