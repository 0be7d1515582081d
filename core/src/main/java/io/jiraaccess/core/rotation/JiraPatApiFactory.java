package io.jiraaccess.core.rotation;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.jira.PatApi;
import io.jiraaccess.core.jira.PatClient;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The real PAT API: a {@link PatClient} over a {@link JiraClient} that sends the given header. The client keeps the
 * credential's {@code allow.hosts} (a token still goes nowhere else, redirects included) but not its
 * {@code allow.operations}/{@code allow.projects}: those limit what pipelines do with the token, while creating and
 * revoking the token itself is the credential's own life cycle (an {@code admin} operation by the guard's reckoning).
 * Requests emit {@code token.used} (and {@code basic_auth.used} for Basic) like any other.
 */
public final class JiraPatApiFactory implements PatApiFactory {
    /** Three tries per request, waits of 1 s doubling to 30 s: the rotator's own backoff handles longer outages. */
    public static final HttpSettings SETTINGS = HttpSettings.DEFAULT.withMaxAttempts(3)
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final EventSink events;
    private final Fingerprinter fingerprinter;
    private final String serviceName;
    private final HttpSettings settings;
    private final Clock clock;

    public JiraPatApiFactory(EventSink events, Fingerprinter fingerprinter, String serviceName, HttpSettings settings,
                             Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.fingerprinter = fingerprinter;
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PatApi open(PatSpec spec, AuthHeader auth) {
        JiraClient client = JiraClient.builder(new HeaderAuthenticator(managing(spec), auth))
                .events(events)
                .fingerprinter(fingerprinter)
                .serviceName(serviceName)
                .settings(settings)
                .clock(clock)
                .build();
        return new PatClient(client);
    }

    /** The spec as the token's own management sees it: same hosts, every operation, no project limit. */
    static PatSpec managing(PatSpec spec) {
        CredentialSpec.Common c = spec.common();
        AllowPolicy allow = new AllowPolicy(c.allow().hosts(), List.of(), EnumSet.allOf(Operation.class));
        return new PatSpec(new CredentialSpec.Common(c.id(), c.site(), c.flavor(), c.owner(), c.description(), allow),
                spec.token(), spec.rotation());
    }
}
