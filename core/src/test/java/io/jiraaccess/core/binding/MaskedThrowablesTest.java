package io.jiraaccess.core.binding;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MaskedThrowablesTest {
    static final String TOKEN = "NjQ2MzQ1OTk4NzY1Oi+Fq4T/ZXxy8mOwPq1zQ2Vx";
    final ConsoleMasker masker = ConsoleMasker.of(List.of(TOKEN));

    private static String printed(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void aFailureWithoutSecretsIsKeptAsItIs() {
        IOException plain = new IOException("connection refused");
        assertSame(plain, MaskedThrowables.mask(plain, masker));
    }

    @Test
    void aSecretInTheMessageOrInACauseOrSuppressedFailureIsMaskedAndTheStackKept() {
        IllegalStateException cause = new IllegalStateException("header was Bearer " + TOKEN);
        RuntimeException top = new RuntimeException("request failed", cause);
        top.addSuppressed(new IOException("b64 " + Base64.getEncoder().encodeToString(TOKEN.getBytes())));

        Throwable masked = MaskedThrowables.mask(top, masker);

        assertThat(printed(masked)).doesNotContain(TOKEN)
                .doesNotContain(Base64.getEncoder().encodeToString(TOKEN.getBytes()))
                .contains("java.lang.RuntimeException: request failed")
                .contains("java.lang.IllegalStateException: header was Bearer ****");
        assertEquals(List.of(top.getStackTrace()), List.of(masked.getStackTrace()));
        assertThat(masked).isInstanceOf(MaskedThrowables.MaskedException.class);
    }
}
