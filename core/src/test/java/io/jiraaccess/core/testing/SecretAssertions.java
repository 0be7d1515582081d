package io.jiraaccess.core.testing;

import io.jiraaccess.core.secret.SecretForms;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/** Asserts that captured text (messages, logs, outputs, events) holds no printed form of a secret. */
public final class SecretAssertions {
    private SecretAssertions() {
    }

    public static void assertNoSecret(String what, String captured, String... secrets) {
        for (String secret : secrets) {
            Set<String> forms = SecretForms.of(secret);
            for (String form : forms) {
                if (captured != null && captured.contains(form)) {
                    fail(what + " contains a form of a secret (" + form.length() + " characters long)");
                }
            }
        }
    }
}
