package org.karyo.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The numbered schema steps, one history for both engines ({@link Engine}). Step N runs in one
 * transaction together with setting {@code schema_version} to N, so a crash leaves the database at
 * N-1 or N, never in between. Steps are append-only: never edit a released step, add a new one.
 *
 * <p>A step is a list of SQL statements run on both engines, written with {@code ${id}} for an
 * auto-numbered primary key and {@code ${real}} for a floating-point column; a statement prefixed
 * {@code sqlite:} or {@code postgresql:} runs on that engine only. Every step is tested on both
 * engines ({@code TestMigrations}).
 */
public final class Migrations {

    /** 'KRYO': marks the file as a Karyo database in the SQLite header. */
    public static final int APPLICATION_ID = 0x4B52594F;

    private static final List<List<String>> STEPS = List.of(
            // 1: the initial schema
            List.of(
                    "sqlite:PRAGMA application_id = " + APPLICATION_ID,
                    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
                    "INSERT INTO schema_version (version) VALUES (0)",
                    """
                    CREATE TABLE users (login TEXT PRIMARY KEY, display_name TEXT NOT NULL,
                      roles TEXT NOT NULL, created_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE patients (id ${id}, identifier TEXT NOT NULL UNIQUE,
                      name TEXT, birth_date TEXT, sex TEXT, created_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE cases (id ${id},
                      patient_id INTEGER NOT NULL REFERENCES patients(id),
                      accession TEXT NOT NULL UNIQUE, specimen TEXT, referral_reason TEXT, culture TEXT,
                      band_level TEXT, collected TEXT, received TEXT,
                      status TEXT NOT NULL CHECK (status IN ('OPEN', 'SIGNED_OFF')),
                      karyotype TEXT, interpretation TEXT, created_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE cells (id ${id}, case_id INTEGER NOT NULL REFERENCES cases(id),
                      ordinal INTEGER NOT NULL, label TEXT NOT NULL, original_path TEXT NOT NULL,
                      stored_image TEXT NOT NULL, sha256 TEXT NOT NULL, width INTEGER NOT NULL,
                      height INTEGER NOT NULL,
                      status TEXT NOT NULL CHECK (status IN ('NOT_RUN', 'DETECTED', 'REVIEWED', 'EXCLUDED')),
                      exclusion_reason TEXT, detected_count INTEGER,
                      UNIQUE (case_id, ordinal), UNIQUE (case_id, sha256))""",
                    """
                    CREATE TABLE detection_runs (id ${id},
                      cell_id INTEGER NOT NULL REFERENCES cells(id), model_name TEXT, model_version TEXT,
                      model_sha256 TEXT, at TEXT NOT NULL, count INTEGER NOT NULL)""",
                    // edited: a user moved/resized/rotated a detected box; superseded_by_run: a later
                    // detection run (not a user) soft-deleted it
                    """
                    CREATE TABLE boxes (id ${id}, cell_id INTEGER NOT NULL REFERENCES cells(id),
                      cx ${real} NOT NULL, cy ${real} NOT NULL, w ${real} NOT NULL, h ${real} NOT NULL,
                      angle ${real} NOT NULL, score ${real}, origin TEXT NOT NULL CHECK (origin IN ('DETECTED', 'ADDED')),
                      detection_run_id INTEGER REFERENCES detection_runs(id),
                      created_at TEXT NOT NULL, deleted_at TEXT, edited INTEGER NOT NULL DEFAULT 0,
                      superseded_by_run INTEGER REFERENCES detection_runs(id))""",
                    "CREATE INDEX boxes_by_cell ON boxes (cell_id, deleted_at)",
                    """
                    CREATE TABLE sign_offs (id ${id}, case_id INTEGER NOT NULL REFERENCES cases(id),
                      "user" TEXT NOT NULL REFERENCES users(login), at TEXT NOT NULL)""",
                    """
                    CREATE TABLE audit (id ${id}, at TEXT NOT NULL, "user" TEXT NOT NULL,
                      action TEXT NOT NULL, case_id INTEGER, cell_id INTEGER, entity TEXT, entity_id INTEGER,
                      before TEXT, after TEXT, reason TEXT)""",
                    "CREATE INDEX audit_by_case ON audit (case_id)",
                    "CREATE INDEX audit_by_cell ON audit (cell_id)",
                    // the audit trail is append-only, also for anyone editing the file with other tools
                    """
                    sqlite:CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
                    """
                    sqlite:CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
                    """
                    postgresql:CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
                      $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$""",
                    """
                    postgresql:CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
                      FOR EACH ROW EXECUTE FUNCTION audit_append_only()"""),
            // 2: instance polygons drawn in the annotation tab (training data); points is a JSON
            // array [x0, y0, x1, y1, ...] in image pixels; deleting is soft so undo keeps the id
            List.of(
                    """
                    CREATE TABLE polygons (id ${id}, cell_id INTEGER NOT NULL REFERENCES cells(id),
                      label TEXT NOT NULL, points TEXT NOT NULL, group_id INTEGER,
                      origin TEXT NOT NULL CHECK (origin IN ('DRAWN', 'SEEDED')),
                      annotator TEXT NOT NULL REFERENCES users(login),
                      created_at TEXT NOT NULL, modified_at TEXT NOT NULL, deleted_at TEXT)""",
                    "CREATE INDEX polygons_by_cell ON polygons (cell_id, deleted_at)"),
            // 3: karyograms (issue 24): one row per classified cell; placements are a JSON array
            // (box id, class, probabilities, polarity, flags); karyotyped_at set when a reviewer
            // accepts the karyogram. Every change is audited (entity "karyogram").
            List.of(
                    """
                    CREATE TABLE karyograms (cell_id INTEGER PRIMARY KEY REFERENCES cells(id),
                      placements TEXT NOT NULL, classifier TEXT, iscn TEXT NOT NULL,
                      karyotyped_by TEXT REFERENCES users(login), karyotyped_at TEXT,
                      modified_by TEXT NOT NULL REFERENCES users(login), modified_at TEXT NOT NULL)"""),
            // 4: row versions for optimistic concurrency (two workstations never overwrite each
            // other silently): every update bumps row_version and records who changed it when
            rowVersions("patients", "cases", "cells", "boxes", "polygons"),
            // 5: image copies in the lab-server store, content-addressed (a workstation keeps a
            // local cache); SQLite workstations keep their copies as files and leave it empty
            List.of("CREATE TABLE images (sha256 TEXT PRIMARY KEY, content ${blob} NOT NULL, bytes INTEGER NOT NULL)"),
            // 6: on the server, signing off and reopening need the database role karyo_signoff too,
            // so a workstation with an edited client cannot sign off without it (docs/lab-server.md)
            List.of(
                    """
                    postgresql:DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'karyo_signoff') THEN
                        CREATE ROLE karyo_signoff NOLOGIN;
                      END IF; END $$""",
                    """
                    postgresql:CREATE FUNCTION karyo_require_signoff_role() RETURNS trigger LANGUAGE plpgsql AS $$
                      BEGIN
                        IF NOT pg_has_role(current_user, 'karyo_signoff', 'MEMBER') THEN
                          RAISE EXCEPTION 'the database login % is not in the role karyo_signoff: only a '
                            'cytogeneticist or lab lead signs off or reopens a case', current_user
                            USING ERRCODE = '42501';
                        END IF;
                        RETURN NEW;
                      END $$""",
                    """
                    postgresql:CREATE TRIGGER sign_off_needs_role BEFORE INSERT ON sign_offs
                      FOR EACH ROW EXECUTE FUNCTION karyo_require_signoff_role()""",
                    """
                    postgresql:CREATE TRIGGER case_status_needs_role BEFORE UPDATE OF status ON cases
                      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
                      EXECUTE FUNCTION karyo_require_signoff_role()"""),
            // 7: sign-off as a laboratory needs it: who signed by full name and role, checks overridden
            // with a reason (JSON), a second signature when the case asks for one (superseded_at:
            // reopened after); archived cases; removed cells (soft, audited); the detector's
            // near-threshold candidates kept as suggestions (not counted)
            List.of(
                    "ALTER TABLE sign_offs ADD COLUMN full_name TEXT",
                    "ALTER TABLE sign_offs ADD COLUMN role TEXT",
                    "ALTER TABLE sign_offs ADD COLUMN overrides TEXT",
                    "ALTER TABLE sign_offs ADD COLUMN superseded_at TEXT",
                    "ALTER TABLE cases ADD COLUMN signatures_required INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE cases ADD COLUMN archived_at TEXT",
                    "ALTER TABLE cells ADD COLUMN removed_at TEXT",
                    "ALTER TABLE detection_runs ADD COLUMN score_threshold ${real}",
                    """
                    CREATE TABLE suggested_boxes (id ${id},
                      cell_id INTEGER NOT NULL REFERENCES cells(id),
                      cx ${real} NOT NULL, cy ${real} NOT NULL, w ${real} NOT NULL, h ${real} NOT NULL, angle ${real} NOT NULL,
                      score ${real} NOT NULL, detection_run_id INTEGER REFERENCES detection_runs(id),
                      accepted_box_id INTEGER REFERENCES boxes(id), superseded_by_run INTEGER)""",
                    "CREATE INDEX suggested_by_cell ON suggested_boxes (cell_id)"),
            // 8: row versions for the karyograms (a reviewer's stale screen must not overwrite
            // another's class change) and the users (roles granted from a stale Users dialog)
            rowVersions("karyograms", "users"));

