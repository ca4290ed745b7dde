"""Sums `karyo karyotype-agree` per-cell rows over the cells of the given files, per laboratory,
for those files and, on the same cells, for classifier 1.2.0 and candidate 1.3.0 (their rows in
this folder): class agreement alone / after assignment and sex chromosomes. Used for the
within-laboratory experiment (docs/karyogram.md):

    python3 docs/metrics/karyotype-agree-sum.py docs/metrics/karyotype-agree-within-lab-*.tsv
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def rows(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) == 7 and p[0] != "cell":
            out[p[0]] = (int(p[3]), int(p[4]), int(p[5]), p[6] == "yes")
    return out


def both(name):
    return {**rows(os.path.join(HERE, "karyotype-agree-cabinh-%s.tsv" % name)),
            **rows(os.path.join(HERE, "karyotype-agree-tuanvision-%s.tsv" % name))}


def main(files):
    given = {}
    for f in files:
        given.update(rows(f))
    models = {"1.2.0": both("1.2.0"), "1.3.0 candidate": both("1.3.0-candidate"), "given files": given}
    for lab in ("CabinH", "tuanvision", "both"):
        cells = [c for c in given if lab == "both" or c.startswith("8129A") == (lab == "CabinH")]
        for name, d in models.items():
            n = sum(d[c][0] for c in cells)
            print("%-10s %-16s cells %2d outlines %3d alone %5.1f %% after assignment %5.1f %% sex %d of %d" % (
                lab, name, len(cells), n, 100.0 * sum(d[c][1] for c in cells) / n,
                100.0 * sum(d[c][2] for c in cells) / n, sum(d[c][3] for c in cells), len(cells)))


if __name__ == "__main__":
    main(sys.argv[1:])
