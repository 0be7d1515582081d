package io.jiraaccess.core.secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-style: for many random secrets embedded in random surroundings, every encoding a leak could take holds
 * one of the forms {@link SecretForms} lists. Seeded, so a failure is reproducible from the printed case.
 */
class SecretFormsTest {
    private static final int CASES = 3000;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "-_.~+/=:@!$&'()*,;%? \"\\\t\n\u00e9\u00df\u20ac\u4e2d\ud83d\ude00\u0001\u001f\b\f";

    static String random(Random r, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < n) {
            int i = r.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(i);
            if (Character.isHighSurrogate(c)) {
                b.append(c).append(ALPHABET.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    static void assertContainsAForm(String encoded, Set<String> forms, String what) {
        for (String f : forms) {
            if (encoded.contains(f)) {
                return;
            }
        }
        fail(what + ": no form found in " + encoded);
    }

    @Test
    void base64OfASecretInAnySurroundingsContainsOneOfItsForms() {
        Random r = new Random(20250101L);
        for (int i = 0; i < CASES; i++) {
            String secret = random(r, 3, 48);
            String prefix = random(r, 0, 12);
            String suffix = random(r, 0, 12);
            Set<String> forms = SecretForms.of(secret);
            byte[] whole = (prefix + secret + suffix).getBytes(StandardCharsets.UTF_8);
            String what = "case " + i + " (prefix " + prefix.length() + " chars, secret " + secret.length() + ")";
            assertContainsAForm(Base64.getEncoder().encodeToString(whole), forms, what + " standard");
            assertContainsAForm(Base64.getUrlEncoder().encodeToString(whole), forms, what + " url-safe");
            assertContainsAForm(Base64.getUrlEncoder().withoutPadding().encodeToString(whole), forms, what + " url-safe unpadded");
        }
    }

    @Test
    void basicHeaderOfAnyUserAndSecretContainsOneOfTheBasicForms() {
        Random r = new Random(42L);
        for (int i = 0; i < CASES; i++) {
            String user = random(r, 1, 30).replace(":", "");
            String secret = random(r, 3, 40);
            String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
            assertContainsAForm(header, SecretForms.ofBasic(user, secret), "case " + i);
            // even without knowing the user, the secret's own forms are in the header
            assertContainsAForm(header, SecretForms.of(secret), "case " + i + " (secret forms only)");
        }
    }

    @Test
    void jsonAndPercentEncodingsOfASecretContainOneOfItsForms() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Random r = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            String secret = random(r, 3, 32);
            String prefix = random(r, 0, 8);
            Set<String> forms = SecretForms.of(secret);
            assertContainsAForm(json.writeValueAsString(prefix + secret), forms, "case " + i + " JSON");
            assertContainsAForm(URLEncoder.encode(prefix + secret, StandardCharsets.UTF_8), forms, "case " + i + " form-encoded");
            assertContainsAForm(URLEncoder.encode(prefix + secret, StandardCharsets.UTF_8).replace("+", "%20"), forms,
                    "case " + i + " percent-encoded");
        }
    }

    @Test
    void labelledFormsAreTheFormsInTheSameOrderEachNamedByHowItWasDerived() {
        Random r = new Random(11L);
        for (int i = 0; i < 500; i++) {
            String user = random(r, 1, 12).replace(":", "");
            String secret = random(r, 3, 30);
            assertEquals(List.copyOf(SecretForms.of(secret)),
                    SecretForms.labelled(secret).stream().map(SecretForms.Form::text).toList(), "case " + i);
            assertEquals(List.copyOf(SecretForms.ofBasic(user, secret)),
                    SecretForms.labelledBasic(user, secret).stream().map(SecretForms.Form::text).toList(), "case " + i);
        }
        String secret = "p\"w/+ d\u001f";
        Map<String, String> byKind = new LinkedHashMap<>();
        SecretForms.labelledBasic("bob", secret).forEach(f -> byKind.put(f.kind(), f.text()));
        assertEquals(secret, byKind.get("literal"));
        assertEquals(URLEncoder.encode(secret, StandardCharsets.UTF_8), byKind.get("percent"));
        assertEquals(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"), byKind.get("percent-%20"));
        assertEquals("p\\\"w/+ d\\u001F", byKind.get("json"));
        assertEquals("p\\\"w/+ d\\u001f", byKind.get("json-lowercase-hex"));
        assertEquals(Base64.getEncoder().encodeToString(("bob:" + secret).getBytes(StandardCharsets.UTF_8)), byKind.get("basic"));
        // (this secret's Base64 has no '+' or '/': its URL-safe forms are the standard ones, listed once)
        assertTrue(byKind.keySet().containsAll(List.of("base64-offset-0", "base64-offset-1", "base64-offset-2",
                "basic-pair-literal")), byKind.keySet().toString());
        assertTrue(SecretForms.labelled("~~~?>?").stream().map(SecretForms.Form::kind).toList().containsAll(List.of(
                "base64url-offset-0", "base64url-offset-1", "base64url-offset-2")));
        // printing a form names its kind and length, never its text
        assertEquals("Form[literal, length " + secret.length() + "]", SecretForms.labelled(secret).get(0).toString());
    }

    @Test
    void literalIsAlwaysAForm() {
        assertTrue(SecretForms.of("abc").contains("abc"));
        assertTrue(SecretForms.of("a secret/with+symbols").contains("a secret/with+symbols"));
    }

    @Test
    void secretsShorterThanTheMinimumHaveNoFormsSoOrdinaryOutputIsNotMangled() {
        assertEquals(Set.of(), SecretForms.of("ab"));
        assertEquals(Set.of(), SecretForms.of(""));
        assertEquals(Set.of(), SecretForms.of(null));
    }

    @Test
    void noFormIsShorterThanTheMinimum() {
        Random r = new Random(3L);
        for (int i = 0; i < 500; i++) {
            for (String f : SecretForms.ofBasic(random(r, 1, 5), random(r, 3, 6))) {
                assertTrue(f.length() >= SecretForms.MIN_MASKED_LENGTH, "form of length " + f.length());
            }
        }
    }
}
