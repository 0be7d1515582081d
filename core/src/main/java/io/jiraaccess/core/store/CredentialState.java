package io.jiraaccess.core.store;

import io.jiraaccess.core.secret.SecretValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link CredentialStore} keeps for one credential: plain attributes (token ids, expiry times, rotation
 * step) and secrets (the current PAT, the pending PAT, the refresh token). Immutable; {@code with*} return copies.
 */
public record CredentialState(Map<String, String> attributes, Map<String, SecretValue> secrets) {
    public static final CredentialState EMPTY = new CredentialState(Map.of(), Map.of());

    public CredentialState {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets == null ? Map.of() : secrets));
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public SecretValue secret(String key) {
        return secrets.get(key);
    }

    /** A copy with {@code key} set to {@code value}, or removed when value is null. */
    public CredentialState with(String key, String value) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        if (value == null) {
            a.remove(key);
        } else {
            a.put(key, value);
        }
        return new CredentialState(a, secrets);
    }

    /** A copy with secret {@code key} set, or removed when value is null. */
    public CredentialState withSecret(String key, SecretValue value) {
        Map<String, SecretValue> s = new LinkedHashMap<>(secrets);
        if (value == null) {
            s.remove(key);
        } else {
            s.put(key, value);
        }
        return new CredentialState(attributes, s);
    }

    /** A copy without the attributes and secrets whose keys start with {@code prefix}. */
    public CredentialState without(String prefix) {
        Map<String, String> a = new LinkedHashMap<>(attributes);
        a.keySet().removeIf(k -> k.startsWith(prefix));
        Map<String, SecretValue> s = new LinkedHashMap<>(secrets);
        s.keySet().removeIf(k -> k.startsWith(prefix));
        return new CredentialState(a, s);
    }

    public Set<String> secretKeys() {
        return secrets.keySet();
    }

    /** Redacted: attribute values are shown, secrets only by name. */
    @Override
    public String toString() {
        return "CredentialState{attributes=" + attributes + ", secrets=" + secrets.keySet() + "}";
    }
}
