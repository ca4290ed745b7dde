#!/usr/bin/env python3
"""Straightening on real cells of other laboratories (docs/karyogram.md, "Straightening bent
chromosomes"): each trusted archive outline (`karyo archive import` dataset, cut out upright along
its minimum-area box by deepchm.classify.archive), straightened as in
karyo-straighten-experiment.py when its straightened length exceeds 1.1 x its height, then cut out
(evaluation mode, no box jitter) and classified by the shipped network (flip-averaged); class
agreement with the laboratory's karyogram, alone (no cell-level assignment).

    cd training-bridge/python
    /usr/bin/python3 ../../docs/metrics/karyo-straighten-real.py CABINH_IMPORT TUAN_IMPORT
"""
import os
import sys, importlib.util, numpy as np, torch
sys.path.insert(0, '.')
spec = importlib.util.spec_from_file_location('se', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'karyo-straighten-experiment.py')); se = importlib.util.module_from_spec(spec); spec.loader.exec_module(se)
from deepchm.classify import data as cd, archive
from deepchm.classify.augment import make_sample
from deepchm.classify.model import ChromosomeNet, FlipAveraged
torch.set_num_threads(2)
net = ChromosomeNet(); net.load_state_dict(torch.load('../../assets/models/checkpoints/karyo-classifier-1.2.0/weights.pt', map_location='cpu')['model']); model = FlipAveraged(net).eval()
for d in sys.argv[1:]:
    cells = archive.load_dataset(d)
    st_cells = []; bent = []
    for c in cells:
        crops = []
        for cr in c.crops:
            g2, m2 = se.straighten(cr.grey, cr.mask); b = g2.shape[0] > 1.1 * cr.grey.shape[0]; bent.append(b)
            crops.append(cd.Crop(cr.label, g2, m2, polarity_known=False) if b else cr)
        n = cd.Cell(c.case, c.cell, crops); n.median_len = float(np.median([x.grey.shape[0] for x in crops])); st_cells.append(n)
    bent = np.array(bent)
    for name, cs in (('as cut', cells), ('bent straightened', st_cells)):
        rng = np.random.default_rng(7)
        S = [make_sample(rng, c, cr, train=False, cutout=False) for c in cs for cr in c.crops]
        x = torch.from_numpy(np.array([s[0] for s in S], np.float32)[:, None]); size = torch.from_numpy(np.array([s[1] for s in S], np.float32)[:, None])
        lab = np.array([s[2] for s in S])
        with torch.no_grad():
            pr = torch.cat([model(x[a:a+512], size[a:a+512])[0] for a in range(0, len(x), 512)]).numpy()
        t1 = pr.argmax(1) == lab
        print(f"{d} {name:18s}: {len(t1)} outlines, bent {bent.sum()}, class alone {100*t1.mean():.1f} %, on the bent {100*t1[bent].mean():.1f} %")
