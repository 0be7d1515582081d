package io.jiraaccess.core.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPResponse;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.token.AccessToken;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * One refresh of one credential from a file store, run as its own process by {@link RefreshCrashRecoveryIT}.
 * Arguments: store directory, token URL, client id, and {@code halt-after-response} or {@code normal}. The client
 * secret and the seed refresh token come from the environment ({@code JA_CLIENT_SECRET},
 * {@code JA_SEED_REFRESH_TOKEN}), never from the command line, where other users could read them.
 * <p>With {@code halt-after-response} the process dies ({@link Runtime#halt}, no shutdown hooks, no finally blocks)
 * the moment a successful token response has arrived, before the source can write it to the store.
 */
public final class RefreshCrashMain {
    /** Exit code of a process halted on purpose. */
    static final int HALTED = 77;

    private RefreshCrashMain() {
    }

    public static void main(String[] args) {
        Path storeDir = Path.of(args[0]);
        URI tokenUrl = URI.create(args[1]);
        String clientId = args[2];
        boolean halt = "halt-after-response".equals(args[3]);
        CredentialSpec.Common common = new CredentialSpec.Common(clientId, URI.create("https://jira.example.com"),
                null, null, null, AllowPolicy.DEFAULT);
        OAuthRefreshTokenSpec spec = new OAuthRefreshTokenSpec(common, tokenUrl, tokenUrl, clientId,
                SecretValue.of(System.getenv("JA_CLIENT_SECRET")),
                SecretValue.ofNullable(System.getenv("JA_SEED_REFRESH_TOKEN")), List.of(), null);
        HTTPRequestSender real = new JdkHttpSender();
        HTTPRequestSender sender = !halt ? real : request -> {
            ReadOnlyHTTPResponse response = real.send(request);
            if (response.getStatusCode() == 200) {
                Runtime.getRuntime().halt(HALTED);
            }
            return response;
        };
        try {
            AccessToken token = new RefreshTokenSource(spec, new FileCredentialStore(storeDir), sender,
                    Clock.systemUTC()).fetch();
            System.out.println("refreshed; the access token is valid until " + token.expiresAt());
            System.exit(0);
        } catch (JiraAccessException e) {
            System.err.println(e.getMessage());
            System.exit(e.failure().exitCode());
        }
    }
}
