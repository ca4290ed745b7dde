"""Validation metrics during training (docs/deepchm.md section 7): greedy one-to-one
matching by score at skew-IoU >= 0.5, VOC all-point AP, P/R/F1 at the best-F1 score,
FP per image. The shipped figures come from the Java `karyo eval` on the exported ONNX."""
import numpy as np
import torch

from .model.rbox import rotated_iou

IOU_MATCH = 0.5


def match_image(pred_boxes, pred_scores, gt_boxes):
    """Returns (scores, tp flags) of the predictions, highest score first."""
    n = len(pred_scores)
    if n == 0:
        return np.zeros(0), np.zeros(0, dtype=bool)
    order = np.argsort(-np.asarray(pred_scores), kind="stable")
    scores = np.asarray(pred_scores)[order]
    tp = np.zeros(n, dtype=bool)
    if len(gt_boxes):
        ious = rotated_iou(torch.as_tensor(np.asarray(pred_boxes)[order], dtype=torch.float64),
                           torch.as_tensor(np.asarray(gt_boxes), dtype=torch.float64)).numpy()
        taken = np.zeros(len(gt_boxes), dtype=bool)
        for i in range(n):
            cand = np.where(taken, -1.0, ious[i])
            j = int(np.argmax(cand))
            if cand[j] >= IOU_MATCH:
                taken[j] = True
                tp[i] = True
    return scores, tp


def summarise(per_image):
    """per_image: list of (scores, tp, n_gt). AP, and P/R/F1/mFPs at the best-F1 threshold."""
    n_gt = sum(g for _, _, g in per_image)
    scores = np.concatenate([s for s, _, _ in per_image]) if per_image else np.zeros(0)
    tps = np.concatenate([t for _, t, _ in per_image]) if per_image else np.zeros(0, dtype=bool)
    out = {"ap": 0.0, "f1": 0.0, "precision": 0.0, "recall": 0.0, "mfps": 0.0, "threshold": 1.0}
    if n_gt == 0 or len(scores) == 0:
        return out
    order = np.argsort(-scores, kind="stable")
    tp_cum = np.cumsum(tps[order])
    fp_cum = np.cumsum(~tps[order])
    recall = tp_cum / n_gt
    precision = tp_cum / (tp_cum + fp_cum)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    steps = np.diff(np.concatenate([[0.0], recall]))
    out["ap"] = float(np.sum(steps * envelope))
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    best = int(np.argmax(f1))
    out.update(f1=float(f1[best]), precision=float(precision[best]), recall=float(recall[best]),
               mfps=float(fp_cum[best]) / len(per_image), threshold=float(scores[order][best]))
    return out
