package io.jiraaccess.daemon.admin;

import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API's decision on a request's line and headers, before its body (issue 14, finding 5). */
class AdminAuthorizerTest {
    private static final String TOKEN = "configured-token-0123456789";
    private final AdminAuthorizer authorizer = new AdminAuthorizer(AdminToken.of(SecretValue.of(TOKEN)), 2);

    @Test
    void withoutTheTokenItIs401WhateverTheBody() {
        for (String auth : new String[] {null, "", "Bearer nope", "Basic " + TOKEN}) {
            AdminAuthorizer.Admission a = authorizer.admit("POST", "/revoke", auth, 10L * 1024 * 1024, false);
            assertEquals(401, a.status());
            assertEquals("unauthorized: send Authorization: Bearer <admin token>", a.message());
            assertEquals(Map.of("WWW-Authenticate", "Bearer"), a.headers());
        }
    }

    @Test
    void eachEndpointTakesAtMostItsBody() {
        assertEquals(413, authorizer.admit("POST", "/revoke", "Bearer " + TOKEN, 64 * 1024 + 1, false).status());
        AdminAuthorizer.Admission ok = authorizer.admit("POST", "/revoke", "Bearer " + TOKEN, 64 * 1024, false);
        assertTrue(ok.admitted());
        ok.release().run();
        AdminAuthorizer.Admission health = authorizer.admit("GET", "/health", "Bearer " + TOKEN, 1, false);
        assertEquals(413, health.status());
        assertEquals("request body too large: GET /health takes no body", health.message());
        assertEquals(413, authorizer.admit("GET", "/metrics", "Bearer " + TOKEN, -1, true).status());
        assertTrue(authorizer.admit("POST", "/revoke", "Bearer " + TOKEN, -1, true).admitted(),
                "a chunked body to /revoke is cut by the server's own limit");
    }

    @Test
    void beyondTheBoundItIs503UntilASlotIsReleased() {
        AdminAuthorizer.Admission first = authorizer.admit("GET", "/health", "Bearer " + TOKEN, -1, false);
        AdminAuthorizer.Admission second = authorizer.admit("GET", "/health", "Bearer " + TOKEN, -1, false);
        AdminAuthorizer.Admission third = authorizer.admit("GET", "/health", "Bearer " + TOKEN, -1, false);
        assertTrue(first.admitted() && second.admitted());
        assertEquals(503, third.status());
        assertEquals(Map.of("Retry-After", "1"), third.headers());
        first.release().run();
        first.release().run(); // a second release of the same request frees nothing more
        assertTrue(authorizer.admit("GET", "/health", "Bearer " + TOKEN, -1, false).admitted());
        assertFalse(authorizer.admit("GET", "/health", "Bearer " + TOKEN, -1, false).admitted());
    }
}
