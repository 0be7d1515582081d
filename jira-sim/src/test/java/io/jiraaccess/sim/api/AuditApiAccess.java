package io.jiraaccess.sim.api;

import io.jiraaccess.sim.audit.AuditEntry;

/** Test access to the audit renderings. */
public final class AuditApiAccess {

    private AuditApiAccess() {
    }

    public static String render(AuditEntry entry, String base) {
        return AuditApi.cloudRecord(entry).toString() + AuditApi.dcEvent(entry, base);
    }
}
