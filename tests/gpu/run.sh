#!/usr/bin/env bash
# The GPU check, for a person with a CUDA machine (CI has no GPU; docs/operations.md, "GPU silos"). NOT YET RUN ON
# REAL HARDWARE: until someone runs it, treat a failure as a finding about this script as much as about the silo.
#
#   bash tests/gpu/run.sh            # from anywhere in the checkout; needs an NVIDIA GPU, its driver, .NET 10, python3
#
# 1. stops at once (exit 2, one line, nothing built) where CUDA is missing;
# 2. builds the CLI with -p:TorchBackend=cuda-linux (the CUDA 12.8 libtorch, restored from your usual NuGet feed:
#    several GB the first time) into artifacts/gpu-check/cli, and runs `devices`;
# 3. runs a sweep of 32 small trials (Fashion-MNIST, 2,000 images, 3 epochs) with 2 slots per GPU, uninterrupted;
# 4. runs the same sweep again in another state folder, kills it with kill -9 while trials train, and resumes it;
# 5. checks from the trials' own records (each epoch's device in `results --epochs`) that every visible GPU trained,
#    that no epoch ran on the CPU, that each trial was committed once, and that the resumed sweep's final validation
#    losses equal the uninterrupted ones within the tolerance below.
#
# Tolerance: GPU kernels are not bit-exact. The convolutions' backward passes (cuDNN weight/data-gradient algorithms
# that accumulate with atomic adds) and AdaptiveAvgPool2d's backward (atomicAdd) sum in an order that changes from run
# to run, and TorchSharp 0.107 has no switch to forbid them (docs/architecture.md, "GPU exactness"). Those last-bit
# differences compound over the ~100 optimizer steps of a trial, so each trial's final validation loss may differ by
# up to max(0.05, 10% of the loss) and the mean difference over the 32 trials by at most 0.01 (a first guess,
# deliberately loose: tighten it once real runs have been seen). Exits 0 when every check holds, 1 otherwise, with
# one summary line last.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work="$root/artifacts/gpu-check"

no_cuda() { echo "gpu check: no CUDA here: $*; this check needs an NVIDIA GPU with its driver (nothing was built)" >&2; exit 2; }
fail() { echo "gpu check: FAILED: $*"; exit 1; }

# 1. Fail fast: the driver must be there before anything (the CUDA libtorch packages are large) is restored.
command -v nvidia-smi >/dev/null 2>&1 || no_cuda "nvidia-smi not found"
listed=$(nvidia-smi -L 2>/dev/null | grep -c '^GPU ' || true)
[[ "$listed" -ge 1 ]] || no_cuda "nvidia-smi lists no GPU"
command -v python3 >/dev/null 2>&1 || { echo "gpu check: python3 is needed to read the results" >&2; exit 2; }
command -v dotnet >/dev/null 2>&1 || { echo "gpu check: the .NET 10 SDK (dotnet) is needed" >&2; exit 2; }

# 2. A CUDA build of the CLI (it hosts the silo of `run` itself), then what it sees.
rm -rf "$work/runs" && mkdir -p "$work/runs"
echo "gpu check: building with -p:TorchBackend=cuda-linux (first time: the CUDA libtorch packages are downloaded) ..."
dotnet build src/Client/Client.csproj -c Release -p:TorchBackend=cuda-linux -o "$work/cli" -nologo -v quiet \
  || fail "the CUDA build failed (output above)"
export CUBLAS_WORKSPACE_CONFIG=:4096:8   # as the CUDA image sets it (docs/architecture.md, GPU exactness)
cli=(dotnet "$work/cli/orleans-sweep.dll")
"${cli[@]}" devices --per-device 2 || fail "devices: this build sees no usable GPU (output above)"
"${cli[@]}" devices --per-device 2 --json > "$work/devices.json"
read -r gpus slots < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(len(d["cuda"]), len(d["plan"]["slots"]) if d["plan"] else 0)' "$work/devices.json")
[[ "$gpus" -ge 1 ]] || fail "devices --json: the CUDA build sees no GPU although nvidia-smi lists $listed"
[[ -z "${CUDA_VISIBLE_DEVICES:-}" && "$gpus" -ne "$listed" ]] && fail "the CUDA build sees $gpus GPU(s), nvidia-smi lists $listed"

# The data: Fashion-MNIST where the bootstrap installs it, else fetched once into artifacts/gpu-check/data.
data="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
if [[ ! -f "$data/train-images-idx3-ubyte.gz" ]]; then
  data="$work/data/fashion-mnist"
  "${cli[@]}" data fetch --dataset fashion-mnist --data-dir "$data" >/dev/null || fail "could not fetch Fashion-MNIST"
fi
spec="$work/gpu-check.yaml"
cat > "$spec" <<YAML
name: gpu-check
seed: 11
data:
  subset: 2000
  dirs:
    fashion-mnist: $data
factors:
  dataset: [fashion-mnist]
  architecture: [sequential, parallel]
  layers: [2, 4]
  filters: [8, 16]
  kernel: [3]
  activation: [relu, tanh]
  batchNorm: [false]
  optimizer: [adam]
  learningRate: [1e-3, 3e-3]
  batchSize: [64]
epochs: 3
replicates: 1
retry: { maxAttempts: 2, backoffSeconds: 1 }
leaseTimeoutSeconds: 30
YAML
run_args=(--devices auto --per-device 2 --no-report --metrics off)

# 3. Uninterrupted.
echo "gpu check: the uninterrupted sweep ($slots slots on $gpus GPU(s)) ..."
"${cli[@]}" run "$spec" --state-dir "$work/runs/straight" "${run_args[@]}" --json > "$work/runs/straight.log" \
  || fail "the uninterrupted sweep failed (see $work/runs/straight.log)"
"${cli[@]}" results gpu-check --state-dir "$work/runs/straight" --format jsonl --epochs --out "$work/straight.jsonl" >/dev/null

# 4. Killed with kill -9 once a quarter of the trials are done and others are training, then resumed.
echo "gpu check: the same sweep, killed with kill -9 and resumed ..."
"${cli[@]}" run "$spec" --state-dir "$work/runs/resumed" "${run_args[@]}" --json > "$work/runs/resumed-1.log" &
pid=$!
killed_running=0
for _ in $(seq 1 1200); do
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || break
  read -r done running < <(tail -n 1 "$work/runs/resumed-1.log" 2>/dev/null | python3 -c '
import json, sys
try:
    s = json.loads(sys.stdin.read()); print(s["counts"]["completed"], s["counts"]["running"])
except Exception:
    print(0, 0)') || true
  if [[ "${done:-0}" -ge 8 && "${running:-0}" -ge 1 ]]; then
    kill -9 "$pid"; killed_running=$running; break
  fi
done
wait "$pid" 2>/dev/null || true
[[ "$killed_running" -ge 1 ]] || fail "the sweep ended before it could be killed with trials running (see $work/runs/resumed-1.log)"
"${cli[@]}" run "$spec" --state-dir "$work/runs/resumed" "${run_args[@]}" --json > "$work/runs/resumed-2.log" \
  || fail "the resumed sweep failed (see $work/runs/resumed-2.log)"
"${cli[@]}" results gpu-check --state-dir "$work/runs/resumed" --format jsonl --epochs --out "$work/resumed.jsonl" >/dev/null

# 5. The checks, from the trials' own records.
python3 tests/gpu/check_results.py "$work/straight.jsonl" "$work/resumed.jsonl" "$work/devices.json" "$slots" "$killed_running" 32
