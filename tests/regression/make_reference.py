#!/usr/bin/python3
"""Reference values for tests/regression, computed with mpmath only.

Writes tests/data/reference.txt: for every instance of tests/regression/reference.hpp, the closed
forms of ZFB Theorem 4.1 (u*, the eigenbasis diagonal of U*, the minimum loss L*), the risk
R(M, N) of the trained predictor, and the reduced gradient flow at one time t (u(t), L(t) - L*,
||U(t)||_F). Nothing here comes from the C++ code: every formula is written from docs/THEORY.md,
in matrix form where the C++ code works in eigenvalues, and each closed form is computed along two
routes that must agree before anything is written. The trajectory is integrated by mpmath's Taylor
series ODE solver (mpmath.odefun) on the right-hand side of docs/THEORY.md §3.2, in the original
basis with the full d x d matrix U (the C++ integrates the eigenbasis system of §3.3 with its own
extrapolation stepper).

Run by hand from the repository root when the instance list changes (not at build time):

    /usr/bin/python3 tests/regression/make_reference.py > tests/data/reference.txt

Needs Debian's python3-mpmath; python3-gmpy2, if installed, only makes it faster (mpmath then does
its big-integer arithmetic in GMP). The C++ generator (build/make_reference) is kept as a
cross-check: the ctest regression_cross_check recomputes every value in C++ at 150 digits and
compares it with this file.
"""

import datetime
import os
import subprocess
import sys
import time

import mpmath
from mpmath import mp, mpf

DIGITS = 150  # printed significant digits
GUARD = 20    # working digits beyond DIGITS, for the closed forms and the ODE alike

# The instance list of tests/regression/reference.hpp: name, Λ, training length N, σ of the start
# (docs/THEORY.md §3.1), flow time t, test length M. Kept in step by hand; the regression test
# refuses a quantity with no line in the file, and regression_cross_check a line with no quantity.
INSTANCES = [
    ("aniso-d3-N5", "0.5,1,2", 5, "0.1", "3", 10),
    ("linspace-d4-N10", "linspace:0.5:2:4", 10, "auto", "1.5", 20),
    ("iso-d2-N3", "1,1", 3, "0.3", "6", 5),
]


def parse_lambda(spec):
    """The eigenvalues of a diagonal Λ, in the order written: "a,b,c" or "linspace:A:B:D"."""
    if spec.startswith("linspace:"):
        _, a, b, d = spec.split(":")
        a, b, d = mpf(a), mpf(b), int(d)
        return [a + (b - a) * k / (d - 1) for k in range(d)]
    return [mpf(x) for x in spec.split(",")]


def diag(values):
    m = mp.zeros(len(values))
    for i, v in enumerate(values):
        m[i, i] = v
    return m


def trace(a):
    return mp.fsum(a[i, i] for i in range(a.rows))


def agree(a, b, what, digits=None):
    """Refuses to go on unless two routes to one number agree to `digits` digits (by default half
    the guard digits short of the working precision)."""
    if digits is None:
        digits = mp.dps - GUARD // 2
    scale = max(abs(a), abs(b), mpf(1))
    if abs(a - b) > mpf(10) ** (-digits) * scale:
        sys.exit(f"make_reference.py: {what}: two routes disagree: {a} vs {b}")


def closed_forms(lam, N, M):
    """docs/THEORY.md §2.3, §2.6, §3.5, §5.1–§5.3 and §9.4, in matrices."""
    d = len(lam)
    L = diag(lam)
    I = mp.eye(d)
    T = trace(L)
    G = (1 + mpf(1) / N) * L + (T / N) * I  # Γ, §2.3
    Gi = G ** -1                              # by elimination, not by inverting eigenvalues

    # §3.5: u* = ||Γ⁻¹||_F^{1/2}, U* = Γ⁻¹ / u*.
    u_star = mp.sqrt(mp.mnorm(Gi, "f"))
    U_star = Gi / u_star
    agree(mp.mnorm(U_star, "f"), u_star, "||U*||_F = u* (§3.5)")

    # §3.2: the reduced loss at (u*, U*); §2.6: L* = ½T − ½tr(Λ²Γ⁻¹).
    def reduced_loss(u, U):
        return u * u * trace(G * L * U * L * U.T) / 2 - u * trace(L * L * U.T) + T / 2

    min_loss = reduced_loss(u_star, U_star)
    agree(min_loss, (T - trace(L * L * Gi)) / 2, "L* (§2.6 against §3.2)")

    # §5.1 at D = Γ⁻¹, averaged over w ~ N(0, I) (§5.3): with μ_xy = Λw and a = w, Cov(xy) averages
    # to Λ² + TΛ (§9.4) and E_w ||(DΛ − I)w||²_Λ = tr((DΛ − I)ᵀ Λ (DΛ − I)).
    D = Gi
    Sigma = L * L + T * L
    E = D * L - I
    risk = trace(L * D * Sigma * D.T) / M + trace(E.T * L * E)
    # §9.4: Theorem 4.2's terms, simplified with Dμ − a = −(1/N)Γ⁻¹(Λ + TI)w.
    risk_942 = trace(Sigma * Gi * Gi * L) / M + trace(Gi * Gi * (L + T * I) ** 2 * L) / N ** 2
    agree(risk, risk_942, "R(M, N) (§5.1 against §9.4)")

    values = [("u_star", u_star)]
    # The C++ reports U* in the eigenbasis of Λ; Λ is diagonal here, so that is U*'s diagonal, in
    # the order the eigenvalues are written (ascending in every instance).
    assert all(lam[i] <= lam[i + 1] for i in range(d - 1)), "eigenvalues must be ascending"
    values += [(f"U_star_{i + 1}", U_star[i, i]) for i in range(d)]
    values += [("min_loss", min_loss), ("risk_R", risk)]
    return values, G, Gi


