"""Rotated boxes (cx, cy, w, h, theta_deg): image coordinates, y down, w the
long side along (cos t, sin t), theta in [0, 180). Exact skew-IoU and
skew-NMS with the same rules as the Java side (inference/.../geometry).

The IoU is exact (convex clipping), not a rasterised or Gaussian proxy:
anchor labels and validation metrics must agree with what Java computes.
"""
import numpy as np
import torch

MAX_VERTS = 8          # two convex quads intersect in at most 8 vertices
PAIR_CHUNK = 1 << 18   # pairs clipped at once: ~100 MB of float64 buffers
ROW_BLOCK = 1 << 22    # distance-matrix entries per prefilter block


def normalise(boxes: torch.Tensor) -> torch.Tensor:
    """Swap w < h (adding 90 degrees) and reduce theta into [0, 180)."""
    b = boxes.clone()
    swap = b[..., 2] < b[..., 3]
    w, h = b[..., 2].clone(), b[..., 3].clone()
    b[..., 2] = torch.where(swap, h, w)
    b[..., 3] = torch.where(swap, w, h)
    t = torch.remainder(b[..., 4] + swap.to(b.dtype) * 90.0, 180.0)
    b[..., 4] = torch.where(t >= 180.0, torch.zeros_like(t), t)  # fmod rounding
    return b


def corners(boxes: torch.Tensor) -> torch.Tensor:
    """(..., 5) -> (..., 4, 2) corners ordered with positive shoelace area
    (clockwise as seen on a y-down screen): the interior is on the side where
    cross(edge, point - edge start) >= 0, which the clipping relies on."""
    t = torch.deg2rad(boxes[..., 4])
    c, s = torch.cos(t), torch.sin(t)
    hw, hh = boxes[..., 2] / 2, boxes[..., 3] / 2
    ux, uy = c * hw, s * hw          # half long side
    vx, vy = -s * hh, c * hh         # half short side, u rotated by +90
    cx, cy = boxes[..., 0], boxes[..., 1]
    pts = [(cx - ux - vx, cy - uy - vy), (cx + ux - vx, cy + uy - vy),
           (cx + ux + vx, cy + uy + vy), (cx - ux + vx, cy - uy + vy)]
    return torch.stack([torch.stack(p, -1) for p in pts], -2)


