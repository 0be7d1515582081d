package io.jenkins.plugins.jiraaccess.masking;

import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;

import java.io.OutputStream;
import java.util.Optional;

/**
 * Masks the {@code jiraAuth} binding's secrets with core's masker in builds that are not Pipelines (the binding in
 * credentials-binding's {@code SecretBuildWrapper}). Jenkins applies every {@code ConsoleLogFilter} extension to the
 * build's whole log when the build starts (jenkins-2.479.3, Run.java {@code createLogger}), before the wrapper binds,
 * so the filter waits for masks to appear ({@link ArmingMaskingStream}); output from an agent is copied into that
 * log on the controller, so it passes here too. Pipeline does not apply these filters to step logs
 * (workflow-api's {@code TaskListenerDecorator.apply} says so): {@link JiraAuthMasking} covers Pipeline.
 */
@Extension
public final class FreestyleMasking extends ConsoleLogFilter {
    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        String buildId = build.getExternalizableId();
        BoundMasks bound = JiraAuthMasking.bound();
        return new ArmingMaskingStream(logger, () -> bound.isEmpty() ? Optional.empty() : bound.of(buildId));
    }
}
