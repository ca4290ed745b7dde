"""DeepCHM detector network (shared/docs/deepchm.md, section 1): ResNet
encoder -> top-down decoder to stride 4 -> saliency head -> PMInf -> ASPP
classification/regression heads. Anchor filtering, decoding and NMS run in
Java (docs/onnx-contract.md)."""
import math
from dataclasses import dataclass, field, asdict
from typing import Tuple

import torch
from torch import nn
import torch.nn.functional as F

# Fixed affine applied inside the graph so Java feeds raw grey levels 0..255.
NORM_MEAN = 128.0
NORM_SCALE = 64.0
# Focal-loss prior: an untrained model says "background" almost everywhere.
PRIOR_BIAS = -math.log((1.0 - 0.01) / 0.01)  # about -4.6

BLOCK_LAYOUTS = {"resnet18": ("basic", (2, 2, 2, 2)),
                 "resnet34": ("basic", (3, 4, 6, 3)),
                 "resnet50": ("bottleneck", (3, 4, 6, 3))}


@dataclass
class AnchorConfig:
    base_size: float = 5.0
    scales: Tuple[float, ...] = (2.0, 5.0)
    ratios: Tuple[float, ...] = (2.0, 4.0)
    angles: Tuple[float, ...] = tuple(range(0, 180, 15))
    stride: int = 4
    center_offset: float = 0.5

    @property
    def num_anchors(self) -> int:
        return len(self.ratios) * len(self.scales) * len(self.angles)

    def shapes(self):
        """(w, h, theta_deg) per anchor in contract order:
        a = (ratioIdx * |scales| + scaleIdx) * |angles| + angleIdx."""
        out = []
        for r in self.ratios:
            for s in self.scales:
                for t in self.angles:
                    side = self.base_size * s
                    out.append((side * math.sqrt(r), side / math.sqrt(r), float(t)))
        return out


@dataclass
class ModelConfig:
    backbone: str = "resnet50"
    width: float = 1.0
    decoder_channels: int = 256
    head_channels: int = 64
    aspp_rates: Tuple[int, ...] = (6, 12, 18)
    use_pmInf: bool = True
    anchors: AnchorConfig = field(default_factory=AnchorConfig)
    input_height: int = 512
    input_width: int = 768

    def __post_init__(self):
        if self.backbone not in BLOCK_LAYOUTS:
            raise ValueError("unknown backbone " + self.backbone)
        if self.input_height % 32 or self.input_width % 32:
            raise ValueError("input size must be a multiple of 32")
        if self.anchors.stride != 4:
            raise ValueError("the decoder ends at stride 4")

    def to_dict(self):
        return asdict(self)


PRESETS = {
    "paper": dict(backbone="resnet50", width=1.0, decoder_channels=256,
                  head_channels=64, aspp_rates=(6, 12, 18)),
    # The shipped CPU design: 9.2 GMAC at 512 x 768.
    "lite": dict(backbone="resnet18", width=0.5, decoder_channels=64,
                 head_channels=32, aspp_rates=(6, 12)),
    # lite's decoder and heads on a full-width ResNet-18 (19.4 GMAC): more accurate than lite at
    # equal training budget for almost the same time per image (docs/model-card.md).
    "lite-wide": dict(backbone="resnet18", width=1.0, decoder_channels=64,
                      head_channels=32, aspp_rates=(6, 12)),
    # Test fixtures only: tiny file, meaningless weights.
    "tiny": dict(backbone="resnet18", width=1.0 / 16, decoder_channels=16,
                 head_channels=8, aspp_rates=(6,)),
}


def preset(name: str, input_height: int = 512, input_width: int = 768,
           **overrides) -> ModelConfig:
    if name not in PRESETS:
        raise ValueError("unknown preset %r (have %s)" % (name, ", ".join(PRESETS)))
    kw = dict(PRESETS[name], input_height=input_height, input_width=input_width)
    kw.update(overrides)
    return ModelConfig(**kw)


def conv_bn_relu(cin, cout, k=1, stride=1, dilation=1):
    pad = dilation * (k // 2)
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, stride, pad, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.down = _shortcut(cin, planes, stride)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)), inplace=True)
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.down is None else self.down(x)), inplace=True)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, planes, stride):
        super().__init__()
        cout = planes * 4
        self.conv1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        # Stride on the 3x3 (the "v1.5" layout): better accuracy, same cost.
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.down = _shortcut(cin, cout, stride)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)), inplace=True)
        y = F.relu(self.bn2(self.conv2(y)), inplace=True)
        y = self.bn3(self.conv3(y))
        return F.relu(y + (x if self.down is None else self.down(x)), inplace=True)


def _shortcut(cin, cout, stride):
    if stride == 1 and cin == cout:
        return None
    return nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                         nn.BatchNorm2d(cout))


class ResNetEncoder(nn.Module):
    """Returns C2..C5 (strides 4, 8, 16, 32). One grey input channel."""

    def __init__(self, backbone: str, width: float):
        super().__init__()
        kind, layout = BLOCK_LAYOUTS[backbone]
        block = BasicBlock if kind == "basic" else Bottleneck

        def ch(c):
            return max(4, int(round(c * width)))

        stem = ch(64)
        self.stem = nn.Sequential(conv_bn_relu(1, stem, 7, 2),
                                  nn.MaxPool2d(3, 2, 1))
        self.stages = nn.ModuleList()
        self.out_channels = []
        cin = stem
        for i, n in enumerate(layout):
            planes = ch(64 * 2 ** i)
            blocks = []
            for j in range(n):
                blocks.append(block(cin, planes, 2 if (j == 0 and i > 0) else 1))
                cin = planes * block.expansion
            self.stages.append(nn.Sequential(*blocks))
            self.out_channels.append(cin)

    def forward(self, x):
        x = self.stem(x)
        feats = []
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        return feats


