package io.jiraaccess.sim.api;

import io.jiraaccess.sim.audit.AuditKind;
import io.jiraaccess.sim.audit.AuditLog;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.model.AdminKeys;
import java.util.List;

/** Authenticates Atlassian org admin API keys (Bearer) on the admin APIs; refusals are audited. */
final class AdminKeyAuth {

    private final AdminKeys keys;
    private final AuditLog audit;

    AdminKeyAuth(AdminKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** The organisation the request's key administers. */
    String org(Request request) {
        String authorization = request.header("Authorization").orElse("");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw refused(request, "no org admin API key", "An organization admin API key is required as a Bearer token.");
        }
        return keys.orgOf(authorization.substring(7).trim())
                .orElseThrow(() -> refused(request, "unknown org admin API key", "The API key is not valid."));
    }

    /** As {@link #org}, and the key must administer the organisation named in the path. */
    String org(Request request, String pathOrgId) {
        String org = org(request);
        if (!org.equals(pathOrgId)) {
            throw ApiError.forbidden("The API key does not administer this organization.");
        }
        return org;
    }

    private ApiError refused(Request request, String reason, String message) {
        audit.record(AuditKind.LOGIN_FAILED, null, request.remoteAddress(), null, null, List.of(),
                "Authentication failed: " + reason);
        return ApiError.unauthorized(message);
    }
}
