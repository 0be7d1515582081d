package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.EncodedLogs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The masking test is recovery: a build log holding the bound secrets in every encoding a pipeline commonly prints
 * is masked line by line, as the console filter sees it, and then decoded every way an attacker would (Base64 and
 * Base64url at every character offset, line by line and with the line breaks of a wrapped block removed, hex,
 * percent-decoding with and without '+', JSON unescaping); the secret must not come back. The same decoders find
 * the secret in the unmasked log, so the test can fail. The log and the decoders are {@link EncodedLogs}'.
 */
class ConsoleMaskerRecoveryTest {
    /** A Data Center PAT: 44 characters of Base64, with '+' and '/'. */
    static final String PAT = "NjQ2MzQ1OTk4NzY1Oi+Fq4T/ZXxy8mOwPq1zQ2Vx/9a+";
    /** An Atlassian API token (shortened): letters, digits, '-', '_', '='. */
    static final String API = "ATATT3xFfGF0aXyq-3mDHTkAsecret_api-token_value=0F3A9C1B";
    static final String EMAIL = "ci-bot@example.com";

    @Test
    void noEncodingOfAPatHeaderOrTokenCanBeDecodedFromTheMaskedLog() {
        JiraBinding b = JiraBinding.of(new PatSpec(JiraBindingTest.common("dc", "https://jira.example.com"),
                SecretValue.of(PAT), null), new AuthHeader("Bearer", SecretValue.of(PAT)));
        String header = b.secretValues().get(JiraBinding.JIRA_AUTH_HEADER);

        assertNotRecoverable(b, List.of(header, PAT));
    }

    @Test
    void noEncodingOfABasicHeaderOrTheApiTokenInsideCanBeDecodedFromTheMaskedLog() {
        String pair = Base64.getEncoder().encodeToString((EMAIL + ":" + API).getBytes(StandardCharsets.UTF_8));
        JiraBinding b = JiraBinding.of(new ApiTokenSpec(JiraBindingTest.common("cloud", "https://acme.atlassian.net"),
                EMAIL, SecretValue.of(API), null), new AuthHeader("Basic", SecretValue.of(pair)));
        String header = b.secretValues().get(JiraBinding.JIRA_AUTH_HEADER);

        // the decoded Basic pair "email:token" is printed too: the email stays readable, the token must not
        assertNotRecoverable(b, List.of(header, EMAIL + ":" + API, API));
    }

    @Test
    void wrappedBase64OfTheHeaderSplitAtEveryColumnIsMaskedOnBothLines() {
        JiraBinding b = JiraBinding.of(new PatSpec(JiraBindingTest.common("dc", "https://jira.example.com"),
                SecretValue.of(PAT), null), new AuthHeader("Bearer", SecretValue.of(PAT)));
        String encoded = Base64.getEncoder().encodeToString(("Bearer " + PAT).getBytes(StandardCharsets.UTF_8));
        for (int width = 4; width < encoded.length(); width++) {
            List<String> log = EncodedLogs.wrap(encoded, width);
            List<String> masked = mask(b, log);
            String joined = String.join("", masked).replace("\n", "");
            assertThat(EncodedLogs.decodeAll(List.of(joined), masked)).as("wrapped at %d", width).doesNotContain(PAT);
            // at most FRAGMENT_LENGTH - 1 characters of the encoding can stay where a line break cuts it
            for (String line : masked) {
                assertThat(line.replace("\n", "").replace(ConsoleMasker.REPLACEMENT, "").length())
                        .as("wrapped at %d: %s", width, masked).isLessThan(ConsoleMasker.FRAGMENT_LENGTH);
            }
        }
    }

    @Test
    void ordinaryOutputAroundTheSecretsIsLeftAlone() {
        JiraBinding b = JiraBinding.of(new PatSpec(JiraBindingTest.common("dc", "https://jira.example.com"),
                SecretValue.of(PAT), null), new AuthHeader("Bearer", SecretValue.of(PAT)));
        List<String> log = List.of("+ curl -fsS https://jira.example.com/rest/api/2/myself\n",
                "commit 3f786850e387550fdab836ed7e6dc881de23001b\n", "Bearer token accepted\n",
                "{\"name\":\"ci-bot\",\"active\":true}\r\n", "https%3A%2F%2Fjira.example.com\n", "no newline at the end");

        assertEquals(log, mask(b, log));
    }

    @Test
    void anExtraPatternIsAppliedToEveryLine() {
        ConsoleMasker m = ConsoleMasker.of(Set.of("s3cr3t-value"), Pattern.compile(Pattern.quote("'s3cr3t'\\''quoted'")));

        assertEquals("x ****\n", m.lines().mask("x 's3cr3t'\\''quoted'\n"));
        assertEquals("plain\n", ConsoleMasker.of(Set.of("s3cr3t-value"), Pattern.compile("")).mask("plain\n"));
    }

    // ---- the log a pipeline prints, masked as a console filter masks it ----

    private static void assertNotRecoverable(JiraBinding b, List<String> printed) {
        List<String> log = new ArrayList<>();
        for (String secret : printed) {
            log.addAll(EncodedLogs.encodings(secret));
        }
        for (String secret : b.masked()) {
            assertThat(EncodedLogs.recoverAll(log)).as("the decoders find the secret before masking").contains(secret);
        }
        List<String> masked = mask(b, log);
        assertEquals(log.size(), masked.size());
        String recovered = EncodedLogs.recoverAll(masked);
        for (String secret : b.masked()) {
            assertThat(recovered).as("a decoder recovered a secret from the masked log").doesNotContain(secret);
        }
        assertThat(recovered).doesNotContain(API).doesNotContain(PAT);
        assertTrue(masked.stream().anyMatch(l -> l.contains("end of log")), "ordinary text stays");
    }

    private static List<String> mask(JiraBinding b, List<String> log) {
        ConsoleMasker.Lines lines = ConsoleMasker.of(b.masked()).lines();
        return log.stream().map(lines::mask).toList();
    }
}
