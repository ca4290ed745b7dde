"""DeepCHM training losses (shared/docs/deepchm.md section 5): CenterNet
focal loss on the saliency maps, HDLos (hardness-weighted focal + KLD
regression) on the anchors, and the negative samplers (DASmp and the
ablation alternatives random, OHEM, HNAS)."""
import torch
from torch import nn
import torch.nn.functional as F

from .anchors import MAX_LOG_SCALE, all_locations, anchors_at, label_anchors, sgach_locations
from .network import AnchorConfig

SAMPLERS = ("dasmp", "random", "ohem", "hnas")
# A Gaussian peak is exp(0) = 1; the tolerance only guards float32 rounding.
PEAK = 1.0 - 1e-4
MIN_SIDE = 1e-3  # px: keeps the predicted Gaussian's log-determinant finite


def saliency_focal(logits: torch.Tensor, target: torch.Tensor, alpha: float = 2.0,
                   beta: float = 4.0) -> torch.Tensor:
    """CenterNet focal loss over (B,3,h,w): per channel normalised by its
    number of peaks (at least 1) over the batch, then summed over channels."""
    pos = target >= PEAK
    p = torch.sigmoid(logits)
    pos_l = (1 - p) ** alpha * F.logsigmoid(logits)
    neg_l = (1 - target) ** beta * p ** alpha * F.logsigmoid(-logits)
    per_ch = -torch.where(pos, pos_l, neg_l).sum(dim=(0, 2, 3))
    return (per_ch / pos.sum(dim=(0, 2, 3)).clamp(min=1)).sum()


def focal(logits: torch.Tensor, positive: torch.Tensor, gamma: float = 2.0) -> torch.Tensor:
    """Per-anchor sigmoid focal loss (1 - p_t)^gamma * CE. No alpha: the
    sampler already fixes the positive:negative ratio at 1:2."""
    y = positive.to(logits.dtype)
    ce = F.binary_cross_entropy_with_logits(logits, y, reduction="none")
    p = torch.sigmoid(logits)
    p_t = p * y + (1 - p) * (1 - y)
    return (1 - p_t) ** gamma * ce


def kld(pred: torch.Tensor, gt: torch.Tensor) -> torch.Tensor:
    """KL(N_pred || N_gt) per box, (K,5) each (theta in degrees; pred need not
    be normalised). N = (centre, R diag(w^2/4, h^2/4) R^T). Closed form in
    the gt's frame, one box per row: no broadcasting across boxes."""
    wp, hp = pred[:, 2].clamp(min=MIN_SIDE), pred[:, 3].clamp(min=MIN_SIDE)
    wt, ht = gt[:, 2].clamp(min=MIN_SIDE), gt[:, 3].clamp(min=MIN_SIDE)
    tt = torch.deg2rad(gt[:, 4])
    phi = torch.deg2rad(pred[:, 4]) - tt
    c2, s2 = torch.cos(phi) ** 2, torch.sin(phi) ** 2
    ap, bp, at, bt = wp ** 2 / 4, hp ** 2 / 4, wt ** 2 / 4, ht ** 2 / 4
    trace = (ap * c2 + bp * s2) / at + (ap * s2 + bp * c2) / bt
    dx, dy = pred[:, 0] - gt[:, 0], pred[:, 1] - gt[:, 1]
    u = dx * torch.cos(tt) + dy * torch.sin(tt)       # offset along gt's w
    v = -dx * torch.sin(tt) + dy * torch.cos(tt)      # along gt's h
    maha = u ** 2 / at + v ** 2 / bt
    logdet = 2 * (torch.log(wt) + torch.log(ht) - torch.log(wp) - torch.log(hp))
    return (0.5 * (trace + maha - 2 + logdet)).clamp(min=0)


def kld_loss(d: torch.Tensor, tau: float = 1.0) -> torch.Tensor:
    """1 - 1/(tau + ln(D + 1)): 0 at D = 0, bounded by 1."""
    return 1 - 1 / (tau + torch.log1p(d))


def hardness_weight(crossing, bend, aspect, u, rho: float = 1.0) -> torch.Tensor:
    """HDLos w_j = 1 + (1 - exp(-rho * (I_itr + v*r*u))), in [1, 2)."""
    return 1 + (1 - torch.exp(-rho * (crossing + bend * aspect * u)))


