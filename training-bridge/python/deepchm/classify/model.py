"""Small CNN for one chromosome cut-out (deepchm.classify.cutout): 96x48 grey patch plus its
length relative to the cell -> 25 class logits (1..22, X, Y, not a chromosome) and a polarity
logit (p-arm towards the patch's top).

Residual stages at 24x12, 12x6, 6x3 (about 15 M multiply-adds: CPU training and a 46-chromosome
cell in tens of milliseconds); the last map is averaged across the width only, so the
band sequence along the chromosome (which decides class and polarity) survives into the head.
"""
import torch
from torch import nn

NUM_CLASSES = 25          # 0..21 = chromosomes 1..22, 22 = X, 23 = Y, 24 = not a chromosome
REJECT = 24
CLASS_NAMES = [str(i) for i in range(1, 23)] + ["X", "Y", "none"]


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.skip = None
        if stride != 1 or cin != cout:
            self.skip = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        y = self.act(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return self.act(y + (x if self.skip is None else self.skip(x)))


class ChromosomeNet(nn.Module):
    def __init__(self, widths=(16, 32, 64, 128), head=256, dropout=0.2):
        super().__init__()
        w0, w1, w2, w3 = widths
        self.stem = nn.Sequential(
            nn.Conv2d(1, w0, 3, 2, 1, bias=False), nn.BatchNorm2d(w0), nn.ReLU(inplace=True),
            nn.Conv2d(w0, w1, 3, 2, 1, bias=False), nn.BatchNorm2d(w1), nn.ReLU(inplace=True))
        self.stages = nn.Sequential(Block(w1, w1, 1), Block(w1, w2, 2), Block(w2, w3, 2))
        self.fc = nn.Sequential(nn.Linear(w3 * 6 + 1, head), nn.ReLU(inplace=True), nn.Dropout(dropout))
        self.cls = nn.Linear(head, NUM_CLASSES)
        self.pol = nn.Linear(head, 1)

    def features(self, image, size):
        x = self.stages(self.stem(image))          # N x C x 6 x 3
        x = x.mean(dim=3).flatten(1)                # N x 6C: band sequence kept
        return self.fc(torch.cat([x, size], dim=1))

    def forward_logits(self, image, size):
        f = self.features(image, size)
        return self.cls(f), self.pol(f)

    def forward(self, image, size):
        """Export outputs: class probabilities (N x 25) and P(p-arm up) (N x 1)."""
        logits, pol = self.forward_logits(image, size)
        return torch.softmax(logits, dim=1), torch.sigmoid(pol)


class FlipAveraged(nn.Module):
    """Test-time augmentation inside the exported graph: the network run on the cut-out, its mirror
    image (left-right), its 180-degree turn and its up-down flip, in one batch. The class
    probabilities are the four views' mean. P(p-arm up) is the mean of the plain view and the
    turned view's answer inverted (its top is the original's bottom); the mirrored views do not
    vote on polarity, because for a chromosome cut out sideways (a condensed one, wider than long)
    the mirror swaps its two ends and the answer is no longer about the same end (measured on the
    condensed validation cut-outs: polarity 95.4 % plain, 95.1 % with the turn, 94.1 % with all four
    views). Training shows every chromosome mirrored and turned at random, so these are fair looks
    at the same chromosome; on the validation cases of the crop bank 1.1.0 gained 0.8 points
    top-1 and 0.2 points polarity (docs/karyogram.md, "Classifier 1.2.0"). Inputs and outputs are
    ChromosomeNet's, so the Java side and the contract are unchanged; the cost is four network
    runs per chromosome."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image, size):
        n = image.shape[0]
        views = torch.cat([image, torch.flip(image, [3]), torch.flip(image, [2, 3]), torch.flip(image, [2])])
        probs, up = self.net(views, size.repeat(4, 1))
        p = probs.reshape(4, n, NUM_CLASSES).mean(0)
        u = up.reshape(4, n, 1)
        return p, 0.5 * (u[0] + (1 - u[2]))


class Averaged(nn.Module):
    """Several networks of the same contract in one graph: class probabilities and P(p-arm up)
    are the members' means (export --checkpoint A --checkpoint B). Networks trained differently
    err on different chromosomes; averaging their probabilities rather than taking a vote keeps
    the cell-level assignment's evidence graded. The cost is one network run per member."""

    def __init__(self, members):
        super().__init__()
        if len(members) < 2:
            raise ValueError("an average needs at least two networks")
        self.members = nn.ModuleList(members)

    def forward(self, image, size):
        outs = [m(image, size) for m in self.members]
        n = float(len(outs))
        return sum(o[0] for o in outs) / n, sum(o[1] for o in outs) / n
