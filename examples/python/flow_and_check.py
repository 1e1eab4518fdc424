"""A flow and a check from Python, drawn with matplotlib.

Left: one gradient-flow run (Lambda = diag(0.5, 2), N = 5, 50 digits), its loss gap and distance
to the closed-form optimum against flow time. Right: Theorem 4.1 checked on the d = 2, N = 1 instances of
theorems/zfb/thm41_limits.toml, the digits of agreement of each with its verdict.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/flow_and_check.py [OUT.svg]

writes reports/python_example.svg by default; run it from the repository root.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # a file, no window
import matplotlib.pyplot as plt
import pandas

import iclverify

out = sys.argv[1] if len(sys.argv) > 1 else "reports/python_example.svg"

run = iclverify.flow(lam="0.5,2", N=5, digits=50)
t = run["trajectory"]
checked = iclverify.check("theorems/zfb/thm41_limits.toml", filter="*-d2-N1", digits=50, jobs=2)
verdicts = pandas.DataFrame(checked["verdicts"])
if run["status"] != 0 or checked["status"] != 0:
    sys.exit(f"the flow (status {run['status']}) or the check (status {checked['status']}) did not pass")

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
positive = t["loss_gap"] > 0
left.semilogy(t["t"][positive], t["loss_gap"][positive], label="loss gap L - L*")
left.semilogy(t["t"], t["distance_to_optimum"], label="distance to the optimum")
left.set_xlabel("flow time t")
left.set_title(f"flow, Lambda = diag(0.5, 2), N = 5: {run['summary']['digits_vouched']} digits vouched", fontsize=9)
left.legend()

colours = verdicts["verdict"].map({"PASS": "tab:green"}).fillna("tab:red")
right.barh(verdicts["instance"], verdicts["digits"], color=colours)
right.set_xlabel("digits of agreement with the closed-form limit")
right.set_title(f"check, Theorem 4.1 (d = 2, N = 1, {checked['scalar']}): "
                f"{(verdicts['verdict'] == 'PASS').sum()} of {len(verdicts)} PASS", fontsize=9)
right.tick_params(axis="y", labelsize=7)
fig.tight_layout()
fig.savefig(out)
print(f"wrote {out}")
