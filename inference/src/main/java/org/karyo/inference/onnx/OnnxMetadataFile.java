package org.karyo.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and rewrites an ONNX file's {@code metadata_props} without ONNX Runtime: a ModelProto is a
 * protobuf message and metadata_props is its repeated field 14 of (key = 1, value = 2) strings.
 * Only top-level fields are walked; everything else is copied byte for byte.
 */
public final class OnnxMetadataFile {

    private static final int METADATA_FIELD = 14;

    private OnnxMetadataFile() {}

    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        walk(Files.readAllBytes(file), null, out);
        return out;
    }

    /**
     * SHA-256 (hex) of every top-level field but metadata_props, in file order: the graph with its
     * weights, the opsets and the producer. The exporter records it ({@code karyo.body.sha256}) so
     * that any change to them after export shows, however little it moves the outputs; metadata
     * stays editable (stamping, registration) without changing it.
     */
    public static String bodySha256(Path file) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        walk(Files.readAllBytes(file), body, new LinkedHashMap<>());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Writes {@code dst} with the metadata replaced by {@code metadata} (entries in map order). */
    public static void write(Path src, Path dst, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        walk(Files.readAllBytes(src), body, new LinkedHashMap<>());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            writeString(entry, 1, e.getKey());
            writeString(entry, 2, e.getValue());
            writeBytes(body, METADATA_FIELD, entry.toByteArray());
        }
        Files.write(dst, body.toByteArray());
    }

    /** Copies every top-level field but metadata to {@code keep} (if given); metadata goes to {@code md}. */
    private static void walk(byte[] b, ByteArrayOutputStream keep, Map<String, String> md) throws IOException {
        int[] pos = {0};
        while (pos[0] < b.length) {
            int start = pos[0];
            long tag = varint(b, pos);
            int field = (int) (tag >>> 3), wire = (int) (tag & 7);
            int valueStart = pos[0];
            switch (wire) {
                case 0 -> varint(b, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    long len = varint(b, pos);
                    valueStart = pos[0];
                    pos[0] += (int) len;
                }
                default -> throw new IOException(
                        "not an ONNX model (protobuf wire type " + wire + " at byte " + start + ")");
            }
            if (pos[0] > b.length || pos[0] < 0) {
                throw new IOException("not an ONNX model (truncated protobuf field " + field + ")");
            }
            if (field == METADATA_FIELD && wire == 2) {
                readEntry(b, valueStart, pos[0], md);
            } else if (keep != null) {
                keep.write(b, start, pos[0] - start);
            }
        }
    }

    private static void readEntry(byte[] b, int from, int to, Map<String, String> md) throws IOException {
        int[] pos = {from};
        String key = null, value = "";
        while (pos[0] < to) {
            long tag = varint(b, pos);
            if ((tag & 7) != 2) {
                throw new IOException("malformed metadata entry");
            }
            int len = (int) varint(b, pos);
            String s = new String(b, pos[0], len, StandardCharsets.UTF_8);
            pos[0] += len;
            if ((tag >>> 3) == 1) {
                key = s;
            } else if ((tag >>> 3) == 2) {
                value = s;
            }
        }
        if (key != null) {
            md.put(key, value);
        }
    }

    private static long varint(byte[] b, int[] pos) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IOException("not an ONNX model (truncated varint)");
            }
            int x = b[pos[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("not an ONNX model (bad varint)");
    }

    private static void writeString(ByteArrayOutputStream out, int field, String s) {
        writeBytes(out, field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
