package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The masking test is recovery: a build log holding the bound secrets in every encoding a pipeline commonly prints
 * is masked line by line, as the console filter sees it, and then decoded every way an attacker would (Base64 and
 * Base64url at every character offset, line by line and with the line breaks of a wrapped block removed, hex,
 * percent-decoding with and without '+', JSON unescaping); the secret must not come back. The same decoders find
 * the secret in the unmasked log, so the test can fail.
 *
 * <p>The encodings are those of the tools' documented behaviour: GNU coreutils {@code base64} wraps at 76 columns
 * ({@code -w}, default 76), {@code xxd -p} prints 30 bytes (60 hex digits) per line, Python's
 * {@code urllib.parse.quote} keeps {@code _.-~/} and {@code quote_plus} keeps {@code _.-~} and turns a space into
 * {@code +}, JavaScript's {@code encodeURIComponent} keeps {@code -_.!~*'()}, JSON escapes {@code "} and {@code \}.
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
            List<String> log = wrap(encoded, width);
            List<String> masked = mask(b, log);
            String joined = String.join("", masked).replace("\n", "");
            assertThat(decodeAll(List.of(joined), masked)).as("wrapped at %d", width).doesNotContain(PAT);
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

    // ---- the log a pipeline prints, and the decoders ----

    private static void assertNotRecoverable(JiraBinding b, List<String> printed) {
        List<String> log = new ArrayList<>();
        for (String secret : printed) {
            log.addAll(encodings(secret));
        }
        for (String secret : b.masked()) {
            assertThat(decodeAll(wrappedBlocks(log), log)).as("the decoders find the secret before masking")
                    .contains(secret);
        }
        List<String> masked = mask(b, log);
        assertEquals(log.size(), masked.size());
        String recovered = decodeAll(wrappedBlocks(masked), masked);
        for (String secret : b.masked()) {
            assertThat(recovered).as("a decoder recovered a secret from the masked log").doesNotContain(secret);
        }
        assertThat(recovered).doesNotContain(API).doesNotContain(PAT);
        assertTrue(masked.stream().anyMatch(l -> l.contains("end of log")), "ordinary text stays");
    }

    /** Every encoding of {@code secret}, as lines of a console log. */
    static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> log = new ArrayList<>();
        log.add("literal: " + secret + " end of log\n");
        for (String prefix : List.of("", "x", "xy")) {
            byte[] framed = (prefix + secret + "!").getBytes(StandardCharsets.UTF_8);
            log.add("b64 " + prefix.length() + ": " + Base64.getEncoder().encodeToString(framed) + " end of log\n");
            log.add("b64url " + prefix.length() + ": " + Base64.getUrlEncoder().withoutPadding().encodeToString(framed)
                    + "\n");
            // echo -n "$PREFIX$SECRET" | base64   (GNU: wrapped at 76 columns)
            log.add("$ echo -n \"$X\" | base64\n");
            log.addAll(wrap(Base64.getEncoder().encodeToString((prefix + secret).getBytes(StandardCharsets.UTF_8)), 76));
            log.addAll(wrap(Base64.getUrlEncoder().encodeToString((prefix + secret).getBytes(StandardCharsets.UTF_8)), 76));
        }
        log.add("hex: " + HexFormat.of().formatHex(bytes) + "\n");
        log.add("HEX: " + HexFormat.of().withUpperCase().formatHex(bytes) + "\n");
        // xxd -p: 60 hex digits per line
        log.add("$ echo -n \"$X\" | xxd -p\n");
        log.addAll(wrap(HexFormat.of().formatHex(bytes), 60));
        log.addAll(wrap(HexFormat.of().formatHex(("x" + secret).getBytes(StandardCharsets.UTF_8)), 60));
        log.add("quote: https://x/?q=" + percent(secret, "_.-~/", "%20") + "&n=1\n");
        log.add("quote_plus: q=" + percent(secret, "_.-~", "+") + "\n");
        log.add("encodeURIComponent: q=" + percent(secret, "-_.!~*'()", "%20") + "\n");
        log.add("json: {\"h\":\"" + secret.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n");
        return log;
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < text.length(); i += width) {
            lines.add(text.substring(i, Math.min(text.length(), i + width)) + "\n");
        }
        return lines;
    }

    static String percent(String s, String safe, String space) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || safe.indexOf(c) >= 0) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append(space);
            } else {
                b.append(String.format("%%%02X", c));
            }
        }
        return b.toString();
    }

    private static List<String> mask(JiraBinding b, List<String> log) {
        ConsoleMasker.Lines lines = ConsoleMasker.of(b.masked()).lines();
        return log.stream().map(lines::mask).toList();
    }

    /** Consecutive lines joined without their line breaks: how {@code base64 -d} and {@code xxd -r -p} read a wrap. */
    private static List<String> wrappedBlocks(List<String> log) {
        List<String> blocks = new ArrayList<>();
        for (int from = 0; from < log.size(); from++) {
            StringBuilder b = new StringBuilder();
            for (int to = from; to < Math.min(log.size(), from + 4); to++) {
                b.append(log.get(to).replace("\r", "").replace("\n", ""));
                blocks.add(b.toString());
            }
        }
        return blocks;
    }

    private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]{4,}");
    private static final Pattern B64URL = Pattern.compile("[A-Za-z0-9_-]{4,}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{4,}");

    /** Everything the decoders make of the texts, one result a line. */
    static String decodeAll(List<String> blocks, List<String> lines) {
        StringBuilder out = new StringBuilder();
        List<String> texts = new ArrayList<>(lines);
        texts.addAll(blocks);
        for (String t : texts) {
            out.append(t).append('\n');
            out.append(percentDecode(t, true)).append('\n');
            out.append(percentDecode(t, false)).append('\n');
            out.append(t.replace("\\\"", "\"").replace("\\\\", "\\")).append('\n');
            for (Matcher m = B64.matcher(t); m.find(); ) {
                base64AtEveryOffset(m.group(), Base64.getDecoder(), out);
            }
            for (Matcher m = B64URL.matcher(t); m.find(); ) {
                base64AtEveryOffset(m.group(), Base64.getUrlDecoder(), out);
            }
            for (Matcher m = HEX.matcher(t); m.find(); ) {
                for (int offset = 0; offset < 2; offset++) {
                    String run = m.group().substring(offset);
                    out.append(new String(HexFormat.of().parseHex(run.substring(0, run.length() / 2 * 2)),
                            StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void base64AtEveryOffset(String run, Base64.Decoder decoder, StringBuilder out) {
        for (int offset = 0; offset < 4 && offset < run.length(); offset++) {
            String aligned = run.substring(offset);
            aligned = aligned.substring(0, aligned.length() / 4 * 4);
            out.append(new String(decoder.decode(aligned), StandardCharsets.UTF_8)).append('\n');
        }
    }

    private static String percentDecode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && HexFormat.isHexDigit(s.charAt(i + 1)) && HexFormat.isHexDigit(s.charAt(i + 2))) {
                b.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                b.write(' ');
            } else {
                b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
