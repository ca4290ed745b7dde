package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workstation's store settings and the password file they may name (no server needed). */
class TestStoreSettings {

    @TempDir
    Path dir;

    @Test
    void savedSettingsGiveTheServerAddressWithoutAPassword() throws Exception {
        assertEquals(null, StoreSettings.read(dir).url(), "no settings: the local SQLite store");
        StoreSettings s = new StoreSettings(
                true, "lab.example", 5433, "karyo", "lena", StoreSettings.Credentials.PGPASS, "/home/l/my pass");
        s.write(dir);
        assertEquals(s, StoreSettings.read(dir));
        assertEquals("postgresql://lab.example:5433/karyo?user=lena&passfile=%2Fhome%2Fl%2Fmy+pass", s.url());
        assertEquals("postgresql://lena@lab.example:5433/karyo", s.describe());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("store.properties"))));
        assertTrue(new StoreSettings(true, "h", 5432, "d", "", StoreSettings.Credentials.KEYRING, "x")
                .url()
                .endsWith("/d?credentials=keyring"));

        Files.writeString(dir.resolve("store.properties"), "engine=postgresql\nhost=h\ndatabase=d\npassword=secret\n");
        StoreException e = assertThrows(StoreException.class, () -> StoreSettings.read(dir));
        assertTrue(e.getMessage().contains("store.properties hold a password"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(
                StoreException.class,
                () -> new StoreSettings(true, "", 5432, "d", "", StoreSettings.Credentials.PGPASS, ""));
    }

    @Test
    void thePasswordFileMatchesLikeLibpqAndMustBePrivate() throws Exception {
        Path f = dir.resolve("pgpass");
        Files.writeString(
                f,
                """
                # comment
                other:5432:karyo:lena:wrong
                lab.example:5432:karyo:ben:bens
                lab.example:*:karyo:lena:a\\:b\\\\c
                *:*:*:*:fallback
                """);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of("a:b\\c"), PgPassFile.password(f, "lab.example", 5432, "karyo", "lena"));
        assertEquals(Optional.of("fallback"), PgPassFile.password(f, "x", 1, "y", "z"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        StoreException e =
                assertThrows(StoreException.class, () -> PgPassFile.password(f, "lab.example", 5432, "karyo", "lena"));
        assertTrue(e.getMessage().contains("can be read by others"), e.getMessage());
        assertThrows(StoreException.class, () -> PgPassFile.password(dir.resolve("none"), "h", 1, "d", "u"));
    }
}
