package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Users and the current user. The current user is the OS account unless a named profile was
 * switched to. An unknown account is created on first use: the very first user of a database
 * (whoever installed it) becomes LAB_LEAD and CYTOGENETICIST, every later one ANNOTATOR until a
 * lab lead grants more.
 */
public final class Users {

    private final CaseStore store;
    /** Who is logged in to the operating system: the only identity this program can trust. */
    private final String osLogin;

    private volatile String currentLogin;

    Users(CaseStore store, String osUser) {
        this.store = store;
        this.osLogin = osUser;
        this.currentLogin = osUser;
    }

    void ensureCurrent() {
        store.inTransaction(() -> {
            if (find(currentLogin).isPresent()) {
                return;
            }
            boolean first = Sql.count(store.connection(), "SELECT count(*) FROM users") == 0;
            Set<Role> roles = first ? EnumSet.of(Role.LAB_LEAD, Role.CYTOGENETICIST) : EnumSet.of(Role.ANNOTATOR);
            insert(new User(currentLogin, currentLogin, roles));
            store.audit()
                    .record(
                            "user.create",
                            null,
                            null,
                            "user",
                            null,
                            null,
                            AuditJson.of("login", currentLogin, "roles", encode(roles)),
                            first ? "first user of this database" : "first use of this account");
        });
    }

    String currentLogin() {
        return currentLogin;
    }

    public User current() {
        return find(currentLogin).orElseThrow(() -> new StoreException("unknown user " + currentLogin));
    }

    public Optional<User> find(String login) {
        return store.read(() -> Sql.one(store.connection(), "SELECT * FROM users WHERE login = ?", Users::row, login));
    }

    public List<User> list() {
        return store.read(() -> Sql.list(store.connection(), "SELECT * FROM users ORDER BY login", Users::row));
    }

    /** Creates a named profile; only a lab lead may. */
    public User create(String login, String displayName, Set<Role> roles) {
        requireLabLead("create users");
        if (login == null || login.isBlank()) {
            throw new StoreException("a user needs a login name");
        }
        String l = login.strip();
        User u = new User(l, displayName == null || displayName.isBlank() ? l : displayName.strip(), roles);
        return store.inTransaction(() -> {
            if (find(l).isPresent()) {
                throw new StoreException("user " + l + " already exists");
            }
            insert(u);
            store.audit()
                    .record(
                            "user.create",
                            null,
                            null,
                            "user",
                            null,
                            null,
                            AuditJson.of("login", l, "displayName", u.displayName(), "roles", encode(u.roles())),
                            null);
            return u;
        });
    }

    /** Sets the full name printed with a signature: one's own, or anyone's for a lab lead (audited). */
    public User setFullName(String login, String fullName) {
        if (fullName == null || fullName.isBlank()) {
            throw new StoreException("a full name cannot be empty");
        }
        if (!login.equals(currentLogin)) {
            requireLabLead("change another user's name");
        }
        return store.inTransaction(() -> {
            User old = find(login).orElseThrow(() -> new StoreException("unknown user " + login));
            RowVersions.bumpBy(store, "users", "login", login, "display_name = ?", fullName.strip());
            store.audit()
                    .record(
                            "user.name",
                            null,
                            null,
                            "user",
                            null,
                            AuditJson.of("login", login, "displayName", old.displayName()),
                            AuditJson.of("login", login, "displayName", fullName.strip()),
                            null);
            return new User(login, fullName.strip(), old.roles());
        });
    }

    /** Changes a user's roles; only a lab lead may, and the last lab lead cannot drop that role. */
    public User setRoles(String login, Set<Role> roles) {
        return setRoles(login, null, roles);
    }

    /**
     * Changes a user's roles from a screen that showed {@code shown} (null: no screen, as on the
     * command line): when another lab lead changed them since, nothing is written and the conflict
     * names who and when, so that two lab leads never overwrite each other's role changes silently.
     */
    public User setRoles(String login, Set<Role> shown, Set<Role> roles) {
        requireLabLead("change roles");
        return store.inTransaction(() -> {
            User old = find(login).orElseThrow(() -> new StoreException("unknown user " + login));
            if (shown != null && !old.roles().equals(Set.copyOf(shown))) {
                throw RowVersions.conflict(store, "users", "login", "The profile of " + login, login);
            }
            if (old.has(Role.LAB_LEAD)
                    && !roles.contains(Role.LAB_LEAD)
                    && list().stream().filter(u -> u.has(Role.LAB_LEAD)).count() == 1) {
                throw new StoreException(login + " is the only lab lead; make someone else lab lead first");
            }
            RowVersions.bumpBy(store, "users", "login", login, "roles = ?", encode(roles));
            store.audit()
                    .record(
                            "user.roles",
                            null,
                            null,
                            "user",
                            null,
                            AuditJson.of("login", login, "roles", encode(old.roles())),
                            AuditJson.of("login", login, "roles", encode(roles)),
                            null);
            return new User(login, old.displayName(), roles);
        });
    }

    /**
     * Acts as another existing profile from now on (audited). Profiles have no passwords, so a
     * profile with rights the operating-system account lacks is refused unless that account is a
     * lab lead: otherwise anyone could sign off by picking a cytogeneticist's name.
     */
    public User switchTo(String login) {
        User u = find(login).orElseThrow(() -> new StoreException("unknown user " + login));
        User os = find(osLogin).orElseThrow(() -> new StoreException("unknown user " + osLogin));
        if (!os.has(Role.LAB_LEAD) && !os.roles().containsAll(u.roles())) {
            throw new PermissionException("Profile " + login + " has rights (" + u.roles() + ") that account " + osLogin
                    + " lacks; log in to the computer as that person, or ask a lab lead");
        }
        String from = currentLogin;
        store.inTransaction(() -> {
            currentLogin = u.login();
            store.audit()
                    .record(
                            "user.switch",
                            null,
                            null,
                            "user",
                            null,
                            AuditJson.of("login", from),
                            AuditJson.of("login", u.login()),
                            null);
        });
        return u;
    }

    void requireLabLead(String what) {
        if (!current().has(Role.LAB_LEAD)) {
            throw new PermissionException("Only a lab lead may " + what + " (you are " + currentLogin + ")");
        }
    }

    void requireSignOffRole(String what) {
        if (!current().maySignOff()) {
            throw new PermissionException(
                    "Only a cytogeneticist or lab lead may " + what + " (you are " + currentLogin + ")");
        }
    }

    private void insert(User u) throws SQLException {
        Sql.update(
                store.connection(),
                "INSERT INTO users (login, display_name, roles, created_at) VALUES (?, ?, ?, ?)",
                u.login(),
                u.displayName(),
                encode(u.roles()),
                Instant.now());
    }

    private static String encode(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    private static User row(ResultSet rs) throws SQLException {
        String r = rs.getString("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (!r.isBlank()) {
            Arrays.stream(r.split(",")).map(Role::valueOf).forEach(roles::add);
        }
        return new User(rs.getString("login"), rs.getString("display_name"), roles);
    }
}
