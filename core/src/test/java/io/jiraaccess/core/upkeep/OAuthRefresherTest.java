package io.jiraaccess.core.upkeep;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.binding.CredentialFields;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.oauth.OAuthAuthenticators;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.testing.TestClock;
import io.jiraaccess.core.token.TokenBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuthRefresherTest {
    static final String CLIENT_SECRET = "cs-upkeep-5d1f0c9a8b7e6d5c4b3a";
    static final String RT0 = "rt-upkeep-0-aaaaaaaaaaaaaaaaaaaa";
    static final String RT1 = "rt-upkeep-1-bbbbbbbbbbbbbbbbbbbb";
    static final String RT2 = "rt-upkeep-2-cccccccccccccccccccc";
    static final String A1 = "at-upkeep-1-dddddddddddddddddddd";
    static final String A2 = "at-upkeep-2-eeeeeeeeeeeeeeeeeeee";

    private final TestClock clock = new TestClock();
    private final RecordingEventSink events = new RecordingEventSink();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final AuthContext ctx = new AuthContext(store, new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null),
            events, new Fingerprinter(new byte[32]), clock, "jenkins-test");
    private final List<String> sentRefreshTokens = new ArrayList<>();

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(CLIENT_SECRET, RT0, RT1, RT2, A1, A2).watch(events::ndjson);

    /** A token endpoint answering each request with the next access and refresh token. */
    private HTTPRequestSender endpoint(String... accessThenRefresh) {
        int[] next = {0};
        return request -> {
            String body = request.getBody();
            for (String p : body.split("&")) {
                if (p.startsWith("refresh_token=")) {
                    sentRefreshTokens.add(p.substring("refresh_token=".length()));
                }
            }
            HTTPResponse r = new HTTPResponse(200);
            r.setHeader("Content-Type", "application/json");
            String access = accessThenRefresh[next[0]++];
            String refresh = next[0] < accessThenRefresh.length && accessThenRefresh[next[0]].startsWith("rt-")
                    ? accessThenRefresh[next[0]++] : null;
            r.setBody("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":3600"
                    + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + "}");
            return r;
        };
    }

    private static CredentialSpec refreshTokenSpec() {
        return CredentialFields.of(CredentialKind.OAUTH_REFRESH_TOKEN, "dc-oauth").set("site", "https://jira.example.com")
                .set("clientId", "client").secret("clientSecret", CLIENT_SECRET).secret("refreshToken", RT0).toSpec("t");
    }

    @Test
    void eachRenewalFetchesANewAccessTokenEvenWhileTheCachedOneIsFresh() {
        CredentialSpec spec = CredentialFields.of(CredentialKind.OAUTH_CLIENT_CREDENTIALS, "svc")
                .set("site", "https://acme.atlassian.net").set("clientId", "client").secret("clientSecret", CLIENT_SECRET)
                .toSpec("t");
        OAuthRefresher refresher = new OAuthRefresher(endpoint(A1, A2));

        refresher.renew(spec, ctx);
        assertEquals(A1, ctx.broker().peek(OAuthAuthenticators.key(spec, ctx)).orElseThrow().value().reveal());
        refresher.renew(spec, ctx);
        assertEquals(A2, ctx.broker().peek(OAuthAuthenticators.key(spec, ctx)).orElseThrow().value().reveal());
    }

    @Test
    void refreshTokenRenewalStoresEachRotatedRefreshTokenAndSendsTheCurrentOne() {
        CredentialSpec spec = refreshTokenSpec();
        OAuthRefresher refresher = new OAuthRefresher(endpoint(A1, RT1, A2, RT2));

        refresher.renew(spec, ctx);
        refresher.renew(spec, ctx);

        assertEquals(List.of(RT0, RT1), sentRefreshTokens);
        String stored = store.load("dc-oauth").orElseThrow().secrets().values().stream().map(v -> v.reveal())
                .filter(v -> v.startsWith("rt-")).findFirst().orElseThrow();
        assertEquals(RT2, stored);
    }

    @Test
    void patsAndRevocationAreNotForThisRenewerAndSayWhy() {
        CredentialSpec pat = CredentialFields.of(CredentialKind.PAT, "p").set("site", "https://jira.example.com")
                .secret("token", "pat-value-xyz").toSpec("t");
        OAuthRefresher refresher = new OAuthRefresher(endpoint());

        UnsupportedOperationException notOAuth = assertThrows(UnsupportedOperationException.class, () -> refresher.renew(pat, ctx));
        assertEquals("credential p is of kind pat: only OAuth credentials are refreshed here", notOAuth.getMessage());
        UnsupportedOperationException revoke = assertThrows(UnsupportedOperationException.class,
                () -> refresher.revoke(refreshTokenSpec(), ctx));
        assertTrue(revoke.getMessage().startsWith("credential dc-oauth: OAuth grants cannot be revoked by API"));
    }

    @Test
    void byKindSendsOAuthToOneRenewerAndEverythingElseToTheOther() {
        List<String> calls = new ArrayList<>();
        CredentialRenewer oauth = recording("oauth", calls);
        CredentialRenewer rotation = recording("rotation", calls);
        CredentialRenewer both = CredentialRenewer.byKind(oauth, rotation);

        both.renew(refreshTokenSpec(), ctx);
        both.renew(CredentialFields.of(CredentialKind.PAT, "p").set("site", "https://jira.example.com")
                .secret("token", "pat-value-xyz").toSpec("t"), ctx);
        both.revoke(refreshTokenSpec(), ctx);

        assertEquals(List.of("oauth renew dc-oauth", "rotation renew p", "oauth revoke dc-oauth"), calls);
    }

    private static CredentialRenewer recording(String name, List<String> calls) {
        return new CredentialRenewer() {
            @Override
            public void renew(CredentialSpec spec, AuthContext context) {
                calls.add(name + " renew " + spec.id());
            }

            @Override
            public void revoke(CredentialSpec spec, AuthContext context) {
                calls.add(name + " revoke " + spec.id());
            }
        };
    }
}
