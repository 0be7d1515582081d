package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jiraaccess.core.AuthenticationException;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStore;
import io.jiraaccess.core.token.AccessToken;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one-time consent for an {@code oauth-refresh-token} credential: authorization code with PKCE (S256) and a
 * loopback redirect (RFC 8252). A listener on 127.0.0.1 receives the redirect, the {@code state} is checked, the code
 * is exchanged together with the {@code code_verifier}, and the refresh token goes into the credential store, where
 * {@link RefreshTokenSource} picks it up (a stopped credential starts working again).
 * <p>For Atlassian Cloud the request carries {@code audience=api.atlassian.com} and {@code prompt=consent}, and the
 * app needs the {@code offline_access} scope for a refresh token. Atlassian matches redirect URIs exactly, so give
 * the listener the fixed port registered with the app ({@link Settings#port()}); other servers accept any loopback
 * port.
 */
public final class PkceAuthorization {
    private static final System.Logger LOG = System.getLogger(PkceAuthorization.class.getName());
    private static final String CLOUD_AUDIENCE = "api.atlassian.com";

    /**
     * @param port         loopback port of the redirect listener; 0 picks a free one
     * @param callbackPath path of the redirect URI
     * @param timeout      how long to wait for the browser to come back
     */
    public record Settings(int port, String callbackPath, Duration timeout) {
        public static final Settings DEFAULT = new Settings(0, "/callback", Duration.ofMinutes(5));

        public Settings {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("redirect port " + port + " is not a port; use 0 (any free port) "
                        + "or the port registered with the OAuth app");
            }
            if (callbackPath == null || !callbackPath.startsWith("/")) {
                throw new ConfigurationException("redirect path must start with '/', e.g. /callback");
            }
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * A completed consent.
     *
     * @param accessToken the access token that came with the refresh token (usable at once)
     * @param generation  the refresh token's generation in the store
     */
    public record Result(String credentialId, AccessToken accessToken, long generation) {
    }

    private final OAuthRefreshTokenSpec spec;
    private final CredentialStore store;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final Settings settings;

    public PkceAuthorization(OAuthRefreshTokenSpec spec, CredentialStore store, HTTPRequestSender sender, Clock clock,
                             Settings settings) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = settings == null ? Settings.DEFAULT : settings;
        this.endpoint = new TokenEndpoint(spec.id(), spec.tokenUrl(), spec.clientId(), spec.clientSecret(),
                spec.clientAuth(), sender);
    }

    /** Runs the whole consent: starts the listener, shows the URL to open, waits, stores the refresh token. */
    public Result authorize(Consumer<URI> showAuthorizeUrl) {
        try (Pending pending = start()) {
            showAuthorizeUrl.accept(pending.authorizeUrl());
            return pending.await();
        }
    }

    /** Starts the redirect listener; the caller shows {@link Pending#authorizeUrl()}, then calls {@link Pending#await()}. */
    public Pending start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
        } catch (IOException e) {
            throw new ConfigurationException("credential " + spec.id() + ": cannot listen for the OAuth redirect on "
                    + "127.0.0.1:" + settings.port() + " (" + e.getClass().getSimpleName() + "); free the port or "
                    + "choose another", e);
        }
        return new Pending(server);
    }

    /** A consent in progress: the listener is up until {@link #close()}. */
    public final class Pending implements AutoCloseable {
        private final HttpServer server;
        private final URI redirectUri;
        private final State state = new State();
        private final CodeVerifier verifier = new CodeVerifier();
        private final URI authorizeUrl;
        private final CompletableFuture<AuthorizationCode> code = new CompletableFuture<>();
        private final AtomicBoolean foreignState = new AtomicBoolean();

        private Pending(HttpServer server) {
            this.server = server;
            this.redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + settings.callbackPath());
            this.authorizeUrl = authorizeRequest().toURI();
            server.createContext(settings.callbackPath(), this::callback);
            server.start();
        }

        private AuthorizationRequest authorizeRequest() {
            boolean cloud = spec.flavor() == JiraFlavor.CLOUD;
            AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(spec.clientId()))
                    .endpointURI(spec.authorizeUrl())
                    .redirectionURI(redirectUri)
                    .state(state)
                    .codeChallenge(verifier, CodeChallengeMethod.S256);
            if (!spec.scopes().isEmpty()) {
                b.scope(new Scope(spec.scopes().toArray(new String[0])));
            }
            String audience = spec.audience() != null ? spec.audience() : (cloud ? CLOUD_AUDIENCE : null);
            if (audience != null) {
                b.customParameter("audience", audience);
            }
            if (cloud) {
                b.prompt(new Prompt(Prompt.Type.CONSENT));
            }
            return b.build();
        }

        /** The URL the user opens in a browser. It carries no secret: only the PKCE challenge and the state. */
        public URI authorizeUrl() {
            return authorizeUrl;
        }

        public URI redirectUri() {
            return redirectUri;
        }

        /**
         * Waits for the redirect, exchanges the code and stores the refresh token.
         *
         * @throws AuthenticationException on timeout, refusal, or a token response without refresh token
         */
        public Result await() {
            AuthorizationCode received;
            try {
                received = code.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AuthenticationException("credential " + spec.id() + ": no authorization arrived at "
                        + redirectUri + " within " + describe(settings.timeout()) + "; open the printed URL in a browser "
                        + "on this machine, sign in and approve, then run `jira-access oauth authorize --credential "
                        + "FILE` again" + (foreignState.get() ? " (a redirect from another authorization attempt "
                        + "arrived and was ignored)" : ""));
            } catch (ExecutionException e) {
                throw (AuthenticationException) e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException("credential " + spec.id() + ": interrupted while waiting for the "
                        + "authorization");
            }
            return exchange(received);
        }

        private Result exchange(AuthorizationCode received) {
            Instant requestedAt = clock.instant();
            TokenEndpoint.Outcome outcome = endpoint.send(new AuthorizationCodeGrant(received, redirectUri, verifier),
                    List.of(), Map.of());
            List<SecretValue> secrets = Arrays.asList(spec.clientSecret(), SecretValue.of(received.getValue()));
            if (!outcome.ok()) {
                throw endpoint.refused(outcome, "authorization_code", secrets);
            }
            if (outcome.tokens().getRefreshToken() == null) {
                throw new AuthenticationException("credential " + spec.id() + ": the authorization server returned no "
                        + "refresh token; request offline access (Atlassian: add the offline_access scope to scopes)");
            }
            SecretValue refresh = SecretValue.of(outcome.tokens().getRefreshToken().getValue());
            AccessToken access = TokenEndpoint.accessToken(outcome.tokens(), spec.scopes(), requestedAt);
            long generation = store.withLock(spec.id(), () -> {
                CredentialState raw = store.load(spec.id()).orElse(CredentialState.EMPTY);
                RefreshTokenState next = RefreshTokenState.from(spec.id(), raw)
                        .restart(refresh, RefreshTokenState.seedHash(spec.refreshToken()), clock.instant());
                store.save(spec.id(), next.into(raw));
                return next.generation();
            });
            LOG.log(System.Logger.Level.INFO, "credential {0}: authorized; the refresh token is stored (generation {1})",
                    spec.id(), generation);
            return new Result(spec.id(), access, generation);
        }

        private void callback(HttpExchange ex) throws IOException {
            try (ex) {
                if (!"GET".equals(ex.getRequestMethod())) {
                    respond(ex, 405, "Only the browser's redirect is expected here.");
                    return;
                }
                AuthorizationResponse response;
                try {
                    response = AuthorizationResponse.parse(URI.create(redirectUri + queryOf(ex)));
                } catch (ParseException | IllegalArgumentException e) {
                    respond(ex, 400, "This is not an OAuth authorization response.");
                    return;
                }
                if (response.getState() == null || !sameState(response.getState())) {
                    foreignState.set(true);
                    respond(ex, 400, "This response belongs to another authorization attempt and was ignored. "
                            + "Use the URL that jira-access printed last.");
                    return;
                }
                if (!response.indicatesSuccess()) {
                    ErrorObject err = ((AuthorizationErrorResponse) response).getErrorObject();
                    String desc = err == null ? null : ErrorText.description(err.getDescription(), List.of());
                    code.completeExceptionally(new AuthenticationException("credential " + spec.id()
                            + ": the authorization server did not grant access: "
                            + TokenEndpoint.safeCode(err == null ? null : err.getCode())
                            + (desc == null ? "" : " (" + desc + ")")
                            + "; run `jira-access oauth authorize --credential FILE` again and approve the request"));
                    respond(ex, 200, "Access was not granted. You can close this window.");
                    return;
                }
                if (code.complete(response.toSuccessResponse().getAuthorizationCode())) {
                    respond(ex, 200, "Jira Access received the authorization. You can close this window.");
                } else {
                    respond(ex, 409, "This authorization was already completed. You can close this window.");
                }
            }
        }

        private boolean sameState(State got) {
            return MessageDigest.isEqual(state.getValue().getBytes(StandardCharsets.UTF_8),
                    got.getValue().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String queryOf(HttpExchange ex) {
        String q = ex.getRequestURI().getRawQuery();
        return q == null ? "" : "?" + q;
    }

    private static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = ("<!doctype html><meta charset=\"utf-8\"><title>Jira Access</title><p>" + text + "</p>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String describe(Duration d) {
        if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) {
            return d.toMinutes() == 1 ? "1 minute" : d.toMinutes() + " minutes";
        }
        return d.toSeconds() == 1 ? "1 second" : d.toSeconds() + " seconds";
    }
}
