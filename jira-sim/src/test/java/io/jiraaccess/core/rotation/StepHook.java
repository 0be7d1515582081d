package io.jiraaccess.core.rotation;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Test-only hook, found by {@code jira-access rotate} through {@link java.util.ServiceLoader} (registered in this
 * module's test resources only) and inert unless the process was started with {@code -D}{@value #STOP_AFTER}{@code =<step>}.
 * After that step it prints {@value #MARKER}{@code <step> <rotation id>} on stderr and blocks reading stdin: the
 * test then kills the process (SIGKILL) or releases it by writing a line.
 */
public final class StepHook implements RotationListener {
    public static final String STOP_AFTER = "jira-access.test.stop-after";
    public static final String MARKER = "STEP-HOOK stopped after ";

    @Override
    public void stepCompleted(String credentialId, String rotationId, RotationStep step) {
        if (!step.id().equals(System.getProperty(STOP_AFTER))) {
            return;
        }
        PrintStream err = System.err;
        err.println(MARKER + step.id() + " " + rotationId);
        err.flush();
        try {
            System.in.read();
        } catch (IOException e) {
            Runtime.getRuntime().halt(70);
        }
    }
}
