package io.jiraaccess.daemon.kibana;

import io.jiraaccess.core.secret.SecretValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How the importer authenticates to Kibana: an encoded API key, a user and password, or nothing (security off). */
public sealed interface KibanaAuth {
    /** The {@code Authorization} header value, if any. Never log it. */
    Optional<String> header();

    /** For messages: how it authenticated, without the secret. */
    String describe();

    static KibanaAuth none() {
        return new None();
    }

    static KibanaAuth apiKey(SecretValue encodedKey) {
        return new ApiKey(encodedKey);
    }

    static KibanaAuth basic(String user, SecretValue password) {
        return new Basic(user, password);
    }

    /** No credentials: Kibana with security disabled. */
    record None() implements KibanaAuth {
        public Optional<String> header() {
            return Optional.empty();
        }

        public String describe() {
            return "without credentials";
        }
    }

    /** {@code Authorization: ApiKey <encoded>}, the form Kibana's "Create API key" shows. */
    record ApiKey(SecretValue encodedKey) implements KibanaAuth {
        public Optional<String> header() {
            return Optional.of("ApiKey " + encodedKey.reveal());
        }

        public String describe() {
            return "with an API key";
        }
    }

    /** {@code Authorization: Basic base64(user:password)}. */
    record Basic(String user, SecretValue password) implements KibanaAuth {
        public Optional<String> header() {
            String pair = user + ":" + password.reveal();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        public String describe() {
            return "as user " + user;
        }
    }
}
