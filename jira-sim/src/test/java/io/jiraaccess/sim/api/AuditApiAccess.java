package io.jiraaccess.sim.api;

import io.jiraaccess.sim.audit.AuditEntry;

/** Test access to the audit renderings. */
public final class AuditApiAccess {

    private AuditApiAccess() {
    }

    public static String render(AuditEntry entry, String base) {
        return AuditRenderings.cloudRecord(entry).toString() + AuditRenderings.dcEvent(entry, base);
    }
}
