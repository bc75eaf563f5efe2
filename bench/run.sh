#!/usr/bin/env bash
# bash bench/run.sh NAME [options]: builds the harness in Release, runs benchmark NAME (today: trainer).
# Progress goes to stderr; the figures are the LAST line of stdout. See bench/README.md.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
name="${1:?usage: bash bench/run.sh NAME [options]   (NAME: trainer)}"
shift
out="$root/artifacts/bench"

if ! log="$(dotnet build "$root/bench/OrleansSweep.Bench/OrleansSweep.Bench.csproj" -c Release -o "$out" -nologo -v quiet 2>&1)"; then
  printf '%s\n' "$log" >&2
  echo "error: bench/OrleansSweep.Bench: build failed (output above)" >&2
  exit 1
fi
exec dotnet "$out/OrleansSweep.Bench.dll" "$name" "$@"
