package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.testing.EncodedLogs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream a log filter wraps around a build's log: lines are cut where Jenkins' LineTransformationOutputStream
 * (jenkins-2.479.3, core/src/main/java/hudson/console/LineTransformationOutputStream.java: a line ends after
 * {@code \n}, and at a {@code \r} that no {@code \n} follows) cuts them, however the writes are chunked.
 */
class MaskingOutputStreamTest {
    static final String SECRET = "tok-0123456789-abcdefghij-secret";

    private static byte[] written(ConsoleMasker masker, Charset charset, byte[] input, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = new MaskingOutputStream(sink, masker, charset)) {
            for (int i = 0; i < input.length; i += chunk) {
                if (chunk == 1) {
                    out.write(input[i]);
                } else {
                    out.write(input, i, Math.min(chunk, input.length - i));
                }
            }
        }
        return sink.toByteArray();
    }

    @Test
    void linesAreCutAtNewlinesAndLoneCarriageReturnsWhateverTheChunks() throws IOException {
        String input = "a " + SECRET + "\nprogress " + SECRET + "\r" + SECRET + " b\r\n\r\rlast " + SECRET;
        String expected = "a ****\nprogress ****\r**** b\r\n\r\rlast ****";
        ConsoleMasker masker = ConsoleMasker.of(List.of(SECRET));
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);

        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            assertEquals(expected, new String(written(masker, StandardCharsets.UTF_8, bytes, chunk),
                    StandardCharsets.UTF_8), "chunks of " + chunk);
        }
    }

    @Test
    void aLineWithNothingToHideIsWrittenAsTheBytesThatCame() throws IOException {
        // not valid UTF-8: a round trip through the charset would replace these bytes
        byte[] input = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n', 'x', '\r', '\n'};

        assertArrayEquals(input, written(ConsoleMasker.of(List.of(SECRET)), StandardCharsets.UTF_8, input, 3));
    }

    @Test
    void linesAreReadInTheBuildsCharset() throws IOException {
        String secret = "g\u00e9n\u00e9ration-secr\u00e8te-42";
        byte[] input = ("a " + secret + " b\n").getBytes(StandardCharsets.ISO_8859_1);

        byte[] out = written(ConsoleMasker.of(List.of(secret)), StandardCharsets.ISO_8859_1, input, 5);

        assertEquals("a **** b\n", new String(out, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aPartialLineIsHeldOnFlushAndWrittenMaskedOnClose() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        OutputStream watched = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void flush() {
                events.add("flush");
            }

            @Override
            public void close() {
                events.add("close");
            }
        };
        MaskingOutputStream out = new MaskingOutputStream(watched, ConsoleMasker.of(List.of(SECRET)), StandardCharsets.UTF_8);

        out.write(("done\n" + SECRET.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("done\n", sink.toString(StandardCharsets.UTF_8));
        out.write(SECRET.substring(10).getBytes(StandardCharsets.UTF_8));
        out.close();

        assertEquals("done\n****", sink.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("flush", "close"), events);
    }

    @Test
    void noEncodingOfAHeaderCanBeDecodedFromTheStreamsOutputWrittenInOddChunks() throws IOException {
        String pat = ConsoleMaskerRecoveryTest.PAT;
        JiraBinding b = JiraBinding.of(new PatSpec(JiraBindingTest.common("dc", "https://jira.example.com"),
                SecretValue.of(pat), null), new AuthHeader("Bearer", SecretValue.of(pat)));
        List<String> log = new ArrayList<>(EncodedLogs.encodings("Bearer " + pat));
        log.addAll(EncodedLogs.encodings(pat));
        byte[] input = String.join("", log).getBytes(StandardCharsets.UTF_8);
        assertThat(EncodedLogs.recoverAll(log)).contains(pat);

        String out = new String(written(ConsoleMasker.of(b.masked()), StandardCharsets.UTF_8, input, 7),
                StandardCharsets.UTF_8);

        List<String> lines = out.lines().map(l -> l + "\n").toList();
        assertEquals(log.size(), lines.size());
        assertThat(EncodedLogs.recoverAll(lines)).doesNotContain(pat);
        assertTrue(out.contains("end of log"), "ordinary text stays");
    }
}
