"""The checks of tests/gpu/run.sh, from the trials' own records (`results --format jsonl --epochs` of both sweeps):
every visible GPU trained, no epoch ran anywhere but on a GPU, each trial was committed once, the kill interrupted
trials that then resumed, and the resumed sweep's final validation losses equal the uninterrupted ones within the
tolerance run.sh states. Prints problems on stderr and one summary line last; exits 0 when all hold.

    python3 check_results.py STRAIGHT.jsonl RESUMED.jsonl DEVICES.json SLOTS KILLED_RUNNING TRIALS
"""
import json
import math
import sys

straight_file, resumed_file, devices_file, slots, killed_running, trials = sys.argv[1:7]
trials = int(trials)
visible = {d["device"] for d in json.load(open(devices_file))["cuda"]}
problems = []


def load(path, name):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    indices = {r["trialIndex"] for r in rows}
    if len(rows) != trials or len(indices) != trials:
        problems.append(f"{name}: {len(rows)} rows for {len(indices)} distinct trials, expected {trials} committed once")
    for r in rows:
        if r["status"] != "completed":
            problems.append(f"{name}: trial {r['trialIndex']} is {r['status']}: {r.get('error')}")
    return {r["trialIndex"]: r for r in rows}


straight, resumed = load(straight_file, "uninterrupted"), load(resumed_file, "resumed")
trained_on, off_gpu = set(), 0
for name, rows in (("uninterrupted", straight), ("resumed", resumed)):
    devices = [e.get("device") for r in rows.values() for e in r.get("history", [])]
    elsewhere = [d for d in devices if not (d or "").startswith("cuda:")]
    off_gpu += len(elsewhere)
    trained_on |= {d for d in devices if d}
    if elsewhere:
        problems.append(f"{name}: {len(elsewhere)} epoch(s) not on a GPU: {sorted(set(map(str, elsewhere)))}")
    if set(devices) != visible:
        problems.append(f"{name}: epochs trained on {sorted(set(map(str, devices)))}; the visible GPUs are {sorted(visible)}")
interrupted = sum(1 for r in resumed.values() if r["attempts"] > 1)
if interrupted == 0:
    problems.append("resumed: no trial has a second attempt, so the kill interrupted nothing")

diffs = []
for index, a in straight.items():
    b = resumed.get(index)
    if b is None or a["finalValLoss"] is None or b["finalValLoss"] is None:
        problems.append(f"trial {index}: no final validation loss to compare")
        continue
    difference = abs(a["finalValLoss"] - b["finalValLoss"])
    diffs.append(difference)
    if difference > max(0.05, 0.10 * abs(a["finalValLoss"])):
        problems.append(f"trial {index}: final val loss {b['finalValLoss']:.4f} after resume, {a['finalValLoss']:.4f} uninterrupted")
mean = sum(diffs) / len(diffs) if diffs else math.nan
if not diffs or mean > 0.01:
    problems.append(f"mean |difference| of the final val losses {mean:.4f} > 0.01")

for problem in problems:
    print(f"gpu check: {problem}", file=sys.stderr)
verdict = "ok" if not problems else f"FAILED ({len(problems)} problem(s) above)"
print(f"gpu check: {verdict}: {len(trained_on & visible)}/{len(visible)} GPU(s) trained ({','.join(sorted(trained_on))}), "
      f"{slots} slots, {len(straight)}+{len(resumed)} of {trials}+{trials} trials committed, {off_gpu} epoch(s) off the GPUs; "
      f"kill -9 with {killed_running} trial(s) running, {interrupted} resumed; final val loss resumed vs uninterrupted: "
      f"max |diff| {max(diffs, default=math.nan):.4f}, mean {mean:.4f} (tolerance max(0.05, 10%) per trial, 0.01 mean)")
sys.exit(0 if not problems else 1)
