package io.jiraaccess.core.http;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which Jira projects a request touches, as far as can be told before sending it.
 *
 * @param kind what is known
 * @param keys the project keys (upper case) when {@link Kind#KNOWN}; empty otherwise
 * @param fix  for {@link Kind#UNKNOWN}: how the caller can make the project visible (shown in refusals)
 */
public record ProjectScope(Kind kind, Set<String> keys, String fix) {
    public enum Kind {
        /** The endpoint is not about projects ({@code /myself}, {@code /serverInfo}, the PAT API). */
        NONE,
        /** The request touches exactly these projects. */
        KNOWN,
        /** The endpoint is about projects or issues but the request does not say which. */
        UNKNOWN
    }

    public static final ProjectScope NONE = new ProjectScope(Kind.NONE, Set.of(), null);

    public ProjectScope {
        keys = keys == null ? Set.of() : Set.copyOf(new TreeSet<>(keys));
    }

    public static ProjectScope known(Set<String> keys) {
        return new ProjectScope(Kind.KNOWN, keys, null);
    }

    public static ProjectScope unknown(String fix) {
        return new ProjectScope(Kind.UNKNOWN, Set.of(), fix);
    }
}
