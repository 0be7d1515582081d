package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.secret.SecretForms;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Copies what is written to System.err (where the daemon logs) while open, for secret-absence checks. */
public final class StderrCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public StderrCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Fails if any printed form of {@code secret} appears in {@code text}. */
    public static void assertNoSecret(String text, String secret) {
        for (String form : SecretForms.of(secret)) {
            assertThat(text).as("a form of a secret leaked").doesNotContain(form);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