    private Migrations() {}

    private static List<String> rowVersions(String... tables) {
        List<String> sql = new java.util.ArrayList<>();
        for (String t : tables) {
            sql.add("ALTER TABLE " + t + " ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1");
            sql.add("ALTER TABLE " + t + " ADD COLUMN changed_by TEXT");
            sql.add("ALTER TABLE " + t + " ADD COLUMN changed_at TEXT");
        }
        return List.copyOf(sql);
    }

    static List<List<String>> steps() {
        return STEPS;
    }

    /** The schema version this code writes. */
    public static int latest() {
        return STEPS.size();
    }

    /** The statements of one step that run on {@code engine}, in its words. */
    static List<String> forEngine(List<String> step, Engine engine) {
        String mine = engine.name().toLowerCase(java.util.Locale.ROOT) + ":";
        List<String> out = new java.util.ArrayList<>();
        for (String sql : step) {
            String only = sql.startsWith("sqlite:") ? "sqlite:" : sql.startsWith("postgresql:") ? "postgresql:" : null;
            if (only == null) {
                out.add(engine.schema(sql));
            } else if (only.equals(mine)) {
                out.add(engine.schema(sql.substring(only.length())));
            }
        }
        return out;
    }

    /**
     * Brings the database from {@code current} to {@link #latest()}, one transaction per step,
     * without Flyway: the store runs the same steps through {@link SchemaHistory}; this plain
     * runner serves tests that inject a failing step.
     */
    static void migrate(Connection c, int current) throws SQLException {
        migrate(c, Engine.SQLITE, current, STEPS);
    }

    static void migrate(Connection c, Engine engine, int current) throws SQLException {
        migrate(c, engine, current, STEPS);
    }

    /** Applies {@code steps} after {@code current}; separate so a test can inject a failing step. */
    static void migrate(Connection c, int current, List<List<String>> steps) throws SQLException {
        migrate(c, Engine.SQLITE, current, steps);
    }

    static void migrate(Connection c, Engine engine, int current, List<List<String>> steps) throws SQLException {
        for (int v = current + 1; v <= steps.size(); v++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : forEngine(steps.get(v - 1), engine)) {
                    st.execute(sql);
                }
                st.executeUpdate("UPDATE schema_version SET version = " + v);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
