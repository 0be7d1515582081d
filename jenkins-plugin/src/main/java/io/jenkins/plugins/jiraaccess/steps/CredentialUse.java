package io.jenkins.plugins.jiraaccess.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Node;
import hudson.model.Run;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jenkins.plugins.jiraaccess.runtime.JiraCredentialsLocator;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.binding.BlockLifetime;
import io.jiraaccess.core.binding.JiraBinding;
import io.jiraaccess.core.binding.PipelineRun;
import io.jiraaccess.core.binding.UseEvents;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.inventory.InventoryRow;
import jenkins.model.Jenkins;

import java.time.Duration;
import java.time.Instant;

/**
 * One pipeline's use of one Jira credential: finds it the Jenkins way (folder stores, nearest first, the build's
 * permissions), applies the restrictions Jenkins adds (agent label, revoked here), and records the use. Every refusal
 * is an {@link AbortException} whose message names the credential and the fix, plus a {@code policy.violation} event.
 * Credentials from a user's personal store (Authorize Project builds) are refused up front ({@link CredentialOrigin}).
 */
final class CredentialUse {
    private final JiraAccessRuntime runtime;
    private final AuthContext context;
    private final JiraCredentials credentials;
    private final CredentialSpec spec;
    private final PipelineRun pipeline;
    private final String how;

    private CredentialUse(JiraAccessRuntime runtime, JiraCredentialsLocator.Located where, CredentialSpec spec,
                          PipelineRun pipeline, String how) {
        this.runtime = runtime;
        this.context = runtime.context(where);
        this.credentials = where.credentials();
        this.spec = spec;
        this.pipeline = pipeline;
        this.how = how;
    }

    /**
     * @param computer the agent the step runs on, or null outside a {@code node} block
     * @param how      the step or binding, for messages and events
     */
    static CredentialUse open(String credentialsId, Run<?, ?> run, Computer computer, String how) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException(how + ": credentialsId is required, e.g. " + how + "(credentialsId: 'jira-ci')");
        }
        JiraCredentials c = CredentialsProvider.findCredentialById(credentialsId, JiraCredentials.class, run);
        if (c == null) {
            throw new AbortException(how + ": no Jira credential '" + credentialsId + "' is available to this build; "
                    + "check the id, and that it is stored in Jenkins or in a folder that contains this job");
        }
        String refused = CredentialOrigin.refusal(how, c.getId(), c.getScope()).orElse(null);
        if (refused != null) {
            throw new AbortException(refused);
        }
        JiraCredentialsLocator.Located where = JiraCredentialsLocator.forItem(c.getId(), run.getParent().getFullName())
                // the credential Jenkins handed the build is the nearest one of its id (equal: same id and kind)
                .filter(l -> l.credentials() == c || l.credentials().equals(c))
                .orElseThrow(() -> new AbortException(CredentialOrigin.notInASharedStore(how, c.getId())));
        CredentialsProvider.track(run, c);
        CredentialSpec spec;
        try {
            spec = c.toSpec();
        } catch (JiraAccessException e) {
            throw new AbortException(how + ": " + e.getMessage());
        }
        JiraAccessRuntime runtime = JiraAccessRuntime.get();
        CredentialUse use = new CredentialUse(runtime, where, spec, pipeline(run, computer), how);
        use.checkAllowedHere(computer);
        return use;
    }

    CredentialSpec spec() {
        return spec;
    }

    PipelineRun pipeline() {
        return pipeline;
    }

    JiraAccessRuntime runtime() {
        return runtime;
    }

    /** The context of the store the credential lives in: its state and cached tokens are that store's. */
    AuthContext context() {
        return context;
    }

    private void checkAllowedHere(Computer computer) throws AbortException {
        if (credentials.currentState().attribute(InventoryRow.REVOKED_AT) != null) {
            refuse("revoked", "credential " + spec.id() + " was revoked by an administrator on the Jira Access page; "
                    + "enter a new secret in the credential to use it again");
        }
        String expression = credentials.getAgentLabel();
        if (expression == null) {
            return;
        }
        Node node = computer == null ? null : computer.getNode();
        if (node == null) {
            refuse("agentLabel", "credential " + spec.id() + " may only be used on agents matching '" + expression
                    + "'; call " + how + " inside node('" + expression + "') { ... }");
        }
        Label label;
        try {
            label = Label.parseExpression(expression);
        } catch (IllegalArgumentException e) {
            refuse("agentLabel", "credential " + spec.id() + " has an invalid agent label expression '" + expression
                    + "'; fix it in the credential");
            return;
        }
        if (!label.matches(node)) {
            refuse("agentLabel", "credential " + spec.id() + " may only be used on agents matching '" + expression
                    + "', and " + pipeline.node() + " does not");
        }
    }

    private void refuse(String rule, String reason) throws AbortException {
        runtime.journal().emit(UseEvents.refused(spec, runtime.fingerprinter().fingerprint(spec), pipeline, how, rule,
                reason, runtime.serviceName(), runtime.clock().instant()));
        throw new AbortException(how + ": " + reason);
    }

    /**
     * The variables and masks for a block that may run {@code needed}: a token that would expire inside the block is
     * replaced once by a fresh one, and refused if even that does not last.
     */
    JiraBinding bind(Duration needed) throws AbortException {
        try {
            JiraBinding.requireBindable(spec);
            AuthHeader header = runtime.gateway().authorize(spec, context);
            Instant now = runtime.clock().instant();
            Instant expires = runtime.gateway().tokenExpiry(spec, context).orElse(null);
            if (!BlockLifetime.outlives(expires, now, needed)) {
                runtime.gateway().invalidate(spec, context);
                header = runtime.gateway().authorize(spec, context);
                expires = runtime.gateway().tokenExpiry(spec, context).orElse(null);
            }
            try {
                BlockLifetime.require(spec.id(), expires, now, needed);
            } catch (JiraAccessException e) {
                refuse("token.lifetime", e.getMessage());
            }
            JiraBinding binding = JiraBinding.of(spec, header);
            used(header, expires);
            return binding;
        } catch (JiraAccessException | UnsupportedOperationException e) {
            throw new AbortException(how + ": " + e.getMessage());
        }
    }

    /** Records a use: a {@code token.used} event and the credential's last-use time. */
    void used(AuthHeader header, Instant expiresAt) {
        Instant now = runtime.clock().instant();
        runtime.journal().emit(UseEvents.tokenUsed(spec, UseEvents.fingerprint(runtime.fingerprinter(), spec, header),
                pipeline, how, expiresAt, runtime.serviceName(), now));
        runtime.lastUse().record(spec.id(), now);
    }

    private static PipelineRun pipeline(Run<?, ?> run, Computer computer) {
        String root = Jenkins.get().getRootUrl();
        String url = root == null ? null : root + run.getUrl();
        String node = computer == null ? null : computer.getName().isEmpty() ? PipelineRun.BUILT_IN : computer.getName();
        return new PipelineRun(run.getParent().getFullName(), Integer.toString(run.getNumber()), url, node);
    }
}