def _clip_area(pa: torch.Tensor, pb: torch.Tensor) -> torch.Tensor:
    """Area of quad pa (P,4,2) clipped by convex quad pb (P,4,2), both with
    positive orientation. Sutherland-Hodgman on fixed buffers: slots 0..7
    hold the vertices, slot n a copy of vertex 0 (so "next vertex" is a
    shifted view, no gather), slot 9 swallows dropped candidates."""
    p, dev = pa.shape[0], pa.device
    slot_ids = torch.arange(MAX_VERTS, device=dev).unsqueeze(0)
    dump = torch.full((p, MAX_VERTS), MAX_VERTS + 1, dtype=torch.long, device=dev)
    bx, by = pa.new_zeros(p, MAX_VERTS + 2), pa.new_zeros(p, MAX_VERTS + 2)
    bx[:, :4], by[:, :4] = pa[..., 0], pa[..., 1]
    bx[:, 4], by[:, 4] = pa[:, 0, 0], pa[:, 0, 1]
    n = torch.full((p, 1), 4, dtype=torch.long, device=dev)
    for e in range(4):
        ex0, ey0 = pb[:, e, 0:1], pb[:, e, 1:2]
        ex, ey = pb[:, (e + 1) % 4, 0:1] - ex0, pb[:, (e + 1) % 4, 1:2] - ey0
        cx, cy = bx[:, :MAX_VERTS], by[:, :MAX_VERTS]
        nx, ny = bx[:, 1:MAX_VERTS + 1], by[:, 1:MAX_VERTS + 1]   # next vertex: shifted view
        valid = slot_ids < n
        # Cross product with the edge: >= 0 is inside, the line included, so
        # touching and identical boxes keep their shared boundary.
        dc = ex * (cy - ey0) - ey * (cx - ex0)
        dn = ex * (ny - ey0) - ey * (nx - ex0)
        cin = (dc >= 0) & valid
        # Strict sign change only: a vertex on the line is emitted as itself,
        # never again as a crossing, so exact duplicates cannot pile up.
        cross = (((dc > 0) & (dn < 0)) | ((dc < 0) & (dn > 0))) & valid
        t = dc / (dc - dn)  # inf/nan only where not crossing: dumped below
        ix, iy = cx + t * (nx - cx), cy + t * (ny - cy)
        # Vertex i emits itself (if inside) then its crossing, in ring order.
        cnt = cin.long() + cross.long()
        pos_c = torch.cumsum(cnt, 1) - cnt
        pos_i = pos_c + cin.long()
        sc = torch.where(cin, pos_c.clamp(max=MAX_VERTS - 1), dump)
        si = torch.where(cross, pos_i.clamp(max=MAX_VERTS - 1), dump)
        nbx, nby = pa.new_zeros(p, MAX_VERTS + 2), pa.new_zeros(p, MAX_VERTS + 2)
        nbx.scatter_(1, sc, cx).scatter_(1, si, ix)
        nby.scatter_(1, sc, cy).scatter_(1, si, iy)
        n = cnt.sum(1, keepdim=True).clamp(max=MAX_VERTS)
        nbx.scatter_(1, n, nbx[:, :1].clone())
        nby.scatter_(1, n, nby[:, :1].clone())
        bx, by = nbx, nby
    valid = slot_ids < n
    cr = bx[:, :MAX_VERTS] * by[:, 1:MAX_VERTS + 1] - by[:, :MAX_VERTS] * bx[:, 1:MAX_VERTS + 1]
    area = 0.5 * (cr * valid).sum(1)
    return torch.where(n.squeeze(1) >= 3, area, torch.zeros_like(area)).clamp(min=0)


