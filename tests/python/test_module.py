"""The Python module against the command line: the same runs, in-process and as `iclverify`.

Run by ctest with PYTHONPATH at build/python and ICLVERIFY the command-line binary. The module's
values must equal, as strings, what the command line writes with --json and --csv for the same
options; its errors must carry the command line's message. The exact loss polynomial is checked
against an independent expansion written here in sympy from docs/THEORY.md §1.2-§1.3.
"""

import csv
import json
import os
import subprocess
import tempfile
import unittest

import mpmath
import numpy as np
import pandas
import sympy

import iclverify

CLI = os.environ["ICLVERIFY"]
FLOW = dict(lam="0.5,2", N=5, digits=30)
FLOW_ARGS = ["--lambda", "0.5,2", "--N", "5", "--digits", "30"]


def cli(*args):
    """The command line's exit status, stdout, stderr."""
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def cli_documents(command, args, json_option="--json", csv_option=None):
    """The command line's --json document (and --csv rows) for a run."""
    with tempfile.TemporaryDirectory() as tmp:
        extra = [json_option, os.path.join(tmp, "out.json")]
        if csv_option:
            extra += [csv_option, os.path.join(tmp, "out.csv")]
        status, out, err = cli(command, *args, *extra)
        assert status in (0, 1), err
        with open(os.path.join(tmp, "out.json")) as f:
            doc = json.load(f)
        rows = None
        if csv_option:
            with open(os.path.join(tmp, "out.csv")) as f:
                rows = list(csv.reader(f))
        return status, doc, rows


def without_timings(summary, keys):
    return {k: v for k, v in summary.items() if k not in keys}


class flow_matches_cli(unittest.TestCase):
    def test_summary_and_trajectory_are_the_cli_bytes(self):
        status, doc, rows = cli_documents("flow", FLOW_ARGS, csv_option="--csv")
        r = iclverify.flow(**FLOW)
        self.assertEqual(r["status"], status)
        # Everything but the wall time, character for character.
        self.assertEqual(without_timings(r["summary"], {"wall_seconds"}), without_timings(doc, {"wall_seconds"}))
        self.assertEqual(r["summary"]["scalar"], "mpfr 30")
        header, body = rows[0], rows[1:]
        self.assertEqual(list(r["trajectory_text"]), header)
        for i, h in enumerate(header):
            self.assertEqual(r["trajectory_text"][h], [row[i] for row in body])
            self.assertEqual(r["trajectory"][h].dtype, np.float64)
            self.assertEqual(r["trajectory"][h].tolist(), [float(row[i]) for row in body])
        self.assertGreater(len(body), 2)

    def test_two_precisions_in_one_process(self):
        # 30, then 60, then 30 digits in this one process: each equals the command line's run at
        # its digits (a run that kept the previous precision would not), and 60 digits carry more.
        r30 = iclverify.flow(**FLOW)
        r60 = iclverify.flow(**{**FLOW, "digits": 60})
        r30_again = iclverify.flow(**FLOW)
        _, doc60, _ = cli_documents("flow", ["--lambda", "0.5,2", "--N", "5", "--digits", "60"])
        self.assertEqual(r60["summary"]["scalar"], "mpfr 60")
        self.assertEqual(without_timings(r60["summary"], {"wall_seconds"}), without_timings(doc60, {"wall_seconds"}))
        self.assertEqual(without_timings(r30_again["summary"], {"wall_seconds"}),
                         without_timings(r30["summary"], {"wall_seconds"}))
        mpmath.mp.dps = 100
        u30, u60 = mpmath.mpf(r30["summary"]["u_final"]), mpmath.mpf(r60["summary"]["u_final"])
        theory = mpmath.mpf(r60["summary"]["u_theory"])
        agree30 = -mpmath.log10(abs(u30 - theory) / abs(theory))
        agree60 = -mpmath.log10(abs(u60 - theory) / abs(theory))
        # Each run delivers at least the digits it vouched for, and the 60-digit run 25 more.
        self.assertGreaterEqual(agree30, float(r30["summary"]["digits_vouched"]))
        self.assertGreaterEqual(agree60, float(r60["summary"]["digits_vouched"]))
        self.assertGreater(agree60, agree30 + 25)
        self.assertGreater(len(r60["summary"]["u_final"]), len(r30["summary"]["u_final"]) + 25)

    def test_mpmath_reads_every_full_precision_value(self):
        r = iclverify.flow(**FLOW)
        mpmath.mp.dps = 50
        for key in ("u_final", "u_theory", "loss_final", "min_loss_theory"):
            x = mpmath.mpf(r["summary"][key])
            self.assertTrue(mpmath.isfinite(x), key)
            # The decimal string has more than double's 17 digits and mpf keeps them.
            self.assertNotEqual(x, mpmath.mpf(float(r["summary"][key])), key)


class risk_matches_cli(unittest.TestCase):
    def test_summary_is_the_cli_json(self):
        args = ["--lambda", "1,2", "--N", "5", "--M", "5", "--samples", "2000", "--threads", "1"]
        status, doc, _ = cli_documents("risk", args)
        r = iclverify.risk(lam=[1, 2], N=5, M=5, samples=2000, threads=1)
        timings = {"mc_seconds", "prompts_per_second"}
        self.assertEqual(r["status"], status)
        self.assertEqual(without_timings(r["summary"], timings), without_timings(doc, timings))


