package org.karyo.app.imports;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a folder import would bring in, found before anything is imported so the user can look
 * and confirm: the image files (with sizes), and what was left aside (hidden folders such as
 * {@code .cache} of a home directory, files that are not images, folders that could not be read).
 */
public record FolderScan(
        Path root,
        List<Found> images,
        List<Path> hiddenFoldersSkipped,
        int otherFilesSkipped,
        List<String> unreadable) {

    /** Upper bound on images listed from one folder: a home directory picked by mistake stops here. */
    public static final int MAX_IMAGES = 2000;

    /** One image file and its size in bytes. */
    public record Found(Path file, long bytes) {}

    public FolderScan {
        images = List.copyOf(images);
        hiddenFoldersSkipped = List.copyOf(hiddenFoldersSkipped);
        unreadable = List.copyOf(unreadable);
    }

    public long totalBytes() {
        return images.stream().mapToLong(Found::bytes).sum();
    }

    /** Walks {@code root} (sub-folders too, hidden ones skipped), in name order. */
    public static FolderScan of(Path root) {
        List<Found> images = new ArrayList<>();
        List<Path> hidden = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int[] other = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && isHidden(dir)) {
                        hidden.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return images.size() >= MAX_IMAGES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && ImageFiles.isImage(file) && !isHidden(file)) {
                        images.add(new Found(file, attrs.size()));
                    } else {
                        other[0]++;
                    }
                    return images.size() >= MAX_IMAGES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable.add(file + ": " + e.getClass().getSimpleName());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unreadable.add(root + ": " + e.getMessage());
        }
        images.sort(Comparator.comparing(f -> f.file().toString()));
        return new FolderScan(root, images, hidden, other[0], unreadable);
    }

    private static boolean isHidden(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.startsWith(".");
    }

    /** One line: "23 images (41.2 MB); 2 hidden folders skipped (.cache, .git); 5 other files skipped". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(images.size())
                .append(images.size() == 1 ? " image (" : " images (")
                .append(megabytes(totalBytes()))
                .append(")");
        if (images.size() >= MAX_IMAGES) {
            s.append(", listing stopped at ").append(MAX_IMAGES);
        }
        if (!hiddenFoldersSkipped.isEmpty()) {
            s.append("; ")
                    .append(hiddenFoldersSkipped.size())
                    .append(" hidden folder")
                    .append(hiddenFoldersSkipped.size() == 1 ? "" : "s")
                    .append(" skipped (")
                    .append(String.join(
                            ", ",
                            hiddenFoldersSkipped.stream()
                                    .limit(5)
                                    .map(p -> p.getFileName().toString())
                                    .toList()))
                    .append(hiddenFoldersSkipped.size() > 5 ? ", …" : "")
                    .append(")");
        }
        if (otherFilesSkipped > 0) {
            s.append("; ")
                    .append(otherFilesSkipped)
                    .append(otherFilesSkipped == 1 ? " other file" : " other files")
                    .append(" skipped");
        }
        return s.toString();
    }

    public static String megabytes(long bytes) {
        return bytes < 1_000_000
                ? String.format(java.util.Locale.ROOT, "%.0f kB", bytes / 1e3)
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
