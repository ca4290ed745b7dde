package org.karyo.app.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A lab-server password from the desktop's keyring (Secret Service: GNOME Keyring, KWallet) via
 * libsecret's {@code secret-tool}; the password comes back on its standard output, never on a
 * command line. Stored once by the user with
 * {@code secret-tool store --label="Karyo lab server" service karyo host H port P database D user U}.
 */
final class OsKeyring {

    private OsKeyring() {}

    static Optional<String> password(String host, int port, String database, String user) {
        List<String> cmd = List.of(
                "secret-tool",
                "lookup",
                "service",
                "karyo",
                "host",
                host,
                "port",
                Integer.toString(port),
                "database",
                database,
                "user",
                user);
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StoreException("the keyring did not answer within 10 s (is the desktop session unlocked?)");
            }
            String pw = new String(out, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && !pw.isEmpty() ? Optional.of(pw) : Optional.empty();
        } catch (IOException e) {
            throw new StoreException(
                    "the OS keyring is not available (secret-tool is missing: apt-get install libsecret-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while asking the keyring", e);
        }
    }
}
