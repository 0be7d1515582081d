package io.jenkins.plugins.jiraaccess.steps;

import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import hudson.util.Secret;
import io.jiraaccess.core.binding.ConsoleMasker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Masks every form of the bound secrets in the block's console output, line by line. The masks are secrets, so the
 * filter keeps them encrypted: it is saved with the build's program state while the block runs.
 */
final class MaskingConsoleLogFilter extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Secret masks;

    MaskingConsoleLogFilter(Collection<String> masks) {
        this.masks = Secret.fromString(ConsoleMasker.encode(masks));
    }

    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        ConsoleMasker masker = ConsoleMasker.of(ConsoleMasker.decode(masks.getPlainText()));
        return new LineTransformationOutputStream.Delegating(logger) {
            @Override
            protected void eol(byte[] b, int len) throws IOException {
                String line = new String(b, 0, len, StandardCharsets.UTF_8);
                out.write(masker.mask(line).getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
