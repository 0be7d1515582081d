package io.jiraaccess.core.auth;

import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.token.TokenBroker;

import java.time.Clock;
import java.util.Objects;

/**
 * What authenticators share: the credential store (rotated secrets), the token broker (cached access tokens),
 * where audit events go, how secrets are fingerprinted, the clock, and the name of this service in events
 * ({@code service.name}: a Jenkins controller, a CLI runner).
 */
public record AuthContext(CredentialStore store, TokenBroker broker, EventSink events, Fingerprinter fingerprinter,
                          Clock clock, String serviceName) {
    public AuthContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(fingerprinter, "fingerprinter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(serviceName, "serviceName");
    }
}
