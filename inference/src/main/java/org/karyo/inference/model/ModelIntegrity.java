package org.karyo.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The model that runs is the model that was registered: checked on the very bytes ONNX Runtime
 * will load, at every load (count, eval, bench, the workstation), not only at activation.
 * <ul>
 *   <li>A file inside a registry entry ({@code <id>/model.onnx} beside a {@code karyo-model-1}
 *       {@code model.json}) must have the SHA-256 and size registered there; an entry whose
 *       description cannot be read is refused too.</li>
 *   <li>Any other file with a {@code <file>.sha256} beside it (the installer writes one for the
 *       bundled model) must match it.</li>
 * </ul>
 * A refusal says what changed and what to do.
 */
public final class ModelIntegrity {

    public static final String REGISTRY_FORMAT = "karyo-model-1", DESCRIPTION = "model.json", SIDECAR = ".sha256";
    /** DeepCHM models are tens of MB; a file far larger is not one, and is not read into memory. */
    public static final long MAX_MODEL_BYTES = 1L << 30;

    private ModelIntegrity() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Reads a model file whole, refusing one too large to be a model. */
    public static byte[] read(Path file) throws ContractException {
        try {
            long size = Files.size(file);
            if (size > MAX_MODEL_BYTES) {
                throw new ContractException(file.getFileName() + ": " + size / 1_000_000 + " MB is far larger than "
                        + "a DeepCHM model; not loaded");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ContractException(
                    file.getFileName() + ": cannot read the model file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks {@code bytes}, read from {@code file}, against what was recorded for it.
     *
     * @return the SHA-256 of {@code bytes}
     */
    public static String check(Path file, byte[] bytes) throws ContractException {
        String sha = sha256(bytes);
        Path description = file.toAbsolutePath().resolveSibling(DESCRIPTION);
        if (Files.isRegularFile(description) && file.getFileName().toString().equals("model.onnx")) {
            checkRegistered(file, description, sha, bytes.length);
        }
        Path sidecar = file.resolveSibling(file.getFileName() + SIDECAR);
        if (Files.isRegularFile(sidecar)) {
            String want;
            try {
                want = Files.readString(sidecar, StandardCharsets.US_ASCII)
                        .trim()
                        .split("\\s+", -1)[0]
                        .toLowerCase(Locale.ROOT);
            } catch (IOException | RuntimeException e) {
                throw new ContractException(file.getFileName() + ": its checksum file " + sidecar.getFileName()
                        + " cannot be read; refused");
            }
            if (!want.equals(sha)) {
                throw new ContractException(file.getFileName() + " is not the file that was installed (SHA-256 "
                        + shortSha(sha) + ", " + sidecar.getFileName() + " says " + shortSha(want)
                        + "): corrupted or replaced; refused. Reinstall it or choose another model.");
            }
        }
        return sha;
    }

    private static void checkRegistered(Path file, Path description, String sha, long size) throws ContractException {
        JsonNode d;
        try {
            d = new ObjectMapper().readTree(description.toFile());
        } catch (IOException e) {
            throw new ContractException("registry entry " + entry(file) + ": its " + DESCRIPTION + " cannot be read ("
                    + e.getMessage().lines().findFirst().orElse("") + "); model refused");
        }
        if (d == null || !REGISTRY_FORMAT.equals(d.path("format").asText())) {
            return; // not a registry entry: a model.json of someone else's making
        }
        String want = d.path("sha256").asText("");
        long wantSize = d.path("bytes").asLong(-1);
        if (!want.equals(sha) || wantSize != size) {
            throw new ContractException("registered model " + entry(file) + " (" + file
                    + ") has changed since registration "
                    + "(SHA-256 " + shortSha(sha) + ", " + size + " bytes; registered " + shortSha(want) + ", "
                    + wantSize + " bytes): corrupted or replaced, so it is not used. 'karyo models verify' checks "
                    + "every model; 'karyo models rollback' or 'karyo models activate ID' switches to a sound one.");
        }
    }

    private static String entry(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toString() : String.valueOf(parent.getFileName());
    }

    private static String shortSha(String s) {
        return s.length() > 16 ? s.substring(0, 16) + "..." : s.isEmpty() ? "(none)" : s;
    }
}
