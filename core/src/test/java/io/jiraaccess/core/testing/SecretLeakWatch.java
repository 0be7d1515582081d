package io.jiraaccess.core.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Checks after every test that no secret it handled escaped: captures core's logs during the test, collects the
 * messages of exceptions the test expected ({@link #thrown}) and any other output registered with {@link #watch},
 * and fails the test when a secret appears in any of them, in any printed form. Register it with
 * {@code @RegisterExtension}.
 */
public final class SecretLeakWatch implements BeforeEachCallback, AfterEachCallback {
    private final List<String> secrets = Collections.synchronizedList(new ArrayList<>());
    private final List<Supplier<String>> outputs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
    private CapturedLogs logs;

    public SecretLeakWatch(String... secrets) {
        this.secrets.addAll(List.of(secrets));
    }

    /** Also scans what {@code output} returns after the test (recorded events, a console). */
    public SecretLeakWatch watch(Supplier<String> output) {
        outputs.add(output);
        return this;
    }

    /** Registers a secret the test came across (a token it was handed) and returns it. */
    public String secret(String value) {
        secrets.add(value);
        return value;
    }

    /** {@code assertThrows}, keeping the exception's messages (causes included) for the scan. */
    public <T extends Throwable> T thrown(Class<T> type, Executable call) {
        T t = assertThrows(type, call);
        captured.add(SecretLeaks.messages(t));
        return t;
    }

    /** Adds text the test captured itself (a response page, a child process's output). */
    public void captured(String text) {
        captured.add(text);
    }

    /** What was logged so far in this test. */
    public CapturedLogs logs() {
        return logs;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        logs = CapturedLogs.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logs.close();
        List<String> texts = new ArrayList<>(captured);
        texts.add(logs.all());
        outputs.forEach(o -> texts.add(o.get()));
        SecretLeaks.assertAbsent(List.copyOf(secrets), texts.toArray(new String[0]));
    }
}
