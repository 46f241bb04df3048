"""The numba right-hand side of :mod:`numeric.llg` (imported only when numba is installed).

Module-level functions so that numba can cache the compiled code on disk.  Vectorised by
LLVM: unsigned indices (no negative-index wraparound), a branch-free site update, one
division per site; e^{(x_i - X)/λ} comes from the stored e^{x_i/λ} times e^{-X/λ}; the
crossing is found by integer reductions.  The constants are packed in one array because
numba's dispatch costs per argument.  ``kernel(y, out, consts)`` writes ṅ into ``out``.
"""
import numba
import numpy as np

__all__ = ["kernel", "ansatz_centre"]

_FAST = {"nsz", "arcp", "contract", "reassoc"}  # no nnan/ninf: NaN still signals failure
_u64 = numba.uint64


@numba.njit(cache=True, nogil=True, inline="always", fastmath=_FAST, error_model="numpy")
def site(i, nx, ny, nz, hx, hy, hz, th, sech, eps_lam, eps_kap, b_x, b_y, alpha, g, ox, oy, oz):
    # h/JS² = exchange + easy axis + hard axis + s-d; ṅ = g[n × h - α n × (n × h)]
    mx, my, mz = nx[i], ny[i], nz[i]
    hx += eps_lam * mx - b_x * th - b_y * sech
    hy += b_x * sech - b_y * th
    hz -= eps_kap * mz
    px = my * hz - mz * hy
    py = mz * hx - mx * hz
    pz = mx * hy - my * hx
    ox[i] = g * (px - alpha * (my * pz - mz * py))
    oy[i] = g * (py - alpha * (mz * px - mx * pz))
    oz[i] = g * (pz - alpha * (mx * py - my * px))


@numba.njit(cache=True, nogil=True, inline="always", fastmath=_FAST, error_model="numpy")
def profile(E):
    # tanh u, sech u from E = e^u; |u| ≤ 1.5·clip (numeric.llg.chain._CLIP), so E² stays finite
    den = 1.0 / (1.0 + E * E)
    return (E * E - 1.0) * den, 2.0 * E * den


@numba.njit(cache=True, nogil=True, error_model="numpy")
def crossing(nx):
    # integer reductions (vectorised): how many sign changes, and the sum of their
    # indices, which is the index when there is one; else the most negative product
    count, where = 0, 0
    for i in range(nx.size - 1):
        change = nx[i] * nx[i + 1] < 0.0
        count += change
        where += i * change
    if count <= 1:
        return where if count == 1 else -1
    lowest, where = 0.0, -1
    for i in range(nx.size - 1):
        if nx[i] * nx[i + 1] < lowest:
            lowest, where = nx[i] * nx[i + 1], i
    return where


@numba.njit(cache=True, nogil=True, error_model="numpy")
def ansatz_centre(nx, ny, x, e, lam, clip, X):
    # Newton on G(X) = Σ sech u (sech u n_x + tanh u n_y), u = (x - X)/λ, from the zero of
    # n_x (numeric.llg.ansatz_position); NaN when it does not converge
    N = nx.size
    for _ in range(30):
        G, dG = 0.0, 0.0
        if abs(X / lam) <= 0.5 * clip:
            s = np.exp(-X / lam)
            for i in range(N):
                th, se = profile(e[i] * s)
                G += se * (se * nx[i] + th * ny[i])
                dG += -2.0 * se * se * th * nx[i] + se * (se * se - th * th) * ny[i]
        else:
            for i in range(N):
                th, se = profile(np.exp(min(max((x[i] - X) / lam, -clip), clip)))
                G += se * (se * nx[i] + th * ny[i])
                dG += -2.0 * se * se * th * nx[i] + se * (se * se - th * th) * ny[i]
        step = -G * lam / dG
        if not abs(step) <= 10.0 * lam:
            return np.nan
        X -= step
        if abs(step) <= 1e-13 * lam:
            return X
    return np.nan


@numba.njit(cache=True, nogil=True, fastmath=_FAST, error_model="numpy")
def kernel(y, out, consts):
    # consts = (λ, (a/λ)², (a/κ)², b_x, b_y, α, clip, centre, x_0 … x_{N-1}, e^{x_0/λ} …),
    # centre 0: the zero of n_x, 1: the ansatz's X
    N = (consts.size - 8) // 2
    lam, eps_lam, eps_kap, b_x, b_y, alpha, clip = (consts[0], consts[1], consts[2],
                                                     consts[3], consts[4], consts[5],
                                                     consts[6])
    x, e = consts[8:8 + N], consts[8 + N:8 + 2 * N]
    nx, ny, nz = y[0:N], y[N:2 * N], y[2 * N:3 * N]
    ox, oy, oz = out[0:N], out[N:2 * N], out[2 * N:3 * N]
    i0 = crossing(nx)
    if i0 < 0:
        for k in range(3 * N):
            out[k] = np.nan
        return
    k0 = min(max(i0 - 1, 0), N - 4)
    up = True
    down = True
    for k in range(3):
        d = nx[k0 + k + 1] - nx[k0 + k]
        up = up and d > 0.0
        down = down and d < 0.0
    if up or down:  # cubic inverse interpolation of x(n_x) at n_x = 0
        X = 0.0
        for k in range(4):
            w = 1.0
            for m in range(4):
                if m != k:
                    w *= -nx[k0 + m] / (nx[k0 + k] - nx[k0 + m])
            X += x[k0 + k] * w
    else:
        X = x[i0] + (x[i0 + 1] - x[i0]) * nx[i0] / (nx[i0] - nx[i0 + 1])
    if consts[7] == 1.0:
        X = ansatz_centre(nx, ny, x, e, lam, clip, X)
        if not np.isfinite(X):
            for k in range(3 * N):
                out[k] = np.nan
            return
    g = 1.0 / (1.0 + alpha * alpha)
    if abs(X / lam) <= 0.5 * clip:  # the interior, one loop without branches
        s = np.exp(-X / lam)
        for k in range(N - 2):
            i = _u64(k) + _u64(1)
            im, ip = i - _u64(1), i + _u64(1)
            th, sech = profile(e[i] * s)
            site(i, nx, ny, nz, nx[im] + nx[ip], ny[im] + ny[ip], nz[im] + nz[ip], th,
                 sech, eps_lam, eps_kap, b_x, b_y, alpha, g, ox, oy, oz)
    else:  # the stored exponentials would clip: one exp per site
        for k in range(N - 2):
            i = _u64(k) + _u64(1)
            im, ip = i - _u64(1), i + _u64(1)
            u = min(max((x[i] - X) / lam, -clip), clip)
            th, sech = profile(np.exp(u))
            site(i, nx, ny, nz, nx[im] + nx[ip], ny[im] + ny[ip], nz[im] + nz[ip], th,
                 sech, eps_lam, eps_kap, b_x, b_y, alpha, g, ox, oy, oz)
    for i, j in ((0, 1), (N - 1, N - 2)):  # the free ends: one neighbour
        u = min(max((x[i] - X) / lam, -clip), clip)
        th, sech = profile(np.exp(u))
        site(i, nx, ny, nz, nx[j], ny[j], nz[j], th, sech, eps_lam, eps_kap, b_x, b_y,
             alpha, g, ox, oy, oz)
