"""iclverify from Python: the subcommands flow, check, risk, exact and plateau as functions.

Each function runs the command line's own parser and command in this process (the compiled
``_core`` module): keyword arguments are its options, ``flow(lam="0.5,2", N=5, digits=60)`` is
``iclverify flow --lambda 0.5,2 --N 5 --digits 60``. A keyword becomes ``--`` + its name with a
trailing underscore dropped and ``_`` turned into ``-`` (``t_end`` -> ``--t-end``, ``lambda_`` ->
``--lambda``); ``lam`` stands for ``--lambda`` (a Python keyword). ``True`` adds a flag, ``False``
and ``None`` leave the option out, a list or tuple is joined with commas, and any other value is
passed as ``str(value)`` (a float as its shortest round-trip decimal, so pass a string when the
decimal you mean is not that float's: ``sigma="0.1"``).

A usage or input error raises ``ValueError`` whose message is the command line's error line,
word for word. Otherwise a dictionary comes back with

- ``status``: the command line's exit status (0 ok, 1 a claim FAILed or was INCONCLUSIVE, or the
  flow did not finish);
- ``output``: what the command printed; ``warnings``: what it printed on stderr;

and, by command, the documents its ``--json``/``--csv``/``--out`` options write, as the same bytes
read back in-process (no files are written unless those options are given):

- ``summary`` (flow, risk): the ``--json`` object, every value a string; full-precision numbers are
  decimal strings that ``mpmath.mpf`` reads;
- ``trajectory`` (flow): the ``--csv`` columns as numpy float64 arrays, and ``trajectory_text``
  the same columns as the full-precision strings;
- ``verdicts`` (check, exact, plateau): the ``results`` list of the ``--json`` document, one
  dictionary per instance, which ``pandas.DataFrame`` takes as it is; ``scalar`` its precision;
- ``polynomial`` (exact): the exact population loss on one line, which ``sympy.sympify`` parses
  (``^`` is a power, coefficients are exact ``p/q``);
- ``figures`` / ``figures_text`` (plateau): each curve or table's CSV by name, as numpy arrays of its
  numeric columns / as strings.

Calls must not overlap (stdout, stderr and MPFR's default precision belong to the process); each
starts from MPFR's precision at the first call, as a fresh process would.
"""

import csv
import io
import json

import numpy as np

from . import _core

__all__ = ["flow", "check", "risk", "exact", "plateau"]


def _option(key):
    if key == "lam":
        return "--lambda"
    return "--" + key.rstrip("_").replace("_", "-")


def _value(value):
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(_value(v) for v in value)
    return str(value)


def _arguments(command, positional, options):
    args = [command] + [str(p) for p in positional]
    for key, value in options.items():
        if value is None or value is False:
            continue
        args.append(_option(key))
        if value is not True:
            args.append(_value(value))
    return args


def _run(command, positional, options):
    status, out, err, documents = _core.run(_arguments(command, positional, options))
    if status == 2:  # a usage or input error: the command line's own message
        start = err.rfind("iclverify: error: ")
        raise ValueError(err[start:].rstrip("\n") if start >= 0 else err.strip())
    return {"status": status, "output": out, "warnings": err}, documents


def _columns(text):
    """CSV text -> ({column: float64 array} for the numeric columns, {column: [strings]})."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    strings = {h: [r[i] for r in body] for i, h in enumerate(header)}
    numbers = {}
    for h, column in strings.items():
        try:
            numbers[h] = np.array([float(v) for v in column], dtype=np.float64)
        except ValueError:
            pass  # a text column: only in the strings
    return numbers, strings


def _summary(result, documents):
    if "summary" in documents:
        result["summary"] = json.loads(documents["summary"])
    return result


def _verdicts(result, documents):
    if "results" in documents:
        doc = json.loads(documents["results"])
        result["scalar"] = doc["scalar"]
        result["verdicts"] = doc["results"]
    return result


def flow(**options):
    """``iclverify flow``: the population gradient flow against its closed-form limit."""
    result, documents = _run("flow", [], options)
    _summary(result, documents)
    if "trajectory" in documents:
        result["trajectory"], result["trajectory_text"] = _columns(documents["trajectory"])
    return result


def check(*paths, **options):
    """``iclverify check [PATHS...]``: the claims of theorem files or folders (default: theorems/)."""
    result, documents = _run("check", paths, options)
    return _verdicts(result, documents)


def risk(**options):
    """``iclverify risk``: the trained model's prediction error, formula against a Monte Carlo."""
    result, documents = _run("risk", [], options)
    return _summary(result, documents)


def exact(**options):
    """``iclverify exact``: the exact population loss polynomial and the exact identity checks."""
    result, documents = _run("exact", [], options)
    if "polynomial" in documents:
        result["polynomial"] = documents["polynomial"]
    return _verdicts(result, documents)


def plateau(experiment, **options):
    """``iclverify plateau EXPERIMENT``: one learning-plateau experiment with its curves."""
    result, documents = _run("plateau", [experiment], options)
    result["figures"], result["figures_text"] = {}, {}
    for name, text in documents.items():
        if name.startswith("figure:"):
            numbers, strings = _columns(text)
            result["figures"][name[len("figure:"):]] = numbers
            result["figures_text"][name[len("figure:"):]] = strings
    return _verdicts(result, documents)
