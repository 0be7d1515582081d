package io.jiraaccess.core.credential;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretReferences;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OAuthSpecParsingTest {
    private final CredentialSpecParser parser = new CredentialSpecParser(SecretReferences.fromMap(Map.of("SECRET", "cs-value-123")));

    @Test
    void clientAuthDefaultsToClientSecretPost() {
        OAuthClientCredentialsSpec spec = (OAuthClientCredentialsSpec) parser.parse("svc.yaml", """
                kind: oauth-client-credentials
                site: https://acme.atlassian.net
                clientId: svc
                clientSecret: ${env:SECRET}
                """, "svc");
        assertEquals(OAuthClientAuth.CLIENT_SECRET_POST, spec.clientAuth());
    }

    @Test
    void clientAuthBasicIsRead() {
        OAuthRefreshTokenSpec spec = (OAuthRefreshTokenSpec) parser.parse("rt.yaml", """
                kind: oauth-refresh-token
                site: https://jira.example.com
                clientId: app
                clientSecret: ${env:SECRET}
                clientAuth: client_secret_basic
                """, "rt");
        assertEquals(OAuthClientAuth.CLIENT_SECRET_BASIC, spec.clientAuth());
    }

    @Test
    void unknownClientAuthNamesTheFieldAndTheChoices() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("svc.yaml", """
                kind: oauth-client-credentials
                site: https://acme.atlassian.net
                clientId: svc
                clientSecret: ${env:SECRET}
                clientAuth: jwt
                """, "svc"));
        assertEquals("svc.yaml: clientAuth: 'jwt' is not valid; use one of client_secret_basic, client_secret_post",
                e.getMessage());
    }

    @Test
    void clientAuthWithoutSecretIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> parser.parse("rt.yaml", """
                kind: oauth-refresh-token
                site: https://jira.example.com
                clientId: app
                clientAuth: client_secret_basic
                """, "rt"));
        assertEquals("rt.yaml: clientAuth: applies only with a clientSecret; a public client sends just its client id",
                e.getMessage());
    }
}
