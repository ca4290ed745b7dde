"""Small float-image operations of the metaphase composer: bilinear sampling, Gaussian blur and
smooth random fields."""
import numpy as np
from PIL import Image


def sample(img, u, v):
    """Bilinear sampling of img at rows u, columns v (0 outside)."""
    h, w = img.shape
    pad = np.pad(img, 1)
    u = np.clip(u + 1, 0, h + 0.999)
    v = np.clip(v + 1, 0, w + 0.999)
    u0 = np.floor(u).astype(np.int64)
    v0 = np.floor(v).astype(np.int64)
    fu, fv = u - u0, v - v0
    u1 = np.minimum(u0 + 1, h + 1)
    v1 = np.minimum(v0 + 1, w + 1)
    return (pad[u0, v0] * (1 - fu) * (1 - fv) + pad[u0, v1] * (1 - fu) * fv
            + pad[u1, v0] * fu * (1 - fv) + pad[u1, v1] * fu * fv)


def gaussian_blur(img, sigma):
    """Separable Gaussian blur of a float image (edges replicated)."""
    if sigma <= 0:
        return img
    r = int(3 * sigma) + 1
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    p = np.pad(img, ((r, r), (0, 0)), mode="edge")
    out = sum(k[i] * p[i:i + img.shape[0]] for i in range(2 * r + 1))
    p = np.pad(out, ((0, 0), (r, r)), mode="edge")
    return sum(k[i] * p[:, i:i + img.shape[1]] for i in range(2 * r + 1))


def lowfreq(rng, height, width, cells=(4, 6)):
    """Smooth random field in [-1, 1] (bicubic upsampling of a coarse grid)."""
    gh, gw = int(rng.integers(*cells)), int(rng.integers(*cells))
    g = rng.uniform(-1, 1, (gh, gw)).astype(np.float32)
    return np.asarray(Image.fromarray(g, mode="F").resize((width, height), Image.BICUBIC), np.float64)
