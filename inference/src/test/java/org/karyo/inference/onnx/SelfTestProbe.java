package org.karyo.inference.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.karyo.inference.model.ContractException;

/**
 * Measures the self-test's margins for docs/reliability.md: the deviation of an intact model, and
 * of copies with 4-64 KB of weights overwritten by noise as the fuzz test does. Not a test:
 *
 * <pre>
 *   java -cp ... org.karyo.inference.onnx.SelfTestProbe MODEL.onnx COUNT SEED OUT_DIR
 * </pre>
 */
public final class SelfTestProbe {

    private SelfTestProbe() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        Path dir = Files.createDirectories(Path.of(args[3]));
        System.out.println("intact: " + probe(model));
        byte[] original = Files.readAllBytes(model);
        Random r = new Random(seed);
        int refused = 0, loaded = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            byte[] c = original.clone();
            int n = 4096 << r.nextInt(5), at = c.length / 8 + r.nextInt(c.length * 3 / 4 - n);
            ByteBuffer bb = ByteBuffer.wrap(c, at, n).order(ByteOrder.LITTLE_ENDIAN);
            while (bb.remaining() >= 4) {
                bb.putFloat((float) (r.nextGaussian() * 0.5));
            }
            Path f = Files.write(dir.resolve("corrupt-" + i + ".onnx"), c);
            String got = probe(f);
            System.out.printf(Locale.ROOT, "%3d %6d bytes at %9d: %s%n", i, n, at, got);
            if (!got.startsWith("not loadable")) {
                loaded++;
                if (got.startsWith("REFUSED")) {
                    refused++;
                    smallest = Math.min(smallest, Double.parseDouble(got.replaceAll(".*deviation ([^ ]+).*", "$1")));
                }
            }
            Files.delete(f);
        }
        System.out.printf(
                Locale.ROOT,
                "%d corrupted: %d loaded, %d of them refused by the self-test; smallest refused deviation %.2e%n",
                count,
                loaded,
                refused,
                smallest);
    }

    private static String probe(Path f) {
        try (DeepChmModel m = DeepChmModel.open(f, false)) {
            try {
                SelfTest.Result res = SelfTest.run(m);
                return String.format(Locale.ROOT, "passed, deviation %.2e at %s", res.deviation(), res.where());
            } catch (ContractException e) {
                return "REFUSED deviation " + e.getMessage().replaceAll(".*; ([0-9.eE+-]+|Infinity) of the.*", "$1")
                        + " : " + e.getMessage();
            }
        } catch (ContractException e) {
            return "not loadable: " + e.getMessage();
        }
    }
}
