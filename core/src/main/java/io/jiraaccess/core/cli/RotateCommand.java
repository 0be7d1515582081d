package io.jiraaccess.core.cli;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.journal.SpoolWriter;
import io.jiraaccess.core.rotation.JiraPatApiFactory;
import io.jiraaccess.core.rotation.PatRotator;
import io.jiraaccess.core.rotation.RotationListener;
import io.jiraaccess.core.rotation.RotationResult;
import io.jiraaccess.core.rotation.RotationStatus;
import io.jiraaccess.core.rotation.TokenRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * Rotates a {@code pat} credential when due ({@code rotation.everyDays} after its current token was created), or now
 * with {@code --force}, and finishes what earlier runs left: a rotation a crash interrupted, orphaned tokens,
 * superseded tokens whose grace period is over. Prints the outcome and the current token's expiry, never a token;
 * {@code header} and {@code request} then use the stored token. Run it from cron or a scheduled pipeline, at least
 * once more after the grace period so the previous token gets revoked.
 * <p>{@link RotationListener}s registered with {@link ServiceLoader} are told of each step (the crash tests halt the
 * process with one).
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotate a pat credential when due (or now with --force) and finish pending rotation work.")
final class RotateCommand implements Callable<Integer> {
    @ParentCommand
    JiraAccessCli parent;

    @Mixin
    CredentialOptions credential;

    @Option(names = "--force", description = "Rotate now even if not due, and retry now even if an earlier failure backs off.")
    boolean force;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "Write this run's audit events (rotation.step, credential.rotated, ...) as NDJSON into DIR for the audit daemon.")
    Path spool;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        CredentialSpec any = credential.spec(io);
        if (!(any instanceof PatSpec spec)) {
            throw new ConfigurationException("credential " + any.id() + ": is a " + any.kind().id() + " credential; "
                    + "jira-access rotate rotates pat credentials only");
        }
        String serviceName = CredentialOptions.serviceName(io);
        // one file per event: a rotation is rare, and its trail must survive the process dying half-way
        SpoolWriter spoolWriter = spool == null ? null
                : SpoolWriter.builder(spool, serviceName).maxBufferedEvents(1).build();
        try {
            return rotate(io, spec, spoolWriter == null ? EventSink.NONE : spoolWriter);
        } finally {
            if (spoolWriter != null) {
                try {
                    spoolWriter.close();
                } catch (JiraAccessException e) {
                    io.err().println("jira-access: warning: " + e.getMessage());
                }
            }
        }
    }

    private int rotate(CliIo io, PatSpec spec, EventSink events) {
        AuthContext ctx = credential.context(io, events);
        PatRotator rotator = PatRotator.builder(ctx, new JiraPatApiFactory(ctx.events(), ctx.fingerprinter(),
                        ctx.serviceName(), JiraPatApiFactory.SETTINGS, ctx.clock()))
                .listener(registeredListeners())
                .build();
        RotationResult result = force ? rotator.rotateNow(spec) : rotator.rotateIfDue(spec);
        if (result.outcome() == RotationResult.Outcome.BACKING_OFF || result.outcome() == RotationResult.Outcome.DEFERRED) {
            throw new JiraAccessException(JiraAccessException.Failure.JIRA, result.message().replaceFirst(
                    "the current token stays in use$", "the current token stays in use; run with --force to retry now"));
        }
        io.out().println(summary(result));
        RotationStatus status = rotator.status(spec);
        if (status.configuredNotRevoked() != null) {
            io.err().println("jira-access: warning: credential " + spec.id() + ": the token from the credential file "
                    + "(fingerprint " + status.configuredNotRevoked() + ") could not be identified in Jira and was not "
                    + "revoked; revoke it by hand in Jira (Profile > Personal Access Tokens)");
        }
        io.out().flush();
        return 0;
    }

    static String summary(RotationResult r) {
        TokenRef t = r.current();
        StringBuilder b = new StringBuilder("credential ").append(r.credentialId()).append(": ");
        if (r.outcome() == RotationResult.Outcome.ROTATED) {
            b.append("rotated (rotation ").append(r.rotationId()).append("); ");
        } else {
            b.append("not due").append(r.nextDueAt() == null ? "" : " until " + r.nextDueAt()).append("; ");
        }
        b.append(t.id() == null ? "the credential file's token is current" : "token " + t.id() + " is current");
        b.append(t.expiresAt() == null ? ", expiry unknown" : ", expires " + t.expiresAt());
        if (!r.revoked().isEmpty()) {
            b.append("; revoked superseded token(s) ").append(r.revoked());
        }
        if (!r.orphansRevoked().isEmpty()) {
            b.append("; revoked orphaned token(s) ").append(r.orphansRevoked());
        }
        return b.toString();
    }

    private static RotationListener registeredListeners() {
        List<RotationListener> all = new ArrayList<>();
        ServiceLoader.load(RotationListener.class).forEach(all::add);
        if (all.isEmpty()) {
            return RotationListener.NONE;
        }
        return (credentialId, rotationId, step) -> all.forEach(l -> l.stepCompleted(credentialId, rotationId, step));
    }
}
