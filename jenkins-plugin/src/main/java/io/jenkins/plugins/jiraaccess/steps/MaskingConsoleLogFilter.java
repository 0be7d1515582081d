package io.jenkins.plugins.jiraaccess.steps;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.jiraaccess.masking.BlockMasks;

import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * Masks a {@code withJiraAuth} block's console output with the block's {@link BlockMasks} (core's forms of every
 * secret, whole and in pieces cut by line breaks, plus credentials-binding's forms), lines read in the build's
 * charset as credentials-binding's {@code BindingStep.Filter} reads them. Pipeline applies this filter wherever the
 * output is produced (on an agent too) and calls it without a build, so it holds everything it needs; the masks
 * stay encrypted while the filter is saved with the build's program state.
 */
final class MaskingConsoleLogFilter extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 3L;

    private final Secret masks;
    private final String charsetName;

    /** @param charset the build's charset ({@code Run.getCharset()}) */
    MaskingConsoleLogFilter(BlockMasks masks, Charset charset) {
        this.masks = Secret.fromString(masks.seal());
        this.charsetName = charset.name();
    }

    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return BlockMasks.maskSealed(masks.getPlainText(), charsetName, logger);
    }
}
