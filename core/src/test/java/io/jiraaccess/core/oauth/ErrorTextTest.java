package io.jiraaccess.core.oauth;

import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ErrorTextTest {
    private static final SecretValue SECRET = SecretValue.of("s3cr3t-value-42");

    @Test
    void descriptionQuotingASecretInAnyFormIsWithheld() {
        String b64 = Base64.getEncoder().encodeToString("client:s3cr3t-value-42".getBytes());
        assertEquals("description withheld: it quoted a secret",
                ErrorText.description("bad secret s3cr3t-value-42", List.of(SECRET)));
        assertEquals("description withheld: it quoted a secret",
                ErrorText.description("bad header Basic " + b64, List.of(SECRET)));
    }

    @Test
    void tokenLikeWordsAreMaskedAndControlCharactersRemoved() {
        assertEquals("Token [redacted] is not active",
                ErrorText.description("Token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghij is not active\n", List.of()));
    }

    @Test
    void longDescriptionsAreCut() {
        String d = ErrorText.description("word ".repeat(100), List.of());
        assertEquals(ErrorText.MAX_DESCRIPTION + 3, d.length());
    }

    @Test
    void emptyDescriptionIsNone() {
        assertNull(ErrorText.description("  ", List.of(SECRET)));
        assertNull(ErrorText.description(null, List.of(SECRET)));
    }

    @Test
    void endpointIsShownWithoutUserInfoOrQuery() {
        assertEquals("https://auth.example.com:8443/oauth/token",
                ErrorText.endpoint(URI.create("https://user:pw@auth.example.com:8443/oauth/token?x=1")));
    }
}