def negative_count(num_pos: int, num_neg: int, ratio: int = 2, minimum: int = 16) -> int:
    """ratio negatives per positive; `minimum` when there is no positive."""
    want = ratio * num_pos if num_pos > 0 else minimum
    return min(want, num_neg)


def sample_negatives(kind: str, count: int, loss: torch.Tensor, max_iou: torch.Tensor,
                     gen: torch.Generator) -> torch.Tensor:
    """`count` distinct indices into the negative candidates (loss (K,) their
    detached focal losses, max_iou (K,) their best IoU with any gt)."""
    k = loss.numel()
    count = min(count, k)
    loss, max_iou = loss.detach().float().cpu(), max_iou.detach().float().cpu()
    if count <= 0:
        return torch.zeros(0, dtype=torch.long)
    if kind == "random":
        return torch.randperm(k, generator=gen)[:count]
    if kind == "ohem":
        return torch.topk(loss, count).indices
    if kind == "dasmp":
        # Weighted reservoir sampling without replacement (Efraimidis-Spirakis):
        # key = U^(1/w), keep the `count` largest; log keys avoid underflow.
        w = torch.softmax(1 - torch.exp(-4 * loss), 0).double()
        keys = torch.log(torch.rand(k, generator=gen, dtype=torch.float64)) / w
        return torch.topk(keys, count).indices
    if kind == "hnas":
        # DeepACEv2: half from hard negatives (max IoU in [0.1, 0.5)), rest random.
        hard = torch.nonzero((max_iou >= 0.1) & (max_iou < 0.5)).flatten()
        take = hard[torch.randperm(hard.numel(), generator=gen)[:count // 2]]
        rest = torch.ones(k, dtype=torch.bool)
        rest[take] = False
        pool = torch.nonzero(rest).flatten()
        more = pool[torch.randperm(pool.numel(), generator=gen)[:count - take.numel()]]
        return torch.cat([take, more])
    raise ValueError("unknown sampler %r (have %s)" % (kind, ", ".join(SAMPLERS)))


def _as_tensor(x, dtype, device, shape=None):
    t = torch.as_tensor(x, dtype=dtype, device=device)
    return t.reshape(shape) if shape is not None else t


class DeepCHMLoss(nn.Module):
    """Total = L_sal + 2 L_cls + 2 L_reg; L_cls and L_reg are summed over the
    batch and divided by the number of positives (at least 1).

    use_sgach: anchors only at gt-skeleton cells >= t_loc (else every cell).
    use_hdlos: hardness weights w_j (else 1: plain focal + plain KLD loss).
    use_dasmp=False turns the default "dasmp" sampler into "random".
    sgach_pred=True (not in the paper) adds the cells where the *predicted*
    skeleton is >= t_loc, so anchors on false skeleton responses, which the
    Java decoder will visit, are trained as negatives too."""

    def __init__(self, cfg: AnchorConfig, t_loc=0.2, pos_iou=0.6, neg_iou=0.4,
                 sampler="dasmp", use_sgach=True, use_hdlos=True, neg_ratio=2, seed=0,
                 use_dasmp=True, min_neg=16, rho=1.0, tau=1.0, gamma=2.0, sgach_pred=False):
        super().__init__()
        if sampler not in SAMPLERS:
            raise ValueError("unknown sampler %r (have %s)" % (sampler, ", ".join(SAMPLERS)))
        self.cfg, self.t_loc, self.pos_iou, self.neg_iou = cfg, t_loc, pos_iou, neg_iou
        self.sampler = "random" if (sampler == "dasmp" and not use_dasmp) else sampler
        self.use_sgach, self.use_hdlos, self.sgach_pred = use_sgach, use_hdlos, sgach_pred
        self.neg_ratio, self.min_neg = neg_ratio, min_neg
        self.rho, self.tau, self.gamma = rho, tau, gamma
        self.gen = torch.Generator().manual_seed(seed)

    def forward(self, logits, targets):
        sal, cls, deltas = logits
        b, a, h, w = cls.shape
        dev = cls.device
        sal_t = torch.stack([_as_tensor(t.saliency, torch.float32, dev) for t in targets])
        l_sal = saliency_focal(sal, sal_t)
        cls_sum, reg_sum = cls.new_zeros(()), cls.new_zeros(())
        n_pos = n_neg = 0
        for i, t in enumerate(targets):
            sk = sal_t[i, 0]
            if self.sgach_pred:
                sk = torch.maximum(sk, torch.sigmoid(sal[i, 0].detach()))
            c, r, p, q = self._image(cls[i], deltas[i], sk, t, h, w)
            cls_sum, reg_sum = cls_sum + c, reg_sum + r
            n_pos, n_neg = n_pos + p, n_neg + q
        norm = max(n_pos, 1)
        l_cls, l_reg = cls_sum / norm, reg_sum / norm
        total = l_sal + 2 * l_cls + 2 * l_reg
        return dict(total=total, saliency=l_sal, cls=l_cls, reg=l_reg,
                    num_pos=n_pos, num_neg=n_neg)

    def _image(self, cls, deltas, skeleton, t, h, w):
        """(cls loss sum, reg loss sum, positives, sampled negatives) of one image."""
        dev, a = cls.device, cls.shape[0]
        if self.use_sgach:
            rows, cols = sgach_locations(skeleton, self.t_loc)
        else:
            rows, cols = all_locations(h, w, dev)
        anchors = anchors_at(rows, cols, self.cfg).to(dev)
        gt = _as_tensor(t.boxes, torch.float32, dev, (-1, 5))
        ign = getattr(t, "ignore", None)
        ignore = None
        if ign is not None:
            ignore = _as_tensor(ign, torch.bool, dev)[rows, cols].repeat_interleave(a)
        labels, matched, ious = label_anchors(anchors, gt, self.pos_iou, self.neg_iou, ignore)
        x = cls[:, rows, cols].t().reshape(-1)          # location-major, as anchors
        fl = focal(x, labels == 1, self.gamma)
        pos = torch.nonzero(labels == 1).flatten()
        neg = torch.nonzero(labels == 0).flatten()
        max_iou = ious.max(1).values if gt.shape[0] else x.new_zeros(x.shape[0])
        count = negative_count(pos.numel(), neg.numel(), self.neg_ratio, self.min_neg)
        pick = sample_negatives(self.sampler, count, fl[neg], max_iou[neg], self.gen)
        neg = neg[pick.to(dev)]
        cls_sum = fl[neg].sum()
        reg_sum = x.new_zeros(())
        if pos.numel():
            g = matched[pos]
            if self.use_hdlos:
                iou_p = ious[pos].to(torch.float32)
                u = iou_p.max(1).values / iou_p.sum(1)
                wj = hardness_weight(_as_tensor(t.crossing, torch.float32, dev)[g],
                                     _as_tensor(t.bend, torch.float32, dev)[g],
                                     _as_tensor(t.aspect, torch.float32, dev)[g], u, self.rho)
            else:
                wj = x.new_ones(pos.numel())
            cls_sum = cls_sum + (wj * fl[pos]).sum()
            loc = pos // a
            d = deltas[pos % a, :, rows[loc], cols[loc]]   # (P, 5)
            pred = decode_for_loss(anchors[pos], d)
            reg_sum = (wj * kld_loss(kld(pred, gt[g]), self.tau)).sum()
        return cls_sum, reg_sum, pos.numel(), neg.numel()


def decode_for_loss(anchors: torch.Tensor, d: torch.Tensor) -> torch.Tensor:
    """The Java decoding without normalisation (KLD is invariant to it) and
    with dw, dh clamped on both sides so early training cannot overflow."""
    x = anchors[:, 0] + d[:, 0] * anchors[:, 2]
    y = anchors[:, 1] + d[:, 1] * anchors[:, 3]
    wv = anchors[:, 2] * torch.exp(d[:, 2].clamp(-MAX_LOG_SCALE, MAX_LOG_SCALE))
    hv = anchors[:, 3] * torch.exp(d[:, 3].clamp(-MAX_LOG_SCALE, MAX_LOG_SCALE))
    return torch.stack([x, y, wv, hv, anchors[:, 4] + torch.rad2deg(d[:, 4])], 1)
