package org.karyo.app.reliability;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.onnx.DeepChmModel;
import org.karyo.inference.onnx.OnnxMetadataFile;
import org.karyo.trainingbridge.ActivationCheck;
import org.karyo.trainingbridge.ModelRegistry;
import org.karyo.trainingbridge.RegisteredModel;
import org.karyo.trainingbridge.RegistryException;
import org.karyo.trainingbridge.SmokeTest;

/**
 * Broken models. Cheap, many: mutated copies of a small model file opened as every command opens
 * one ({@link DeepChmModel#open}: accepted, or refused naming the file), and registered models
 * whose stored file is then changed (flipped bytes, cut, replaced by another valid model): every
 * one must be refused at load. Costly, few ({@link #activation}): the bundled default model
 * corrupted, untrained, mislabelled, or with an edited threshold under its own version, through
 * the registry's activation with the smoke test: every one must be refused.
 */
final class ModelFuzz {

    static final String[] MUTATIONS = {"flip", "truncate", "zero-block", "metadata", "junk"};

    private ModelFuzz() {}

    static FuzzTally files(Path model, int count, long seed, Path dir) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        FuzzTally tally = new FuzzTally("model files");
        byte[] b = Files.readAllBytes(model);
        for (int i = 0; i < count; i++) {
            String mutation = MUTATIONS[i % MUTATIONS.length];
            Path f = dir.resolve(String.format("model-%05d-%s.onnx", i, mutation));
            if (mutation.equals("metadata")) {
                Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(model));
                String key = md.keySet().stream()
                        .skip(r.nextInt(md.size()))
                        .findFirst()
                        .orElseThrow();
                String[] values = {"", "-1", "NaN", "1e308", "x", "0", "[]", "2,5", "99999999999"};
                if (r.nextInt(4) == 0) {
                    md.remove(key);
                } else {
                    md.put(key, values[r.nextInt(values.length)]);
                }
                OnnxMetadataFile.write(model, f, md);
            } else {
                Files.write(f, ImageFuzz.mutate(b, ".onnx", mutation, r));
            }
            tally.probe(f, mutation, false, 60, t -> t instanceof ContractException, file -> {
                DeepChmModel.open(file, false).close();
                return null;
            });
        }
        return tally;
    }

    /** Registered, then changed on disk: must be refused at load, 100 %. */
    static FuzzTally tampered(Path model, Path other, int count, long seed, Path dir) throws Exception {
        Random r = new Random(seed);
        FuzzTally tally = new FuzzTally("tampered registered models");
        for (int i = 0; i < count; i++) {
            ModelRegistry registry = new ModelRegistry(dir.resolve("reg-" + i), ActivationCheck.contractOnly());
            RegisteredModel m = registry.register(model, null, "fuzz");
            Path file = m.file();
            file.toFile().setWritable(true);
            String mutation = new String[] {"flip", "truncate", "replaced"}[i % 3];
            switch (mutation) {
                case "flip" -> {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        long at = (long) (r.nextDouble() * raf.length());
                        raf.seek(at);
                        int v = raf.read();
                        raf.seek(at);
                        raf.write(v ^ (1 << r.nextInt(8)));
                    }
                }
                case "truncate" -> {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        raf.setLength((long) (raf.length() * r.nextDouble()));
                    }
                }
                default -> Files.copy(other, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tally.probe(file, "tampered-" + mutation, true, 60, t -> t instanceof ContractException, f -> {
                DeepChmModel.open(f, false).close();
                return null;
            });
        }
        return tally;
    }

    /**
     * The bundled model made wrong in the ways of issue 20, each registered and activated with the
     * smoke test; every one must be refused (accepted = failure).
     */
    static FuzzTally activation(Path defaultModel, Path tiny, int corrupted, long seed, Path dir) throws Exception {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        FuzzTally tally = new FuzzTally("broken models at activation");
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"), SmokeTest.standard());
        Map<String, Path> cases = new LinkedHashMap<>();
        Map<String, String> md = OnnxMetadataFile.read(defaultModel);
        for (int i = 0; i < corrupted; i++) {
            // under a version of its own (else it is refused as mislabelled before the smoke test
            // runs), then 4-64 KB of weights overwritten with plausible noise: most such files still load
            Map<String, String> own = new LinkedHashMap<>(md);
            own.put("model.version", md.get("model.version") + "-corrupt-" + i);
            byte[] c = Files.readAllBytes(edit(defaultModel, own, dir.resolve("own-" + i + ".onnx")));
            int n = 4096 << r.nextInt(5), at = c.length / 8 + r.nextInt(c.length * 3 / 4 - n);
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(c, at, n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (bb.remaining() >= 4) {
                bb.putFloat((float) (r.nextGaussian() * 0.5));
            }
            cases.put("corrupted-weights-" + i, Files.write(dir.resolve("corrupted-" + i + ".onnx"), c));
        }
        cases.put("untrained", tiny);
        Map<String, String> untrainedDefault = new LinkedHashMap<>(md);
        untrainedDefault.put("model.trained", "false");
        untrainedDefault.put("model.version", md.get("model.version") + "-untrained");
        cases.put("untrained-flag", edit(defaultModel, untrainedDefault, dir.resolve("untrained-flag.onnx")));
        for (String t : new String[] {"0.99", "0.9", "0.01"}) {
            Map<String, String> e = new LinkedHashMap<>(md);
            e.put("thresholds.score", t);
            cases.put("mislabelled-score-" + t, edit(defaultModel, e, dir.resolve("mislabelled-" + t + ".onnx")));
        }
        Map<String, String> e = new LinkedHashMap<>(md);
        e.put("thresholds.score", "0.99");
        e.put("thresholds.loc", "0.99");
        e.put("model.version", "edited");
        cases.put("threshold-0.99-own-version", edit(defaultModel, e, dir.resolve("edited-version.onnx")));
        for (Map.Entry<String, Path> c : cases.entrySet()) {
            tally.probe(
                    c.getValue(),
                    c.getKey(),
                    true,
                    300,
                    t -> t instanceof RegistryException || t instanceof ContractException,
                    f -> {
                        RegisteredModel m = registry.register(f, null, "fuzz");
                        try {
                            registry.activate(m.id());
                        } catch (RegistryException refused) {
                            // activation names the model by its registry id; say which file that was
                            if (!refused.getMessage().contains(m.id())) {
                                return refused.getMessage();
                            }
                            throw new RegistryException(f.getFileName() + " = " + refused.getMessage());
                        }
                        // accepted: say what the smoke test measured, for the report
                        tally.refusals.add("ACCEPTED " + f.getFileName() + ": measured "
                                + registry.get(m.id()).orElseThrow().measured());
                        return null;
                    });
        }
        return tally;
    }

    private static Path edit(Path model, Map<String, String> md, Path out) throws IOException {
        OnnxMetadataFile.write(model, out, md);
        return out;
    }
}
