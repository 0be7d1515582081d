package io.jiraaccess.sim.control;

import java.time.Instant;
import java.util.List;

/**
 * A user to create through the control API. {@code name} is the Data Center username, {@code email} the Cloud
 * login; {@code apiToken} (with its expiry) makes the user usable with Cloud Basic auth, {@code password} with
 * Data Center Basic auth.
 */
public record UserSpec(String name, String displayName, String email, String password, String apiToken,
                       Instant apiTokenExpiresAt, String apiTokenLabel, List<String> projects, boolean admin) {

    public UserSpec {
        projects = List.copyOf(projects);
    }

    public static UserSpec named(String name) {
        return new UserSpec(name, null, null, null, null, null, null, List.of(), false);
    }

    public UserSpec displayName(String value) {
        return new UserSpec(name, value, email, password, apiToken, apiTokenExpiresAt, apiTokenLabel, projects, admin);
    }

    public UserSpec email(String value) {
        return new UserSpec(name, displayName, value, password, apiToken, apiTokenExpiresAt, apiTokenLabel, projects, admin);
    }

    public UserSpec password(String value) {
        return new UserSpec(name, displayName, email, value, apiToken, apiTokenExpiresAt, apiTokenLabel, projects, admin);
    }

    public UserSpec apiToken(String value, Instant expiresAt) {
        return new UserSpec(name, displayName, email, password, value, expiresAt, apiTokenLabel, projects, admin);
    }

    public UserSpec apiTokenLabel(String value) {
        return new UserSpec(name, displayName, email, password, apiToken, apiTokenExpiresAt, value, projects, admin);
    }

    public UserSpec projects(String... keys) {
        return new UserSpec(name, displayName, email, password, apiToken, apiTokenExpiresAt, apiTokenLabel,
                List.of(keys), admin);
    }

    public UserSpec admin(boolean value) {
        return new UserSpec(name, displayName, email, password, apiToken, apiTokenExpiresAt, apiTokenLabel, projects, value);
    }

    @Override
    public String toString() {
        return "UserSpec[" + name + ", " + email + "]";
    }
}
