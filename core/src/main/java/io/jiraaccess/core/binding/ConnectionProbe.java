package io.jiraaccess.core.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;

/**
 * What a "Test connection" button asks Jira, and what it tells the user. One read-only request that every kind can
 * make: who am I for user credentials, the server info for a Connect app (which has no user of its own).
 */
public final class ConnectionProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectionProbe() {
    }

    /**
     * The path to GET, relative to the site, or null when probing would spend the credential: every refresh of an
     * OAuth refresh token replaces it, and a form that is not saved yet cannot keep the replacement.
     */
    public static String path(CredentialSpec spec) {
        if (spec.kind() == CredentialKind.OAUTH_REFRESH_TOKEN) {
            return null;
        }
        if (spec.kind() == CredentialKind.CONNECT_JWT) {
            return spec.flavor() == JiraFlavor.CLOUD ? "/rest/api/3/serverInfo" : "/rest/api/2/serverInfo";
        }
        return spec.flavor() == JiraFlavor.CLOUD ? "/rest/api/3/myself" : "/rest/api/2/myself";
    }

    /** Why {@link #path} is null for this kind, for the user. */
    public static String notProbed(CredentialSpec spec) {
        return "Not tested against Jira: each refresh replaces the refresh token, and this form cannot keep the new one. "
                + "Save the credential, then use \"Rotate now\" on the Jira Access page, which stores the new token before using it.";
    }

    /**
     * The user-facing result of a probe answered with {@code status} and {@code body}. Never echoes the body beyond
     * the identity fields, which hold no secret.
     */
    public static Result result(CredentialSpec spec, int status, String body) {
        if (status >= 200 && status < 300) {
            String who = identity(body);
            return new Result(true, who == null ? "Connected to " + spec.common().siteBase() + " (HTTP " + status + ")"
                    : "Connected to " + spec.common().siteBase() + " as " + who);
        }
        String hint = switch (status) {
            case 401 -> "Jira refused the credential: check the token (expired or revoked?) and, for API tokens, the email";
            case 403 -> "Jira accepted the credential but refused the request: check the account's permissions and the token's scopes";
            case 404 -> "no Jira REST API at this address: check the site URL (context path included, e.g. https://jira.example.com/jira)";
            default -> "Jira answered HTTP " + status;
        };
        return new Result(false, spec.common().siteBase() + ": " + hint);
    }

    private static String identity(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(body);
            for (String field : new String[] {"displayName", "name", "emailAddress", "serverTitle"}) {
                if (n.hasNonNull(field) && !n.get(field).asText().isBlank()) {
                    return n.get(field).asText();
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    /** What the button shows: success or failure and a message. */
    public record Result(boolean ok, String message) {
    }
}
