package io.jenkins.plugins.jiraaccess.masking;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one {@code jiraAuth} binding's masks in force while its block runs: registered when the binding binds,
 * removed when credentials-binding calls the unbinder at the end of the block ({@code BindingStep.Callback},
 * {@code SecretBuildWrapper}'s tear-down). Pipeline saves the unbinder with the build's program (its masks in a
 * {@code Secret}, which Pipeline stores encrypted), so when a build resumes after a restart inside the block, reading
 * it back puts the masks in force again for the steps that follow.
 */
public final class MaskingUnbinder implements MultiBinding.Unbinder {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(MaskingUnbinder.class.getName());

    private final String buildId;
    private final String key;
    private final Secret masks;
    private final String charset;

    private MaskingUnbinder(String buildId, BlockMasks masks, String charset) {
        this.buildId = buildId;
        this.key = UUID.randomUUID().toString();
        this.masks = Secret.fromString(masks.seal());
        this.charset = charset;
    }

    /** Puts {@code masks} in force in {@code build} until the returned unbinder runs. */
    public static MaskingUnbinder register(Run<?, ?> build, BlockMasks masks) {
        MaskingUnbinder unbinder = new MaskingUnbinder(build.getExternalizableId(), masks, build.getCharset().name());
        JiraAuthMasking.bound().put(unbinder.buildId, unbinder.key, masks, unbinder.charset);
        return unbinder;
    }

    @Override
    public void unbind(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener) {
        JiraAuthMasking.bound().remove(buildId, key);
    }

    private Object readResolve() {
        try {
            JiraAuthMasking.bound().put(buildId, key, BlockMasks.unseal(masks.getPlainText()), charset);
        } catch (RuntimeException e) {
            // the block goes on with credentials-binding's masking only; never fail the build's resumption for it
            LOGGER.log(Level.WARNING, "cannot restore the Jira Access masks of " + buildId + ": " + e.getClass().getName());
        }
        return this;
    }
}
