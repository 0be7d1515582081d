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

    /** Every Jira credential whose settings are valid, where it is stored. */
    public List<JiraCredentialsLocator.Located> valid() {
        List<JiraCredentialsLocator.Located> valid = new ArrayList<>();
        for (JiraCredentialsLocator.Located l : JiraCredentialsLocator.all()) {
            try {
                l.credentials().toSpec();
                valid.add(l);
            } catch (JiraAccessException e) {
                // reported by due() and inventory()
            }
        }
        return valid;
    }

    /** A planned upkeep and the stored credential it is for. */
    public record Due(Upkeep upkeep, JiraCredentialsLocator.Located where) {
    }

    /** The upkeep due now over every Jira credential; credentials whose settings are invalid are reported, not planned. */
    public List<Due> due(List<String> problems) {
        Instant now = runtime.clock().instant();
        List<Due> due = new ArrayList<>();
        for (JiraCredentialsLocator.Located l : JiraCredentialsLocator.all()) {
            try {
                CredentialSpec spec = l.credentials().toSpec();
                CredentialState state = l.credentials().currentState();
                if (UpkeepPlanner.instant(state, UpkeepPlanner.FIRST_SEEN) == null) {
                    // the age of a PAT that was never rotated here counts from the first time Jenkins saw it
                    state = state.with(UpkeepPlanner.FIRST_SEEN, now.toString());
                    runtime.context(l).store().save(spec.id(), state);
                }
                // each stored credential is planned on its own: the same id may live in several folders
                for (Upkeep u : planner.plan(List.of(new UpkeepPlanner.Candidate(spec, state)), now)) {
                    due.add(new Due(u, l));
                }
            } catch (JiraAccessException e) {
                String problem = l.where() + ": " + e.getMessage();
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }
        return due;
    }

    /** Rotates or refreshes now; returns null on success, else the failure message (also recorded and emitted). */
    public String renew(JiraCredentialsLocator.Located where, Upkeep.Action action) {
        CredentialSpec spec = where.credentials().toSpec();
        return carryOut(where, spec, action, true, () -> runtime.renewer().renew(spec, runtime.context(where)));
    }

    /**
     * The periodic upkeep of a credential nothing was planned for this round: the rotation engine finishes an
     * interrupted rotation and revokes superseded PATs whose grace period is over. Returns null or the failure.
     */
    public String upkeep(JiraCredentialsLocator.Located where) {
        CredentialSpec spec = where.credentials().toSpec();
        return carryOut(where, spec, Upkeep.Action.ROTATE, false,
                () -> runtime.renewer().upkeep(spec, runtime.context(where)));
    }

    private String carryOut(JiraCredentialsLocator.Located where, CredentialSpec spec, Upkeep.Action action,
                            boolean renewal, Runnable work) {
        CredentialStore store = runtime.context(where).store();
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
    public void warn(Due due) {
        Instant now = runtime.clock().instant();
        Upkeep upkeep = due.upkeep();
        CredentialSpec spec = upkeep.spec();
        CredentialStore store = runtime.context(due.where()).store();
        CredentialState s = store.load(spec.id()).orElse(CredentialState.EMPTY);
        store.save(spec.id(), s.with(UpkeepPlanner.LAST_WARNED, now.toString()));
        Instant expires = InventoryRow.of(spec, s, null).expiresAt();
        runtime.journal().emit(UpkeepEvents.expiry(upkeep, runtime.fingerprinter().fingerprint(spec), expires,
                runtime.serviceName(), now));
    }

    /**
     * Revokes at Jira where core can, and always disables the credential here: pipelines refuse it until a new
     * secret is entered. Returns what happened, for the page.
     */
    public String revoke(JiraCredentialsLocator.Located where, String by) {
        CredentialSpec spec = where.credentials().toSpec();
        Instant now = runtime.clock().instant();
        boolean atJira;
        String note = null;
        try {
            runtime.renewer().revoke(spec, runtime.context(where));
            atJira = true;
        } catch (JiraAccessException | UnsupportedOperationException e) {
            atJira = false;
            note = e.getMessage();
        }
        CredentialStore store = runtime.context(where).store();
        CredentialState s = store.load(spec.id()).orElse(CredentialState.EMPTY);
        store.save(spec.id(), s.with(InventoryRow.REVOKED_AT, now.toString()));
        runtime.gateway().invalidate(spec, runtime.context(where));
        runtime.journal().emit(UpkeepEvents.revoked(spec, runtime.fingerprinter().fingerprint(spec), by, atJira, note,
                runtime.serviceName(), now));
        return atJira ? spec.id() + ": revoked at Jira and disabled here" : spec.id() + ": disabled here; " + note;
    }

    /** A row of the management page: the credential's inventory row and where it is stored. */
    public record Row(InventoryRow row, String context, String where) {
    }

    /** Every Jira credential as the management page shows it; a credential with invalid settings shows its error. */
    public List<Row> inventory() {
        List<Row> rows = new ArrayList<>();
        for (JiraCredentialsLocator.Located l : JiraCredentialsLocator.all()) {
            InventoryRow row;
            try {
                CredentialSpec spec = l.credentials().toSpec();
                row = InventoryRow.of(spec, l.credentials().currentState(), runtime.lastUse().lastUse(spec.id()).orElse(null));
            } catch (JiraAccessException e) {
                row = new InventoryRow(l.id(), l.credentials().getKind().id(), l.credentials().getSite(), null, null,
                        null, null, false, false, e.getMessage());
            }
            rows.add(new Row(row, l.context(), l.where()));
        }
        return rows;
    }
}
