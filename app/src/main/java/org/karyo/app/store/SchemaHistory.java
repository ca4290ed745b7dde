package org.karyo.app.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Runs the schema steps of {@link Migrations} through Flyway, on either engine: step N is Flyway
 * version N (one transaction, recorded in {@code flyway_schema_history} with a checksum of its SQL,
 * so an edited released step is refused at open). A database made before Flyway (only
 * {@code schema_version}) is baselined at its version first. {@code schema_version} is still kept,
 * so an older Karyo, and the read-only probe, see the version.
 */
final class SchemaHistory {

    static final String TABLE = "flyway_schema_history";
    /** Flyway reports each step at INFO through java.util.logging; the command line stays quiet (held: JUL keeps weak references). */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private SchemaHistory() {}

    /** Brings the database behind {@code source} (at {@code current} by its {@code schema_version}) to the latest step. */
    static void migrate(DataSource source, Engine engine, int current) {
        List<JavaMigration> steps = new ArrayList<>();
        for (int v = 1; v <= Migrations.latest(); v++) {
            steps.add(new Step(v, engine, Migrations.steps().get(v - 1)));
        }
        try {
            Flyway.configure()
                    .dataSource(source)
                    .table(TABLE)
                    .locations(new String[0]) // no SQL files: the steps are the Java list in Migrations
                    .javaMigrations(steps.toArray(JavaMigration[]::new))
                    .baselineOnMigrate(current > 0)
                    .baselineVersion(MigrationVersion.fromVersion(String.valueOf(Math.max(1, current))))
                    .baselineDescription("schema_version " + current + " before Flyway")
                    .validateMigrationNaming(false)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(
                    "the case database's schema could not be brought up to date (version " + current + " -> "
                            + Migrations.latest() + "): " + e.getMessage(),
                    e);
        }
    }

    /** One step of {@link Migrations} as a Flyway migration. */
    private static final class Step implements JavaMigration {
        private final int version;
        private final Engine engine;
        private final List<String> sql;

        Step(int version, Engine engine, List<String> sql) {
            this.version = version;
            this.engine = engine;
            this.sql = sql;
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(String.valueOf(version));
        }

        @Override
        public String getDescription() {
            return "karyo step " + version;
        }

        @Override
        public Integer getChecksum() {
            CRC32 crc = new CRC32();
            sql.forEach(s -> crc.update(s.getBytes(StandardCharsets.UTF_8)));
            return (int) crc.getValue();
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws SQLException {
            Connection c = context.getConnection();
            try (Statement st = c.createStatement()) {
                for (String s : Migrations.forEngine(sql, engine)) {
                    st.execute(s);
                }
                st.executeUpdate("UPDATE schema_version SET version = " + version);
            }
        }
    }
}
