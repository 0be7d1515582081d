package io.jenkins.plugins.jiraaccess.steps;

import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.Run;
import hudson.util.Secret;
import io.jiraaccess.core.binding.ConsoleMasker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Masks the bound secrets in the block's console output: every form core's {@link ConsoleMasker} knows, whole and in
 * pieces cut by line breaks, plus whatever credentials-binding's {@code SecretPatterns} matches for them (its
 * {@code SecretPatternFactory} extensions, shell-quoted forms among them). Lines are decoded in the build's charset,
 * as credentials-binding's {@code BindingStep.Filter} does. Pipeline applies this filter wherever the output is
 * produced (on an agent too) and calls it without a build, so it holds everything it needs; the secrets and the
 * pattern stay encrypted while the filter is saved with the build's program state.
 */
final class MaskingConsoleLogFilter extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 2L;

    private final Secret secrets;
    private final Secret extraPattern;
    private final String charsetName;
    private transient ConsoleMasker masker;

    /**
     * @param secrets      what to mask (core masks every form of each)
     * @param extraPattern a regular expression masked in each line as well ({@code ""} for none)
     * @param charset      the build's charset ({@code Run.getCharset()})
     */
    MaskingConsoleLogFilter(Collection<String> secrets, String extraPattern, Charset charset) {
        this.secrets = Secret.fromString(ConsoleMasker.encode(secrets));
        this.extraPattern = Secret.fromString(extraPattern);
        this.charsetName = charset.name();
    }

    private ConsoleMasker masker() {
        if (masker == null) {
            String extra = extraPattern.getPlainText();
            masker = ConsoleMasker.of(ConsoleMasker.decode(secrets.getPlainText()),
                    extra.isEmpty() ? null : Pattern.compile(extra));
        }
        return masker;
    }

    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        ConsoleMasker.Lines lines = masker().lines();
        Charset charset = Charset.forName(charsetName);
        return new LineTransformationOutputStream.Delegating(logger) {
            @Override
            protected void eol(byte[] b, int len) throws IOException {
                String line = new String(b, 0, len, charset);
                String masked = lines.mask(line);
                if (masked.equals(line)) {
                    // nothing to hide: the bytes as they came, not a round trip through the charset
                    out.write(b, 0, len);
                } else {
                    out.write(masked.getBytes(charset));
                }
            }
        };
    }
}
