package io.jiraaccess.core.rotation;

import io.jiraaccess.core.secret.SecretForms;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collection;

import static org.junit.jupiter.api.Assertions.fail;

/** Asserts that captured text holds no printed form (literal, Base64, URL, JSON, Basic) of any secret. */
final class Leaks {
    private Leaks() {
    }

    static void assertNone(String what, String captured, Collection<String> secrets) {
        if (captured == null) {
            return;
        }
        for (String secret : secrets) {
            for (String form : SecretForms.of(secret)) {
                if (captured.contains(form)) {
                    fail(what + " contains a form of a secret (" + form.length() + " characters)");
                }
            }
        }
    }

    /** The exception's messages and stack trace, causes included. */
    static String text(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
