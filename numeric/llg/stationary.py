"""Does the chain's wall reach a stationary state?  Long runs in a moving window, and the limit.

Beyond the letter.  The letter's (14)-(16) say the wall always relaxes to V*; its nonlinear
ansatz (:mod:`numeric.nonlinear`) cannot say anything else.  Here the chain decides:

* :func:`run` integrates the chain from the relaxed wall in chunks of ``chunk`` τ_DW (shorter
  where V* would carry the wall a quarter of the margin in one) and keeps
  the wall in the middle of a chain of fixed length by shifting the spins by whole sites
  between chunks (the sites leaving at one end are far domain, the ones entering copies of
  the far domain at the other: exact to e^{-(distance to the end)/λ}); it ends when the
  stationarity criterion holds, when the wall's tilt ψ passes π/2, or at ``t_max``;
* the **stationarity criterion**, for V (the rate of the ansatz's X,
  :func:`numeric.llg.ansatz_velocity`) and for the tilt ψ alike: with D₂ the largest change
  over the last ``window`` τ_DW and D₁ over the window before, the change shrinks (q = D₂/D₁
  ≤ 0.95) and D₂ plus the geometric tail D₂ q/(1 - q) still to come is at most ``tol`` of the
  value (or D₂ itself is below 1e-3 tol, the level of the integration's noise) — a slow approach (near the limit the approach is slow) is followed until its
  extrapolated end is within ``tol``; a run that never meets the criterion within ``t_max``
  is "undecided", never "stationary";
* the **tilt** ψ is the angle of the wall plane out of the easy plane about the wire axis
  (:func:`numeric.llg.wall_tilt`): exactly the ψ of the rigid profile (:mod:`derivation.wall.rigid_profile`)
  on such a wall.  Once |ψ| passes π/2 the wall has
  turned through the Bloch configuration; the run is "turned" and is continued for
  ``after`` τ_DW to record what follows (in every run so far: the wall plane goes on to
  ψ = π, V reverses, and the wall stops with the opposite chirality, where the co-moving
  drive exerts no force);
* :func:`stationary_limit` brackets the largest |T⊥| with a stationary run by bisection.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .chain import ATOL, RTOL, chain
from .measure import ansatz_position, wall_tilt

__all__ = ["Run", "run", "stationary_limit", "Limit", "OUTCOMES"]

OUTCOMES = ("stationary", "turned", "undecided")


@dataclass
class Run:
    """One long run: the outcome, the last values and the sampled history (t in τ_DW)."""

    T_perp: float
    outcome: str
    V: float                   # m/s, at the end (the ansatz's X); for "turned": after `after`
    tilt: float                # rad, at the end
    xi0: float                 # ξ0 at the end (the tilt projected on Φ0, numeric.llg)
    drift_V: float             # (D₂ + tail)/|V|: the change still possible (criterion)
    drift_tilt: float          # the same for ψ
    t_end: float               # τ_DW
    window: float              # τ_DW
    tol: float
    n_sites: int
    centre: str
    rtol: float
    atol: float
    V_at_turn: float = math.nan   # V when |ψ| passed π/2
    t_turn: float = math.nan      # τ_DW
    history: dict = field(default_factory=dict, repr=False)

    def record(self) -> dict:
        """A JSON-able summary (history decimated to at most 400 points)."""
        out = {k: v for k, v in self.__dict__.items() if k != "history"}
        step = max(1, len(self.history.get("t", [])) // 400)
        out["history"] = {k: [float(x) for x in v[::step]] for k, v in self.history.items()}
        return out


def _settled(t: np.ndarray, y: np.ndarray, window: float, tol: float) -> tuple[bool, float]:
    """(criterion met, D₂ + tail relative to |y|): see "stationarity criterion" above."""
    last, before = t >= t[-1] - window, (t >= t[-1] - 2 * window) & (t <= t[-1] - window)
    d2 = np.max(np.abs(y[last] - y[-1]))
    d1 = np.max(np.abs(y[before] - y[before][-1]))
    scale = max(abs(y[-1]), 1e-300)
    if d2 <= 1e-3 * tol * scale:  # at the integration's noise, far below tol: nothing to follow
        return True, float(d2 / scale)
    q = d2 / d1 if d1 > 0 else math.inf
    tail = d2 * q / (1 - q) if q < 1 else math.inf
    change = (d2 + tail) / scale
    return bool(q <= 0.95 and change <= tol), float(change)


def _shifted(n: np.ndarray, k: int) -> np.ndarray:
    """The spins moved by k sites to the right (k > 0) or left; the ends filled by copies."""
    if k == 0:
        return n
    out = np.empty_like(n)
    if k > 0:
        out[:, k:] = n[:, :-k]
        out[:, :k] = n[:, :1]
    else:
        out[:, :k] = n[:, -k:]
        out[:, k:] = n[:, -1:]
    return out


def run(*, T_perp, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites=None,
        centre="ansatz", rtol=RTOL, atol=ATOL, window=2.0, tol=1e-3, t_max=100.0,
        chunk=1.0, samples=20, after=10.0, margin=20.0) -> Run:
    """Integrate from the relaxed wall until stationary, turned, or ``t_max`` (τ_DW units).

    ``n_sites``: the window's length (default: the wall ±``margin``·λ, even); the wall is
    moved back to the middle whenever it is more than 2λ away.  See the module docstring.
    """
    import numeric
    from .dynamics import simulate
    from .relax import relaxed_wall
    p = dict(T_perp=T_perp, alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd,
             S_par=S_par)
    tau = numeric.tau_dw(alpha=alpha, a=a, kappa=kappa, J=J, S=S, J_sd=J_sd, S_par=S_par)
    if n_sites is None:
        n_sites = 2 * int(math.ceil(margin * lam / a)) + 4
    c = chain(**p, n_sites=n_sites, centre=centre)
    # a chunk in which the wall cannot travel more than a quarter of the margin (|V| ≤ |V*|
    # on the way to a stationary state; a turning wall is slower)
    v_star = abs(numeric.v_star_from_torque(T_perp=T_perp, alpha=alpha, lam=lam, J_sd=J_sd))
    if v_star > 0:
        chunk = min(chunk, 0.25 * margin * lam / (v_star * tau))
    state = relaxed_wall(c)
    offset = 0.0  # lab position of the window's origin [m]
    hist = {k: [] for k in ("t", "X", "V", "tilt", "V_nx", "xi0")}
    t_now, turned_at, outcome = 0.0, None, "undecided"
    per = max(2, int(samples))
    while t_now < t_max - 1e-12:
        span = min(chunk, t_max - t_now)
        ts = np.linspace(0.0, span, per + 1) * tau
        traj = simulate(ts, c, n_start=state, rtol=rtol, atol=atol)
        for k in range(1, per + 1):
            hist["t"].append(t_now + ts[k] / tau)
            hist["X"].append(offset + traj.X_zm[k])
            hist["V"].append(traj.V_zm[k])
            hist["V_nx"].append(traj.V[k])
            hist["xi0"].append(traj.xi0[k])
            hist["tilt"].append(wall_tilt(traj.n[k], c.x, lam))
        t_now += span
        state = traj.n[-1]
        X = ansatz_position(state, c.x, lam)
        if not np.isfinite(X):
            raise RuntimeError(f"run: the wall was lost at t = {t_now:.3g} τ_DW (T⊥ = {T_perp!r})")
        if abs(X) > 2 * lam:  # back to the middle, by whole sites
            k = -int(round(X / a))
            state = _shifted(state, k)
            offset -= k * a
        t = np.asarray(hist["t"])
        if turned_at is None and abs(hist["tilt"][-1]) > math.pi / 2:
            turned_at = len(t) - 1
            t_stop = min(t_max, t_now + after)
            outcome = "turned"
        if turned_at is not None:
            if t_now >= t_stop - 1e-12:
                break
            continue
        if t[-1] >= 2 * window:
            settled = [_settled(t, np.asarray(hist[q]), window, tol) for q in ("V", "tilt")]
            if all(ok for ok, _ in settled):
                outcome = "stationary"
                break
    t = np.asarray(hist["t"])
    V, tilt = np.asarray(hist["V"]), np.asarray(hist["tilt"])
    drift_V = _settled(t, V, window, tol)[1] if t[-1] >= 2 * window else math.inf
    drift_tilt = _settled(t, tilt, window, tol)[1] if t[-1] >= 2 * window else math.inf
    out = Run(T_perp=float(T_perp), outcome=outcome, V=float(V[-1]), tilt=float(tilt[-1]),
              xi0=float(hist["xi0"][-1]),
              drift_V=drift_V, drift_tilt=drift_tilt, t_end=float(t[-1]), window=window,
              tol=tol, n_sites=int(n_sites), centre=centre, rtol=rtol, atol=atol,
              history={k: np.asarray(v) for k, v in hist.items()})
    if turned_at is not None:
        out.V_at_turn, out.t_turn = float(V[turned_at]), float(t[turned_at])
    return out


@dataclass
class Limit:
    """The bracket [lower, upper] of |T⊥| where the chain's stationary state is lost, the runs.

    ``torque`` is ``lower`` — the largest |T⊥| whose run was stationary — when the bracket is
    closed, else None; ``evidence`` says what the runs showed either way.
    """

    lower: float | None     # the largest |T⊥| whose run was stationary
    upper: float | None     # the smallest |T⊥| whose run turned
    runs: list

    @property
    def torque(self) -> float | None:
        return self.lower if self.lower is not None and self.upper is not None else None

    @property
    def width(self) -> float | None:
        """(upper - lower)/upper, the bracket's relative width (None if not bracketed)."""
        return None if self.torque is None else (self.upper - self.lower) / self.upper

    @property
    def evidence(self) -> str:
        """One line per run: |T⊥|, its outcome, how long it ran and where it ended."""
        return "\n".join(f"|T⊥| = {abs(r.T_perp):.6g}: {r.outcome} after {r.t_end:.4g} τ_DW "
                         f"(V = {r.V:.4g} m/s, ψ = {r.tilt:.4g} rad)" for r in self.runs)