class TopDownDecoder(nn.Module):
    """FPN-style: 1x1 laterals, nearest x2 upsampling, sum, 3x3 smoothing."""

    def __init__(self, in_channels, channels):
        super().__init__()
        self.lateral = nn.ModuleList(nn.Conv2d(c, channels, 1) for c in in_channels)
        self.smooth = nn.ModuleList(conv_bn_relu(channels, channels, 3)
                                    for _ in in_channels[:-1])

    def forward(self, feats):
        p = self.lateral[-1](feats[-1])
        for i in range(len(feats) - 2, -1, -1):
            p = self.lateral[i](feats[i]) + F.interpolate(p, scale_factor=2.0, mode="nearest")
            p = self.smooth[i](p)
        return p  # stride 4


class ASPP(nn.Module):
    def __init__(self, cin, branch, rates):
        super().__init__()
        self.branches = nn.ModuleList([conv_bn_relu(cin, branch, 1)] +
                                      [conv_bn_relu(cin, branch, 3, dilation=r) for r in rates])
        # No BatchNorm on the 1x1 pooled map: with batch 1 it has one value per channel.
        self.pool = nn.Sequential(nn.Conv2d(cin, branch, 1), nn.ReLU(inplace=True))
        # The 1x1 projection of concat(branches, broadcast pool) is split in
        # two: the pooled branch's share is one value per channel, added by
        # broadcasting. Same maths, and the graph needs no Expand/shape ops.
        self.project = nn.Conv2d(branch * (len(rates) + 1), branch, 1, bias=False)
        self.project_pool = nn.Conv2d(branch, branch, 1, bias=False)
        self.project_bn = nn.BatchNorm2d(branch)

    def forward(self, x):
        y = self.project(torch.cat([b(x) for b in self.branches], 1))
        y = y + self.project_pool(self.pool(x.mean(dim=(2, 3), keepdim=True)))
        return F.relu(self.project_bn(y), inplace=True)


class Head(nn.Module):
    """1x1 fuse -> ASPP -> 1x1 -> 3x3 conv to `outputs` channels."""

    def __init__(self, cin, mid, branch, rates, outputs):
        super().__init__()
        self.fuse = conv_bn_relu(cin, mid, 1)
        self.aspp = ASPP(mid, branch, rates)
        self.post = conv_bn_relu(branch, branch, 1)
        self.out = nn.Conv2d(branch, outputs, 3, 1, 1)

    def forward(self, x):
        return self.out(self.post(self.aspp(self.fuse(x))))


class DeepCHM(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        self.num_anchors = config.anchors.num_anchors
        d, b = config.decoder_channels, config.head_channels
        self.encoder = ResNetEncoder(config.backbone, config.width)
        self.decoder = TopDownDecoder(self.encoder.out_channels, d)
        self.saliency = nn.Conv2d(d, 3, 3, 1, 1)
        # PMInf: the heads see P concatenated with the 3 saliency maps; their
        # own 1x1 fuse conv does the fusion.
        head_in = d + 3 if config.use_pmInf else d
        self.cls_head = Head(head_in, d, b, config.aspp_rates, self.num_anchors)
        self.reg_head = Head(head_in, d, b, config.aspp_rates, 5 * self.num_anchors)
        self._init_weights()

    def _init_weights(self):
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
        # Output layers: default-scale weights, prior biases (RetinaNet/CenterNet).
        for conv in (self.saliency, self.cls_head.out, self.reg_head.out):
            conv.reset_parameters()
        nn.init.constant_(self.saliency.bias, PRIOR_BIAS)
        nn.init.constant_(self.cls_head.out.bias, PRIOR_BIAS)
        nn.init.zeros_(self.reg_head.out.bias)

    def forward_logits(self, image):
        """Pre-sigmoid outputs for the losses:
        (saliency [N,3,h,w], cls [N,A,h,w], deltas [N,A,5,h,w])."""
        x = (image - NORM_MEAN) / NORM_SCALE
        p = self.decoder(self.encoder(x))
        sal = self.saliency(p)
        if self.config.use_pmInf:
            p = torch.cat([p, torch.sigmoid(sal)], 1)
        cls = self.cls_head(p)
        reg = self.reg_head(p)
        n, _, h, w = reg.shape
        # Channel a*5+k -> [N, A, 5, h, w], matching the contract's flat order.
        return sal, cls, reg.reshape(n, self.num_anchors, 5, h, w)

    def forward(self, image):
        """Export form: (saliency, scores, deltas) with sigmoids applied."""
        sal, cls, deltas = self.forward_logits(image)
        return torch.sigmoid(sal), torch.sigmoid(cls), deltas


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def count_macs(model: nn.Module, height: int, width: int) -> int:
    """Multiply-accumulates of all convolutions for one image (hooks)."""
    total = [0]

    def hook(m, inp, out):
        k = m.kernel_size[0] * m.kernel_size[1] * (m.in_channels // m.groups)
        total[0] += out[0].numel() * k

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, nn.Conv2d)]
    was_training = model.training
    with torch.no_grad():
        model.eval()(torch.zeros(1, 1, height, width))
    model.train(was_training)
    for h in handles:
        h.remove()
    return total[0]