def flow_at(lam, N, sigma_spec, t_end, G, Gi):
    """The reduced flow of docs/THEORY.md §3.2 from ZFB's start (§3.1) with ΘΘᵀ = I/√d, at t_end."""
    d = len(lam)
    # Plain lists: the solver runs the right-hand side at many times the working precision, where
    # mp.matrix's overhead dominates. Λ is diagonal, Γ = (1 + 1/N)Λ + (T/N)I with it.
    g = [G[i, i] for i in range(d)]
    if sigma_spec == "auto":  # §3.1: σ² = 1/(√d ||Γ||_op)
        sigma = 1 / mp.sqrt(mp.sqrt(d) * max(mp.eigsy(G, eigvals_only=True)))
    else:
        sigma = mpf(sigma_spec)

    def rhs(_t, y):
        # dU/dt = −u² ΓΛUΛ + uΛ²,  du/dt = −u tr(ΓΛUΛUᵀ) + tr(Λ²Uᵀ)   (§3.2)
        u, U = y[0], y[1:]
        gLUL = [g[i] * lam[i] * U[i * d + j] * lam[j] for i in range(d) for j in range(d)]
        dU = [-u * u * gLUL[k] for k in range(d * d)]
        for i in range(d):
            dU[i * d + i] += u * lam[i] ** 2
        q = mp.fsum(gLUL[k] * U[k] for k in range(d * d))  # tr(ΓΛUΛUᵀ)
        l = mp.fsum(lam[i] ** 2 * U[i * d + i] for i in range(d))  # tr(Λ²Uᵀ)
        return [-u * q + l] + dU

    y0 = [sigma] + [sigma / mp.sqrt(d) if i == j else mpf(0) for i in range(d) for j in range(d)]
    y = mp.odefun(rhs, 0, y0)(mpf(t_end))
    u = y[0]
    U = mp.matrix(d, d)
    for i in range(d):
        for j in range(d):
            U[i, j] = y[1 + i * d + j]
    L = diag(lam)
    # L − L* without cancellation: with P = uU, L − L* = ½ tr(ΓΛ(P − Γ⁻¹)Λ(P − Γ⁻¹)ᵀ) (complete the
    # square in §3.2's loss; Γ and Λ commute). The gap is 1e-14 in one instance.
    R = u * U - Gi
    gap = trace(G * L * R * L * R.T) / 2
    return [("flow_u_at_t", u), ("flow_loss_gap_at_t", gap), ("flow_frob_U_at_t", mp.mnorm(U, "f"))]


def git_commit():
    """HEAD, and whether this script (the only input of the file) differs from its committed form."""
    here = os.path.abspath(__file__)
    try:
        head = subprocess.run(["git", "-C", os.path.dirname(here), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        tracked = subprocess.run(["git", "-C", os.path.dirname(here), "ls-files", "--error-unmatch", here],
                                 capture_output=True).returncode == 0
        changed = not tracked or subprocess.run(["git", "-C", os.path.dirname(here), "diff", "--quiet", "HEAD", "--",
                                                 here]).returncode
        return head + (" (make_reference.py modified since)" if changed else " (make_reference.py as committed)")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    mp.dps = DIGITS + GUARD
    lines = []
    started = time.time()
    for name, lam_spec, N, sigma, t, M in INSTANCES:
        t0 = time.time()
        lam = parse_lambda(lam_spec)
        values, G, Gi = closed_forms(lam, N, M)
        values += flow_at(lam, N, sigma, t, G, Gi)
        # §3.4: u² − ||U||_F² is conserved and 0 at this start, so u(t) = ||U(t)||_F; the two are
        # integrated as different unknowns, so their agreement is a check on the solver.
        agree(values[-3][1], values[-1][1], f"{name}: u(t) = ||U(t)||_F (§3.4)", DIGITS + 5)
        # Exponent notation outside [1e-4, 1e4), as C++ streams print.
        lines += [f"{name} {q} {mp.nstr(v, DIGITS, min_fixed=-4, max_fixed=4)}" for q, v in values]
        print(f"{name}: {time.time() - t0:.1f} s", file=sys.stderr)
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    print("# generator: tests/regression/make_reference.py, independent of the C++ code (docs/THEORY.md §2.3-§3.5, §5.1-§5.3, §9.4)")
    print(f"# mpmath {mpmath.__version__} (backend {mpmath.libmp.BACKEND}), Python {sys.version.split()[0]}")
    print(f"# precision: {DIGITS + GUARD} working digits, printed to {DIGITS} significant digits; closed forms in mpmath "
          f"matrices, flow values by mpmath.odefun (Taylor series, default tolerance and degree) at the same precision")
    print(f"# commit: {git_commit()}")
    print(f"# date: {date}; run time {time.time() - started:.0f} s")
    print("# command: /usr/bin/python3 tests/regression/make_reference.py > tests/data/reference.txt")
    print("# instance quantity value")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