def _candidate_pairs(a: torch.Tensor, b: torch.Tensor, upper: bool = False):
    """(i, j) pairs whose circumscribed circles overlap (others have IoU 0).
    upper=True keeps only i < j (a is b)."""
    ra = 0.5 * torch.hypot(a[:, 2], a[:, 3])
    rb = 0.5 * torch.hypot(b[:, 2], b[:, 3])
    step = max(1, ROW_BLOCK // max(1, b.shape[0]))
    ii, jj = [], []
    for s in range(0, a.shape[0], step):
        dx = a[s:s + step, None, 0] - b[None, :, 0]
        dy = a[s:s + step, None, 1] - b[None, :, 1]
        hit = dx * dx + dy * dy < (ra[s:s + step, None] + rb[None, :]) ** 2
        if upper:
            col = torch.arange(b.shape[0], device=a.device)
            hit &= col[None, :] > (s + torch.arange(hit.shape[0], device=a.device))[:, None]
        i, j = torch.nonzero(hit, as_tuple=True)
        ii.append(i + s)
        jj.append(j)
    if not ii:
        e = torch.zeros(0, dtype=torch.long, device=a.device)
        return e, e
    return torch.cat(ii), torch.cat(jj)


def _separated(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Separating-axis test for rectangle pairs (rows of x and y): True where
    one of the 4 side directions separates them (then the IoU is 0). Costs a
    fraction of a clipping; most circle-prefiltered thin-box pairs are
    disjoint."""
    dx, dy = y[:, 0] - x[:, 0], y[:, 1] - x[:, 1]
    ta, tb = torch.deg2rad(x[:, 4]), torch.deg2rad(y[:, 4])
    phi = tb - ta
    c, s = torch.cos(phi).abs(), torch.sin(phi).abs()
    ca, sa, cb, sb = torch.cos(ta), torch.sin(ta), torch.cos(tb), torch.sin(tb)
    wa, ha, wb, hb = x[:, 2] / 2, x[:, 3] / 2, y[:, 2] / 2, y[:, 3] / 2
    sep = (dx * ca + dy * sa).abs() > wa + c * wb + s * hb
    sep |= (-dx * sa + dy * ca).abs() > ha + s * wb + c * hb
    sep |= (dx * cb + dy * sb).abs() > wb + c * wa + s * ha
    sep |= (-dx * sb + dy * cb).abs() > hb + s * wa + c * ha
    return sep


def pair_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """IoU of row k of a with row k of b, (P,5) float64 each, float64 result."""
    out = a.new_zeros(a.shape[0])
    live = torch.nonzero(~_separated(a, b)).squeeze(1)
    for s in range(0, live.numel(), PAIR_CHUNK):
        k = live[s:s + PAIR_CHUNK]
        x, y = a[k], b[k]
        # Shift to x's centre: float64 keeps the clipping exact to ~1e-12.
        y = torch.cat([y[:, :2] - x[:, :2], y[:, 2:]], 1)
        x = torch.cat([torch.zeros_like(x[:, :2]), x[:, 2:]], 1)
        inter = _clip_area(corners(x), corners(y))
        aa, ab = x[:, 2] * x[:, 3], y[:, 2] * y[:, 3]
        inter = torch.minimum(inter, torch.minimum(aa, ab))
        union = aa + ab - inter
        out[k] = torch.where(union > 0, inter / union.clamp(min=1e-300), torch.zeros_like(union))
    return out


@torch.no_grad()
def rotated_iou(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Exact skew-IoU matrix (M, N); float64 inside, a's float dtype out
    (the dense result is allocated once, in that dtype)."""
    dtype = a.dtype if a.is_floating_point() else torch.float32
    a64, b64 = a.to(torch.float64).reshape(-1, 5), b.to(torch.float64).reshape(-1, 5)
    out = torch.zeros(a64.shape[0], b64.shape[0], dtype=dtype, device=a.device)
    if out.numel():
        i, j = _candidate_pairs(a64, b64)
        if i.numel():
            out[i, j] = pair_iou(a64[i], b64[j]).to(dtype)
    return out


def score_order(scores: torch.Tensor) -> torch.Tensor:
    """Indices by descending score, ties by ascending index (the Java order)."""
    s = scores.detach().to(torch.float64).cpu().numpy()
    return torch.from_numpy(np.lexsort((np.arange(s.size), -s))).to(torch.long)


@torch.no_grad()
def nms(boxes: torch.Tensor, scores: torch.Tensor, thr: float) -> torch.Tensor:
    """Greedy skew-NMS: visit by descending score (ties: lower index first),
    drop a box whose IoU with an already kept box is >= thr. Only pairs whose
    circles overlap are clipped, so thousands of candidates stay cheap.
    Returns kept indices (LongTensor, CPU) in visiting order."""
    n = boxes.shape[0]
    if n == 0:
        return torch.zeros(0, dtype=torch.long)
    order = score_order(scores)
    b = boxes.detach().to(torch.float64).cpu()[order]
    i, j = _candidate_pairs(b, b, upper=True)   # i < j in visiting order
    if i.numel():
        hit = pair_iou(b[i], b[j]) >= thr
        i, j = i[hit], j[hit]
    i, j = i.numpy(), j.numpy()
    srt = np.argsort(i, kind="stable")
    i, j = i[srt], j[srt]
    start = np.searchsorted(i, np.arange(n + 1))
    dropped = np.zeros(n, dtype=bool)
    kept = []
    for k in range(n):
        if not dropped[k]:
            kept.append(k)
            dropped[j[start[k]:start[k + 1]]] = True  # only later boxes: j > k
    return order[torch.as_tensor(kept, dtype=torch.long)]
