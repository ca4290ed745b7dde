package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.List;

/** 8-connected components of a binary raster, with boxes and areas; small, allocation-light. */
final class Components {

    /** One component: its pixels as indices y * width + x, and its box. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    record Blob(int[] pixels, int x0, int y0, int x1, int y1) {
        int area() {
            return pixels.length;
        }

        int width() {
            return x1 - x0 + 1;
        }

        int height() {
            return y1 - y0 + 1;
        }

        double cx(int w) {
            double s = 0;
            for (int p : pixels) {
                s += p % w;
            }
            return s / pixels.length;
        }

        double cy(int w) {
            double s = 0;
            for (int p : pixels) {
                int row = p / w;
                s += row;
            }
            return s / pixels.length;
        }
    }

    private Components() {}

    static List<Blob> of(boolean[] on, int w, int h, int minArea) {
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        List<Blob> out = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < on.length; start++) {
            if (!on[start] || label[start] != 0) {
                continue;
            }
            next++;
            int sp = 0;
            stack[sp++] = start;
            label[start] = next;
            List<Integer> px = new ArrayList<>();
            int x0 = w, y0 = h, x1 = -1, y1 = -1;
            while (sp > 0) {
                int p = stack[--sp];
                px.add(p);
                int x = p % w, y = p / w;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= w) {
                            continue;
                        }
                        int q = yy * w + xx;
                        if (on[q] && label[q] == 0) {
                            label[q] = next;
                            stack[sp++] = q;
                        }
                    }
                }
            }
            if (px.size() >= minArea) {
                int[] arr = px.stream().mapToInt(Integer::intValue).sorted().toArray();
                out.add(new Blob(arr, x0, y0, x1, y1));
            }
        }
        return out;
    }
}
