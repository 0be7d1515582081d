package io.jenkins.plugins.jiraaccess.runtime;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.inventory.InventoryRow;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.upkeep.Upkeep;
import io.jiraaccess.core.upkeep.UpkeepEvents;
import io.jiraaccess.core.upkeep.UpkeepPlanner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the periodic work and the management page do to a credential: renew it (rotate or refresh), warn of its
 * expiry, revoke it. Each records its outcome in the credential's state (so the page and the monitor show it) and as
 * an audit event; none lets a failure escape silently.
 */
public final class CredentialActions {
    private final JiraAccessRuntime runtime;
    private final UpkeepPlanner planner = new UpkeepPlanner(UpkeepPlanner.Settings.DEFAULT);

    public CredentialActions(JiraAccessRuntime runtime) {
        this.runtime = runtime;
    }

    /** Every Jira credential whose settings are valid. */
    public List<CredentialSpec> specs() {
        List<CredentialSpec> specs = new ArrayList<>();
        for (JiraCredentialsLocator.Located l : JiraCredentialsLocator.all()) {
            try {
                specs.add(l.credentials().toSpec());
            } catch (JiraAccessException e) {
                // reported by due() and inventory()
            }
        }
        return specs;
    }

    /** The upkeep due now over every Jira credential; credentials whose settings are invalid are reported, not planned. */
    public List<Upkeep> due(List<String> problems) {
        List<UpkeepPlanner.Candidate> candidates = new ArrayList<>();
        Instant now = runtime.clock().instant();
        List<JiraCredentialsLocator.Located> all = JiraCredentialsLocator.all();
        for (JiraCredentialsLocator.Located l : all) {
            try {
                JiraCredentialsLocator.findUnique(l.id());
                CredentialSpec spec = l.credentials().toSpec();
                CredentialState state = l.credentials().currentState();
                if (UpkeepPlanner.instant(state, UpkeepPlanner.FIRST_SEEN) == null) {
                    // the age of a PAT that was never rotated here counts from the first time Jenkins saw it
                    state = state.with(UpkeepPlanner.FIRST_SEEN, now.toString());
                    runtime.context().store().save(spec.id(), state);
                }
                candidates.add(new UpkeepPlanner.Candidate(spec, state));
            } catch (JiraAccessException e) {
                if (!problems.contains(e.getMessage())) {
                    problems.add(e.getMessage());
                }
            }
        }
        return planner.plan(candidates, now);
    }

    /** Rotates or refreshes now; returns null on success, else the failure message (also recorded and emitted). */
    public String renew(CredentialSpec spec, Upkeep.Action action) {
        return carryOut(spec, action, true, () -> runtime.renewer().renew(spec, runtime.context()));
    }

    /**
     * The periodic upkeep of a credential nothing was planned for this round: the rotation engine finishes an
     * interrupted rotation and revokes superseded PATs whose grace period is over. Returns null or the failure.
     */
    public String upkeep(CredentialSpec spec) {
        return carryOut(spec, Upkeep.Action.ROTATE, false, () -> runtime.renewer().upkeep(spec, runtime.context()));
    }

    private String carryOut(CredentialSpec spec, Upkeep.Action action, boolean renewal, Runnable work) {
        CredentialStore store = runtime.context().store();
        Instant now = runtime.clock().instant();
        try {
            work.run();
            CredentialState s = store.load(spec.id()).orElse(CredentialState.EMPTY);
            CredentialState ok = s.with(UpkeepPlanner.FAILURES, null).with(UpkeepPlanner.LAST_FAILED, null)
                    .with(InventoryRow.LAST_FAILURE, null);
            if (renewal) {
                ok = ok.with(UpkeepPlanner.LAST_RENEWED, now.toString());
            }
            if (!ok.equals(s)) {
                store.save(spec.id(), ok);
            }
            return null;
        } catch (JiraAccessException | UnsupportedOperationException e) {
            String reason = e.getMessage();
            CredentialState s = store.load(spec.id()).orElse(CredentialState.EMPTY);
            int failures = UpkeepPlanner.failures(s) + 1;
            try {
                store.save(spec.id(), s.with(UpkeepPlanner.FAILURES, Integer.toString(failures))
                        .with(UpkeepPlanner.LAST_FAILED, now.toString()).with(InventoryRow.LAST_FAILURE, reason));
            } finally {
                runtime.journal().emit(UpkeepEvents.failed(spec, runtime.fingerprinter().fingerprint(spec), action, reason,
                        failures, runtime.serviceName(), now));
            }
            return reason;
        }
    }

    /** Emits the expiry warning of a credential that cannot be rotated by API, at most once per day. */
    public void warn(Upkeep upkeep) {
        Instant now = runtime.clock().instant();
        CredentialSpec spec = upkeep.spec();
        CredentialState s = runtime.context().store().load(spec.id()).orElse(CredentialState.EMPTY);
        runtime.context().store().save(spec.id(), s.with(UpkeepPlanner.LAST_WARNED, now.toString()));
        Instant expires = InventoryRow.of(spec, s, null).expiresAt();
        runtime.journal().emit(UpkeepEvents.expiry(upkeep, runtime.fingerprinter().fingerprint(spec), expires,
                runtime.serviceName(), now));
    }

    /**
     * Revokes at Jira where core can, and always disables the credential here: pipelines refuse it until a new
     * secret is entered. Returns what happened, for the page.
     */
    public String revoke(CredentialSpec spec, String by) {
        Instant now = runtime.clock().instant();
        boolean atJira;
        String note = null;
        try {
            runtime.renewer().revoke(spec, runtime.context());
            atJira = true;
        } catch (JiraAccessException | UnsupportedOperationException e) {
            atJira = false;
            note = e.getMessage();
        }
        CredentialStore store = runtime.context().store();
        CredentialState s = store.load(spec.id()).orElse(CredentialState.EMPTY);
        store.save(spec.id(), s.with(InventoryRow.REVOKED_AT, now.toString()));
        runtime.gateway().invalidate(spec, runtime.context());
        runtime.journal().emit(UpkeepEvents.revoked(spec, runtime.fingerprinter().fingerprint(spec), by, atJira, note,
                runtime.serviceName(), now));
        return atJira ? spec.id() + ": revoked at Jira and disabled here" : spec.id() + ": disabled here; " + note;
    }

    /** Every Jira credential as the management page shows it; a credential with invalid settings shows its error. */
    public List<InventoryRow> inventory() {
        List<InventoryRow> rows = new ArrayList<>();
        for (JiraCredentialsLocator.Located l : JiraCredentialsLocator.all()) {
            try {
                CredentialSpec spec = l.credentials().toSpec();
                rows.add(InventoryRow.of(spec, l.credentials().currentState(), runtime.lastUse().lastUse(spec.id()).orElse(null)));
            } catch (JiraAccessException e) {
                rows.add(new InventoryRow(l.id(), l.credentials().getKind().id(), l.credentials().getSite(), null, null,
                        null, null, false, false, e.getMessage()));
            }
        }
        return rows;
    }
}
