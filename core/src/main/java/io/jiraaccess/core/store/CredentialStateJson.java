package io.jiraaccess.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.secret.SecretValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link CredentialState} as one JSON string, for stores that keep one encrypted value per credential (the Jenkins
 * credentials store keeps it in a {@code Secret}). The JSON holds the secrets in clear: encrypt it before it rests
 * anywhere, and never log it.
 */
public final class CredentialStateJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialStateJson() {
    }

    public static String write(CredentialState state) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode attributes = root.putObject("attributes");
        state.attributes().forEach(attributes::put);
        ObjectNode secrets = root.putObject("secrets");
        state.secrets().forEach((k, v) -> secrets.put(k, v.reveal()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("credential state is not serializable", e);
        }
    }

    /**
     * @param credentialId named in the error when the text is not a state (never the text itself: it holds secrets)
     */
    public static CredentialState read(String credentialId, String json) {
        if (json == null || json.isBlank()) {
            return CredentialState.EMPTY;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("credential " + credentialId + ": stored rotation state is corrupt; "
                    + "re-enter the credential's secret to start it afresh");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        root.path("attributes").fields().forEachRemaining(f -> attributes.put(f.getKey(), f.getValue().asText()));
        Map<String, SecretValue> secrets = new LinkedHashMap<>();
        root.path("secrets").fields().forEachRemaining(f -> {
            SecretValue v = SecretValue.ofNullable(f.getValue().asText());
            if (v != null) {
                secrets.put(f.getKey(), v);
            }
        });
        return new CredentialState(attributes, secrets);
    }
}