def stationary_limit(*, alpha, a, lam, kappa, J, S, J_sd, S_par=0.0, n_sites=None, start=None,
                     sign=1.0, rel_width=0.02, max_runs=12, **options) -> Limit:
    """The largest |T⊥| for which the chain reaches a stationary state, bracketed by simulation.

    From ``start`` (default: the rigid profile's critical torque, :func:`numeric.critical_torque`,
    the model that tracks the chain) the bracket is widened by factors of 1.25 until it holds a
    stationary run and a turned one (:func:`run`), then bisected (geometrically) to
    ``rel_width``; T⊥ has the sign of ``sign``.  Returns a :class:`Limit`: ``torque`` the
    largest stationary |T⊥| found, ``width`` the bracket's relative width, ``runs`` and
    ``evidence`` what each run did; ``torque`` is None when the bracket cannot be closed (an
    "undecided" run ends the search, or ``max_runs`` is reached).  ``options`` go to
    :func:`run` (``centre``, ``rtol``, ``atol``, ``window``, ``tol``, ``t_max``, ``margin``).
    """
    wall = dict(alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S, J_sd=J_sd, S_par=S_par,
                n_sites=n_sites)
    if start is None:
        import numeric
        start = numeric.critical_torque(alpha=alpha, a=a, lam=lam, kappa=kappa, J=J, S=S,
                                        J_sd=J_sd, S_par=S_par)
    if not (math.isfinite(start) and start != 0):
        raise ValueError(f"stationary_limit: start must be a nonzero torque, got {start!r}")
    runs, lower, upper = [], None, None

    def probe(T):
        r = run(T_perp=math.copysign(T, sign), **wall, **options)
        runs.append(r)
        return r.outcome

    T = abs(start)
    while len(runs) < max_runs and (lower is None or upper is None):
        outcome = probe(T)
        if outcome == "undecided":
            return Limit(lower, upper, runs)
        if outcome == "stationary":
            lower = T
            T = T * 1.25 if upper is None else math.sqrt(T * upper)
        else:
            upper = T
            T = T / 1.25 if lower is None else math.sqrt(lower * T)
    while len(runs) < max_runs and lower is not None and upper is not None \
            and (upper - lower) / upper > rel_width:
        T = math.sqrt(lower * upper)
        outcome = probe(T)
        if outcome == "undecided":
            break
        if outcome == "stationary":
            lower = T
        else:
            upper = T
    return Limit(lower, upper, runs)
