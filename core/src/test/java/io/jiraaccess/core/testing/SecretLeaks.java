package io.jiraaccess.core.testing;

import io.jiraaccess.core.secret.SecretForms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.fail;

/** Asserts that secrets, in every printed form ({@link SecretForms}), appear nowhere in what a test captured. */
public final class SecretLeaks {
    private SecretLeaks() {
    }

    /**
     * @param secrets  the plain secrets (client secrets, access and refresh tokens)
     * @param captured logs, exception messages, events, outputs
     */
    public static void assertAbsent(Collection<String> secrets, String... captured) {
        List<String> leaks = new ArrayList<>();
        for (String secret : secrets.stream().filter(Objects::nonNull).toList()) {
            for (String form : SecretForms.of(secret)) {
                for (int i = 0; i < captured.length; i++) {
                    if (captured[i] != null && captured[i].contains(form)) {
                        // name the secret by length and position only: the failure message is output too
                        leaks.add("a secret of length " + secret.length() + " appears in captured text #" + i);
                    }
                }
            }
        }
        if (!leaks.isEmpty()) {
            fail(String.join("; ", leaks));
        }
    }

    /** The messages of an exception and all its causes, for {@link #assertAbsent}. */
    public static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
            Arrays.stream(c.getSuppressed()).forEach(s -> b.append(s).append('\n'));
        }
        return b.toString();
    }
}
