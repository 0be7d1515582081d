package io.jenkins.plugins.jiraaccess.masking;

import hudson.util.Secret;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;

import java.io.OutputStream;

/**
 * A step log's decorator for the {@code jiraAuth} masks in force when the step's log was opened. It travels to an
 * agent with the step's listener and masks there, so it holds everything it needs: the masks (in a {@code Secret}, as
 * credentials-binding's own filter holds its pattern) and the build's charset, never a reference to Jenkins.
 */
final class MaskingDecorator extends TaskListenerDecorator {
    private static final long serialVersionUID = 1L;

    private final Secret masks;
    private final String charset;

    MaskingDecorator(BoundMasks.Bound bound) {
        this.masks = Secret.fromString(bound.masks().seal());
        this.charset = bound.charset();
    }

    @Override
    public OutputStream decorate(OutputStream logger) {
        return BlockMasks.maskSealed(masks.getPlainText(), charset, logger);
    }
}