class errors_are_the_cli_messages(unittest.TestCase):
    def assert_same_error(self, call, args):
        status, _, err = cli(*args)
        self.assertEqual(status, 2)
        with self.assertRaises(ValueError) as e:
            call()
        self.assertEqual(str(e.exception), err.rstrip("\n"))
        self.assertTrue(str(e.exception).startswith("iclverify: error: "))

    def test_out_of_range_option(self):
        self.assert_same_error(lambda: iclverify.flow(lam="0.5,2", N=0), ["flow", "--lambda", "0.5,2", "--N", "0"])

    def test_bad_value(self):
        self.assert_same_error(lambda: iclverify.flow(lam="0.5,-2", N=5), ["flow", "--lambda", "0.5,-2", "--N", "5"])

    def test_unknown_option(self):
        self.assert_same_error(lambda: iclverify.flow(lam="1", N=5, speed=3),
                               ["flow", "--lambda", "1", "--N", "5", "--speed", "3"])

    def test_bad_digits_and_missing_option(self):
        self.assert_same_error(lambda: iclverify.risk(lam="1", N=5, M=5, digits=8),
                               ["risk", "--lambda", "1", "--N", "5", "--M", "5", "--digits", "8"])
        self.assert_same_error(lambda: iclverify.exact(N=1), ["exact", "--N", "1"])


class verdict_lists(unittest.TestCase):
    def test_check_verdicts_are_the_cli_json_and_a_dataframe(self):
        args = ["theorems/zfb/lemma52_invariance.toml", "--filter", "*/aniso-d2-N5", "--digits", "30", "--jobs", "1"]
        _, doc, _ = cli_documents("check", args)
        r = iclverify.check("theorems/zfb/lemma52_invariance.toml", filter="*/aniso-d2-N5", digits=30, jobs=1)
        strip = lambda vs: [{k: v for k, v in x.items() if k != "timings"} for x in vs]
        self.assertEqual(strip(r["verdicts"]), strip(doc["results"]))
        self.assertEqual(r["scalar"], doc["scalar"])
        df = pandas.DataFrame(r["verdicts"])
        self.assertEqual(len(df), 1)
        self.assertEqual(df.loc[0, "verdict"], "PASS")
        self.assertEqual(df.loc[0, "instance"], "aniso-d2-N5")

    def test_plateau_figures_are_arrays(self):
        r = iclverify.plateau("closed-form", lam="1", N=5, w0="1e-3", digits=30)
        self.assertEqual(r["status"], 0)
        self.assertEqual(pandas.DataFrame(r["verdicts"]).loc[0, "verdict"], "PASS")
        self.assertTrue(r["figures"])
        for name, columns in r["figures"].items():
            for h, values in columns.items():
                self.assertEqual(values.tolist(), [float(v) for v in r["figures_text"][name][h]])


def independent_loss(lam, N):
    """½E[(ŷ − ⟨w, x_q⟩)²] for d = 1, written from docs/THEORY.md §1.2-§1.3 in sympy: the layer
    f(E) = E + W^PV E (Eᵀ W^KQ E)/N applied literally, the expectation by Gaussian moments."""
    a, b, C, c = sympy.symbols("a1 b C11 c1")
    w = sympy.Symbol("w")
    xs = sympy.symbols(f"x1:{N + 1}")
    xq = sympy.Symbol("xq")
    E = sympy.Matrix([[*xs, xq], [*(w * x for x in xs), 0]])
    WPV = sympy.Matrix([[0, 0], [a, b]])
    WKQ = sympy.Matrix([[C, 0], [c, 0]])
    f = E + WPV * E * (E.T * WKQ * E) / N
    yhat = f[1, N]
    loss = sympy.expand(sympy.Rational(1, 2) * (yhat - w * xq) ** 2)
    # E[z^k] for z ~ N(0, s): 0 for odd k, s^(k/2) (k-1)!! for even k; the variables are independent.
    variances = {w: 1, xq: lam, **{x: lam for x in xs}}
    total = 0
    for term in sympy.Add.make_args(loss):
        coef, value = term, 1
        for v, s in variances.items():
            k = sympy.degree(term, v)
            coef = coef.subs(v, 1)
            value *= 0 if k % 2 else s ** (k // 2) * sympy.factorial2(k - 1)
        total += coef * value
    return sympy.expand(total)


class exact_polynomial(unittest.TestCase):
    def test_sympy_parses_the_polynomial_and_it_is_the_loss(self):
        r = iclverify.exact(lam="0.5", N=2)
        poly = sympy.sympify(r["polynomial"])
        expected = independent_loss(sympy.Rational(1, 2), 2)
        point = {sympy.Symbol("a1"): sympy.Rational(1, 3), sympy.Symbol("b"): sympy.Rational(-2, 5),
                 sympy.Symbol("C11"): sympy.Rational(3, 7), sympy.Symbol("c1"): sympy.Rational(5, 4)}
        value = poly.subs(point)
        self.assertIsInstance(value, sympy.Rational)
        self.assertEqual(value, expected.subs(point))
        self.assertEqual(sympy.expand(poly - expected), 0)
        self.assertTrue(all(v == "PASS" for v in pandas.DataFrame(r["verdicts"])["verdict"]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
