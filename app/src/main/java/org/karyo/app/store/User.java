package org.karyo.app.store;

import java.util.EnumSet;
import java.util.Set;

/** A user profile; {@code login} is the OS account or a named profile. */
public record User(String login, String displayName, Set<Role> roles) {

    public User {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Cytogeneticists and lab leads may sign off and reopen cases. */
    public boolean maySignOff() {
        return has(Role.CYTOGENETICIST) || has(Role.LAB_LEAD);
    }
}
