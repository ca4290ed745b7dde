import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without the native libraries of other platforms ({@code java FilterNatives IN OUT
 * PLATFORM [NATIVE_DIR]}). Each known library jar has one folder of natives per platform; only
 * the folder of PLATFORM (linux-x64, linux-aarch64, mac-x64, mac-aarch64, win-x64) is kept (debug
 * symbols dropped), everything else in the jar is copied as it is. With NATIVE_DIR, the kept
 * libraries are written there instead of into the jar: the launchers point the libraries' loaders
 * at that folder, so nothing is unpacked into the temporary folder at each start (which may be
 * mounted noexec on a locked-down workstation). Plain Java, so it also runs on the Windows and
 * macOS build hosts where zip may be missing.
 */
public final class FilterNatives {

    /** Native root of a jar and, per platform, the sub-folder to keep under it. */
    record Natives(String root, String linuxX64, String linuxArm, String macX64, String macArm, String winX64) {
        String keep(String platform) {
            return root + switch (platform) {
                case "linux-x64" -> linuxX64;
                case "linux-aarch64" -> linuxArm;
                case "mac-x64" -> macX64;
                case "mac-aarch64" -> macArm;
                case "win-x64" -> winX64;
                default -> throw new IllegalArgumentException("unknown platform " + platform);
            };
        }
    }

    static final List<Natives> KNOWN = List.of(
            new Natives("nu/pattern/opencv/", "linux/x86_64/", "linux/ARMv8/", "osx/x86_64/", "osx/ARMv8/", "windows/x86_64/"),
            new Natives("ai/onnxruntime/native/", "linux-x64/", "linux-aarch64/", "osx-x64/", "osx-aarch64/", "win-x64/"),
            new Natives("org/sqlite/native/", "Linux/x86_64/", "Linux/aarch64/", "Mac/x86_64/", "Mac/aarch64/", "Windows/x86_64/"));

    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: java FilterNatives IN.jar OUT.jar PLATFORM [NATIVE_DIR]");
            System.exit(2);
        }
        Path in = Path.of(args[0]), out = Path.of(args[1]);
        String platform = args[2];
        Path nativeDir = args.length == 4 ? Path.of(args[3]) : null;
        int dropped = 0, moved = 0;
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                if (!wanted(e.getName(), platform)) {
                    dropped++;
                    continue;
                }
                if (nativeDir != null && isLibrary(e.getName())) {
                    Path lib = nativeDir.resolve(e.getName().substring(e.getName().lastIndexOf('/') + 1));
                    Files.createDirectories(nativeDir);
                    Files.copy(zin, lib, StandardCopyOption.REPLACE_EXISTING);
                    moved++;
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zout.putNextEntry(copy);
                zin.transferTo(zout);
                zout.closeEntry();
            }
        }
        System.out.printf("%s: %d MB -> %d MB (%d entries of other platforms dropped, %d libraries to %s)%n",
                in.getFileName(), Files.size(in) >> 20, Files.size(out) >> 20, dropped, moved, nativeDir);
    }

    static boolean wanted(String name, String platform) {
        if (name.contains(".dSYM/")) {
            return false; // macOS debug symbols (70 MB in ONNX Runtime), never loaded
        }
        for (Natives n : KNOWN) {
            if (name.startsWith(n.root()) && name.length() > n.root().length()) {
                String keep = n.keep(platform);
                // keep the kept folder and the parent folders leading to it
                return name.startsWith(keep) || keep.startsWith(name);
            }
        }
        return true;
    }

    /** A native library inside one of the known native folders (not a README beside it). */
    static boolean isLibrary(String name) {
        boolean known = KNOWN.stream().anyMatch(n -> name.startsWith(n.root()));
        return known && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib")
                || name.endsWith(".jnilib"));
    }
}
