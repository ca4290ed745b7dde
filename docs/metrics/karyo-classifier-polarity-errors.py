#!/usr/bin/env python3
"""Which held-out cut-outs get the wrong polarity, and are they the same for several networks?
(docs/karyogram.md, "Polarity: where the errors are"). Runs each checkpoint flip-averaged, as
exported, on an `evalset` folder (the as-is cells only, as `karyo karyotype-eval` counts them),
prints each network's errors, the errors common to all, their classes and confidence, and writes
a montage of the common errors, each turned so that its label's p-arm is at the top (PNG outside
the repository: the cut-outs are the crop bank's pixels).

    cd training-bridge/python
    /usr/bin/python3 ../../docs/metrics/karyo-classifier-polarity-errors.py EVALSET OUT.png CKPT...
"""
import json
import sys
from collections import Counter

import cv2
import numpy as np
import torch

sys.path.insert(0, '.')
from deepchm.classify.model import ChromosomeNet, FlipAveraged  # noqa: E402


def main(evalset, out_png, checkpoints):
    torch.set_num_threads(2)
    cells = json.load(open(evalset + '/cells.json'))
    imgs = np.fromfile(evalset + '/images.f32', '<f4').reshape(-1, 1, 96, 48)
    sizes = np.fromfile(evalset + '/sizes.f32', '<f4').reshape(-1, 1)
    items, k = [], 0
    for c in cells:
        for i, (label, up) in enumerate(zip(c['labels'], c['p_up'])):
            if c['kind'] == 'as-is':
                items.append((k, (c['cell'], i), label, up))
            k += 1
    rows = np.array([t[0] for t in items])
    wrong, first_up = [], None
    for path in checkpoints:
        net = ChromosomeNet()
        net.load_state_dict(torch.load(path, map_location='cpu')['model'])
        model = FlipAveraged(net).eval()
        with torch.no_grad():
            up = np.concatenate([model(torch.from_numpy(imgs[rows[a:a + 512]]),
                                       torch.from_numpy(sizes[rows[a:a + 512]]))[1].numpy()[:, 0]
                                 for a in range(0, len(rows), 512)])
        first_up = up if first_up is None else first_up
        wrong.append({t[1] for t, p in zip(items, up) if (p >= 0.5) != (t[3] == 1)})
        print(f"{path}: {len(wrong[-1])} wrong of {len(items)} ({100 - 100 * len(wrong[-1]) / len(items):.2f} %)")
    common = set.intersection(*wrong)
    label = {t[1]: t[2] for t in items}
    name = {**{i: str(i + 1) for i in range(22)}, 22: 'X', 23: 'Y'}
    print(f"wrong for every network: {len(common)}")
    print("their classes:", ", ".join(f"{name[c]} x{n}" for c, n in sorted(Counter(label[x] for x in common).items())))
    conf = {t[1]: abs(p - 0.5) * 2 for t, p in zip(items, first_up)}
    print("the first network's confidence in them:", " ".join(f"{conf[x]:.2f}" for x in sorted(common, key=conf.get)))
    tiles = []
    for k, key, lab, up in items:
        if key in common:
            p = imgs[k, 0] if up == 1 else imgs[k, 0, ::-1, ::-1]
            t = cv2.resize((255 - np.clip(p, 0, 1) * 255).astype(np.uint8), (96, 192), interpolation=cv2.INTER_NEAREST)
            t = cv2.copyMakeBorder(t, 16, 2, 2, 2, cv2.BORDER_CONSTANT, value=255)
            cv2.putText(t, name[lab], (4, 12), cv2.FONT_HERSHEY_SIMPLEX, 0.4, 0, 1)
            tiles.append((lab, t))
    if tiles:
        tiles.sort(key=lambda x: x[0])
        blank = np.full_like(tiles[0][1], 255)
        grid = [np.hstack([t for _, t in tiles[r:r + 14]] + [blank] * (14 - len(tiles[r:r + 14])))
                for r in range(0, len(tiles), 14)]
        cv2.imwrite(out_png, np.vstack(grid))
        print("montage:", out_png)


if __name__ == '__main__':
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
