package io.jiraaccess.core.credential;

import java.net.URI;

/**
 * One Jira credential as configured: the same shape is read from CLI credential files, the daemon's
 * configuration and (mapped 1:1) the Jenkins credential types. Secrets are {@link io.jiraaccess.core.secret.SecretValue}s.
 */
public sealed interface CredentialSpec
        permits PatSpec, ApiTokenSpec, OAuthClientCredentialsSpec, OAuthRefreshTokenSpec, ConnectJwtSpec {

    /** The settings every kind has. */
    Common common();

    CredentialKind kind();

    default String id() {
        return common().id();
    }

    default URI site() {
        return common().site();
    }

    default AllowPolicy allow() {
        return common().allow();
    }

    default JiraFlavor flavor() {
        return common().flavor();
    }

    /**
     * Settings common to every kind.
     *
     * @param id          stable credential id (events, store, broker keys)
     * @param site        the Jira base URL, context path included (e.g. {@code https://jira.example.com/jira})
     * @param flavor      cloud or datacenter (guessed from the host when not written)
     * @param owner       the Jira identity behind the credential, when known ({@code user.name} in events)
     * @param description free text for people
     * @param allow       where and how the credential may be used
     */
    record Common(String id, URI site, JiraFlavor flavor, String owner, String description, AllowPolicy allow) {
        public Common {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("credential id is required");
            }
            if (site == null) {
                throw new IllegalArgumentException("credential site is required");
            }
            flavor = flavor == null ? JiraFlavor.guess(site) : flavor;
            allow = allow == null ? AllowPolicy.DEFAULT : allow;
        }

        /** The site without a trailing slash, e.g. {@code https://jira.example.com/jira}. */
        public String siteBase() {
            String s = site.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
