package io.jiraaccess.core.binding;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A failure that carries a secret in its message (or its causes') must not reach the build log as it is: Pipeline
 * prints the failure of a block after the block's console filter is gone. {@link #mask} returns the failure
 * unchanged when no secret is in its printed form, else a {@link MaskedException} with the masked message, the same
 * stack trace, and masked copies of its cause and suppressed failures: what credentials-binding's
 * {@code MaskedException.of} does for {@code withCredentials} (credentials-binding 696, impl/MaskedException.java).
 */
public final class MaskedThrowables {
    private MaskedThrowables() {
    }

    /** A failure whose message was masked; its class name says so, the original class is in its message. */
    public static final class MaskedException extends Exception {
        private static final long serialVersionUID = 1L;

        MaskedException(String message) {
            super(message);
        }
    }

    public static Throwable mask(Throwable failure, ConsoleMasker masker) {
        return mask(failure, masker, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable mask(Throwable failure, ConsoleMasker masker, Set<Throwable> visited) {
        if (!visited.add(failure)) {
            return new MaskedException("(cycle of causes)");
        }
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        String text = printed.toString();
        if (masker.mask(text).equals(text)) {
            return failure;
        }
        String message = failure.getMessage() == null ? "" : masker.mask(failure.getMessage());
        MaskedException masked = new MaskedException(failure.getClass().getName() + ": " + message);
        masked.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null) {
            masked.initCause(mask(failure.getCause(), masker, visited));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            masked.addSuppressed(mask(suppressed, masker, visited));
        }
        return masked;
    }
}
