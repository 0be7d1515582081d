package io.jiraaccess.core.rotation;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.upkeep.CredentialRenewer;
import io.jiraaccess.core.upkeep.UpkeepPlanner;

import java.time.Instant;

/**
 * The PAT rotation engine as the {@link CredentialRenewer} the Jenkins plugin's periodic work calls:
 * {@code CredentialRenewer.byKind(new OAuthRefresher(), new PatRenewer())}. {@link #renew} rotates now (completing
 * an interrupted rotation instead of starting a second one); {@link #maintain} is the periodic call that also revokes
 * superseded tokens once their grace period is over; {@link #revoke} takes the credential out of use.
 */
public final class PatRenewer implements CredentialRenewer {
    /** Shared by every rotator this renewer builds, so two calls for one credential exclude each other. */
    private final RotationLocks inProcess = RotationLocks.inProcess();

    @Override
    public void renew(CredentialSpec spec, AuthContext context) {
        noteExpiry(context, rotator(context).rotateNow(pat(spec)));
    }

    /** {@link PatRotator#rotateIfDue}: rotation when due, revocations after the grace period, recovery after a crash. */
    public RotationResult maintain(CredentialSpec spec, AuthContext context) {
        return noteExpiry(context, rotator(context).rotateIfDue(pat(spec)));
    }

    @Override
    public void upkeep(CredentialSpec spec, AuthContext context) {
        if (spec instanceof PatSpec p && p.rotation().managed()) {
            maintain(spec, context);
        }
    }

    /** The planner's {@link UpkeepPlanner#EXPIRES_AT}: it plans a rotation ahead of a known expiry. */
    private static RotationResult noteExpiry(AuthContext ctx, RotationResult r) {
        Instant expiresAt = r.current() == null ? null : r.current().expiresAt();
        if (expiresAt != null) {
            ctx.store().withLock(r.credentialId(), () -> {
                CredentialState s = ctx.store().load(r.credentialId()).orElse(CredentialState.EMPTY);
                if (!expiresAt.toString().equals(s.attribute(UpkeepPlanner.EXPIRES_AT))) {
                    ctx.store().save(r.credentialId(), s.with(UpkeepPlanner.EXPIRES_AT, expiresAt.toString()));
                }
                return null;
            });
        }
        return r;
    }

    @Override
    public void revoke(CredentialSpec spec, AuthContext context) {
        rotator(context).revokeAll(pat(spec));
    }

    private PatRotator rotator(AuthContext ctx) {
        return PatRotator.builder(ctx, new JiraPatApiFactory(ctx.events(), ctx.fingerprinter(), ctx.serviceName(),
                        JiraPatApiFactory.SETTINGS, ctx.clock()))
                .locks(ctx.store() instanceof FileCredentialStore f ? RotationLocks.files(f.dir()) : inProcess)
                .build();
    }

    private static PatSpec pat(CredentialSpec spec) {
        if (spec instanceof PatSpec p) {
            return p;
        }
        throw new ConfigurationException("credential " + spec.id() + ": is a " + spec.kind().id()
                + " credential; only pat credentials are rotated by the PAT rotation engine");
    }
}
