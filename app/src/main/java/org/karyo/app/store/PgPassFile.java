package org.karyo.app.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A password from a PostgreSQL password file ({@code host:port:database:user:password} lines,
 * {@code *} matching anything, {@code \:} and {@code \\} escaped), the format of {@code ~/.pgpass}.
 * Written here because the driver reads only the one file its system property or PGPASSFILE names,
 * and a workstation's settings may name another. Like libpq, a file others can read is refused.
 */
final class PgPassFile {

    private PgPassFile() {}

    static Optional<String> password(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("the password file " + file + " does not exist");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new StoreException("the password file " + file + " can be read by others: make it yours only "
                        + "(chmod 600 " + file + ")");
            }
        } catch (UnsupportedOperationException e) {
            // Windows: %APPDATA% is the user's own folder already
        } catch (IOException e) {
            throw new StoreException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        String[] want = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() < 5) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = f.get(i).equals("*") || f.get(i).equals(want[i]);
            }
            if (match) {
                return Optional.of(f.get(4));
            }
        }
        return Optional.empty();
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (ch == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
