package io.jiraaccess.core.rotation;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.jira.PatApi;

/**
 * The PAT API of a credential's Jira, acting with a given {@code Authorization} header: the current token, the
 * pending one, or Basic username/password. Production: {@link JiraPatApiFactory}; tests use fakes.
 */
@FunctionalInterface
public interface PatApiFactory {
    PatApi open(PatSpec spec, AuthHeader auth);

    /** The rotator is done with the credential for now: resources kept for it (HTTP clients) may go. */
    default void release(PatSpec spec) {
    }
}
