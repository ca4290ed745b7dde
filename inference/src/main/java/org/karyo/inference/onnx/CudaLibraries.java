package org.karyo.inference.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Whether the CUDA 12 and cuDNN 9 libraries the GPU build of ONNX Runtime loads are on this
 * machine. Checked before CUDA is tried, so that a machine without them gets one clear line
 * and the CPU, instead of a loader error (and without unpacking the 600 MB CUDA provider).
 */
public final class CudaLibraries {

    /** What the CUDA provider of ONNX Runtime 1.29 links against or opens (readelf -d, ORT docs). */
    static final List<String> LINUX = List.of(
            "libcuda.so.1",
            "libcudart.so.12",
            "libcublas.so.12",
            "libcublasLt.so.12",
            "libcurand.so.10",
            "libcudnn.so.9");

    static final List<String> WINDOWS = List.of(
            "nvcuda.dll",
            "cudart64_12.dll",
            "cublas64_12.dll",
            "cublasLt64_12.dll",
            "curand64_10.dll",
            "cudnn64_9.dll");
    /** Where distributions and NVIDIA's installers put them when the loader cache does not list them. */
    private static final List<String> LINUX_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib64",
            "/usr/lib",
            "/usr/local/cuda/lib64",
            "/usr/local/cuda-12/lib64",
            "/usr/lib/wsl/lib");

    private static volatile List<String> cached;

    private CudaLibraries() {}

    /** The libraries missing on this machine (empty when CUDA can be tried); checked once per process. */
    public static List<String> missing() {
        List<String> m = cached;
        if (m == null) {
            boolean windows = System.getProperty("os.name", "").startsWith("Windows");
            m = windows
                    ? missing(WINDOWS, searchDirs(System.getenv("PATH"), List.of()), name -> false)
                    : missing(LINUX, searchDirs(System.getenv("LD_LIBRARY_PATH"), LINUX_DIRS), ldconfigCache());
            cached = m;
        }
        return m;
    }

    /** One line for the user: what is missing and that the CPU is used instead; empty when nothing is. */
    public static String message(List<String> missing) {
        if (missing.isEmpty()) {
            return "";
        }
        return "GPU build, but CUDA 12 and cuDNN 9 are not installed (missing " + String.join(", ", missing)
                + "): running on the CPU";
    }

    /** The names found neither in {@code dirs} nor by {@code cache} (the dynamic loader's cache). */
    static List<String> missing(List<String> names, List<Path> dirs, Predicate<String> cache) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            boolean found = cache.test(name) || dirs.stream().anyMatch(d -> Files.exists(d.resolve(name)));
            if (!found) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    static List<Path> searchDirs(String pathList, List<String> standard) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (pathList != null) {
            for (String p : pathList.split(java.io.File.pathSeparator, -1)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p.trim()));
                }
            }
        }
        standard.forEach(s -> dirs.add(Path.of(s)));
        return List.copyOf(dirs);
    }

    /** Library names in {@code ldconfig -p} output ("\tlibcudnn.so.9 (libc6,x86-64) => /usr/lib/..."). */
    static Set<String> parseLdconfig(String output) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : output.lines().toList()) {
            String t = line.strip();
            int sp = t.indexOf(' ');
            if (sp > 0 && t.contains("=>")) {
                names.add(t.substring(0, sp));
            }
        }
        return names;
    }

    private static Predicate<String> ldconfigCache() {
        for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (Files.isExecutable(Path.of(exe))) {
                try {
                    Process p = new ProcessBuilder(exe, "-p")
                            .redirectErrorStream(true)
                            .start();
                    p.getOutputStream().close();
                    String out;
                    try (InputStream in = p.getInputStream()) {
                        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        return parseLdconfig(out)::contains;
                    }
                } catch (IOException e) {
                    // no usable cache: the folders alone decide
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return name -> false;
    }
}
