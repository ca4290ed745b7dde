package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Patients; creation and every change are audited. */
public final class Patients {

    private final CaseStore store;

    Patients(CaseStore store) {
        this.store = store;
    }

    public Patient create(String identifier, String name, LocalDate birthDate, String sex) {
        String id = required(identifier);
        return store.inTransaction(() -> {
            if (findByIdentifier(id).isPresent()) {
                throw new StoreException("a patient with identifier " + id + " already exists");
            }
            long rowId = Sql.insert(
                    store.connection(),
                    "INSERT INTO patients (identifier, name, birth_date, sex, " + "created_at) VALUES (?, ?, ?, ?, ?)",
                    id,
                    name,
                    birthDate,
                    sex,
                    Instant.now());
            Patient p = new Patient(rowId, id, name, birthDate, sex, 1);
            store.audit().record("patient.create", null, null, "patient", rowId, null, json(p), null);
            return p;
        });
    }

    public Optional<Patient> find(long id) {
        return store.read(() -> Sql.one(store.connection(), "SELECT * FROM patients WHERE id = ?", Patients::row, id));
    }

    public Optional<Patient> findByIdentifier(String identifier) {
        return store.read(() ->
                Sql.one(store.connection(), "SELECT * FROM patients WHERE identifier = ?", Patients::row, identifier));
    }

    public List<Patient> list() {
        return store.read(
                () -> Sql.list(store.connection(), "SELECT * FROM patients ORDER BY identifier", Patients::row));
    }

    /**
     * Replaces identifier, name, birth date and sex of the patient with {@code p.id()}, provided
     * nobody changed the patient since {@code p} was read ({@link ConflictException} otherwise).
     */
    public Patient update(Patient p) {
        required(p.identifier());
        return store.inTransaction(() -> {
            Patient old = find(p.id()).orElseThrow(() -> new StoreException("no patient with id " + p.id()));
            RowVersions.update(
                    store,
                    "patients",
                    "Patient " + old.identifier(),
                    p.id(),
                    p.version(),
                    "identifier = ?, name = ?, birth_date = ?, sex = ?",
                    p.identifier().strip(),
                    p.name(),
                    p.birthDate(),
                    p.sex());
            Patient now = find(p.id()).orElseThrow();
            store.audit().record("patient.update", null, null, "patient", p.id(), json(old), json(now), null);
            return now;
        });
    }

    private static String required(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw new StoreException("a patient needs an identifier");
        }
        return identifier.strip();
    }

    private static String json(Patient p) {
        return AuditJson.of("identifier", p.identifier(), "name", p.name(), "birthDate", p.birthDate(), "sex", p.sex());
    }

    private static Patient row(ResultSet rs) throws SQLException {
        return new Patient(
                rs.getLong("id"),
                rs.getString("identifier"),
                rs.getString("name"),
                Sql.date(rs, "birth_date"),
                rs.getString("sex"),
                rs.getLong("row_version"));
    }
}
