package io.jiraaccess.core.binding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.config.ConfigNode;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.secret.SecretReferences;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a credential as a CI stores it (form fields and decrypted secrets) into a {@link CredentialSpec}, through
 * the same parser and the same checks as credential files, so a Jenkins credential and a YAML file that say the same
 * thing are the same credential. Errors name the credential and the field, never a secret value.
 * <p>Field names are those of credential files: {@code site}, {@code flavor}, {@code owner}, {@code allow.hosts},
 * {@code rotation.everyDays}, ...; nested fields are written with a dot. Lists may be one comma- or space-separated
 * string. Blank values are left out.
 */
public final class CredentialFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CredentialKind kind;
    private final String id;
    private final Map<String, Object> plain = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    private CredentialFields(CredentialKind kind, String id) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.id = id;
    }

    public static CredentialFields of(CredentialKind kind, String id) {
        return new CredentialFields(kind, id);
    }

    /** Sets a plain field ({@code site}, {@code allow.projects}); null or blank leaves it out. */
    public CredentialFields set(String path, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            plain.put(path, value instanceof String s ? s.trim() : value);
        }
        return this;
    }

    /** Sets a secret field ({@code token}, {@code rotation.password}) from its plain value; null or empty leaves it out. */
    public CredentialFields secret(String path, String value) {
        if (value != null && !value.isEmpty()) {
            secrets.put(path, value);
        }
        return this;
    }

    /**
     * The spec.
     *
     * @param source what to call the credential in errors, e.g. {@code Jenkins credential 'ci-jira'}
     * @throws ConfigurationException naming the field and the fix
     */
    public CredentialSpec toSpec(String source) {
        String required = requiredSecret(kind);
        if (required != null && !secrets.containsKey(required)) {
            throw new ConfigurationException(source + ": " + required + " is empty; enter the " + describe(required));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind.id());
        if (id != null && !id.isBlank()) {
            root.put("id", id.trim());
        }
        plain.forEach((path, value) -> put(root, path, JSON.valueToTree(value)));
        Map<String, String> env = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            // each secret goes through a private reference, so the parser's checks apply and no value enters the tree
            String name = "secret" + n++;
            env.put(name, s.getValue());
            put(root, s.getKey(), JSON.getNodeFactory().textNode("${env:" + name + "}"));
        }
        CredentialSpecParser parser = new CredentialSpecParser(SecretReferences.fromMap(env));
        return parser.parse(ConfigNode.root(source, root), null);
    }

    /** The secret every credential of {@code kind} must have, or null. */
    public static String requiredSecret(CredentialKind kind) {
        return switch (kind) {
            case PAT, API_TOKEN -> "token";
            case OAUTH_CLIENT_CREDENTIALS -> "clientSecret";
            // Jenkins has no browser flow of its own: the refresh token is pasted once, then rotated in place
            case OAUTH_REFRESH_TOKEN -> "refreshToken";
            case CONNECT_JWT -> "sharedSecret";
        };
    }

    private String describe(String field) {
        return switch (field) {
            case "token" -> kind == CredentialKind.PAT ? "personal access token" : "Atlassian API token";
            case "clientSecret" -> "OAuth client secret";
            case "refreshToken" -> "refresh token obtained with `jira-access oauth authorize`";
            case "sharedSecret" -> "shared secret from the Connect app's installation payload";
            default -> field;
        };
    }

    private static void put(ObjectNode root, String path, com.fasterxml.jackson.databind.JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.has(parts[i]) && cur.get(parts[i]).isObject() ? (ObjectNode) cur.get(parts[i]) : cur.putObject(parts[i]);
        }
        cur.set(parts[parts.length - 1], value);
    }
}
