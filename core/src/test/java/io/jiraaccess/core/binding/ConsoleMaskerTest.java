package io.jiraaccess.core.binding;

import io.jiraaccess.core.secret.SecretForms;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConsoleMaskerTest {
    @Test
    void longerFormIsMaskedWholeBeforeTheTokenInsideIt() {
        ConsoleMasker m = ConsoleMasker.of(List.of("secret123", "Bearer secret123"));

        assertEquals("Authorization: ****", m.mask("Authorization: Bearer secret123"));
        assertEquals("a **** b ****", m.mask("a secret123 b secret123"));
        assertEquals(SecretForms.of("secret123").size() + SecretForms.of("Bearer secret123").size(), m.size());
    }

    @Test
    void regexMetacharactersInSecretsAreMatchedLiterally() {
        ConsoleMasker m = ConsoleMasker.of(List.of("a+b.c*d$1\\E"));

        assertEquals("x **** y", m.mask("x a+b.c*d$1\\E y"));
        assertEquals("aab.cd", m.mask("aab.cd"));
    }

    @Test
    void shortAndEmptyMasksAreIgnored() {
        ConsoleMasker m = ConsoleMasker.of(List.of("", "ab"));

        assertEquals(0, m.size());
        assertEquals("ab cd", m.mask("ab cd"));
    }

    @Test
    void overlappingExtraPatternsAreHiddenTogetherInEitherOrder() {
        Pattern first = Pattern.compile("abcdef");
        Pattern second = Pattern.compile("cdefgh");

        assertEquals("x****x", ConsoleMasker.of(List.of(), List.of(first, second)).mask("xabcdefghx"));
        assertEquals("x****x", ConsoleMasker.of(List.of(), List.of(second, first)).mask("xabcdefghx"));
        // an empty pattern is no pattern: it would otherwise match everywhere and hide nothing
        assertEquals("plain", ConsoleMasker.of(List.of(), List.of(Pattern.compile(""))).mask("plain"));
    }

    @Test
    void aLoneCarriageReturnEndsALineAndStaysAsItIs() {
        ConsoleMasker.Lines lines = ConsoleMasker.of(List.of("progress-secret-0123")).lines();

        assertEquals("50% ****\r", lines.mask("50% progress-secret-0123\r"));
        assertEquals("**** 100%\r\n", lines.mask("progress-secret-0123 100%\r\n"));
    }

    @Test
    void aPieceCutByACarriageReturnIsHiddenOnBothSides() {
        String secret = "0123456789abcdefghij0123456789";
        ConsoleMasker.Lines lines = ConsoleMasker.of(List.of(secret)).lines();

        // the end of the previous line is carried across a lone CR as across a newline
        assertEquals("****\r", lines.mask(secret.substring(0, 20) + "\r"));
        assertEquals("****\n", lines.mask(secret.substring(20) + "\n"));
    }

    @Test
    void encodedMasksRoundTripIncludingQuotesAndNewlines() {
        List<String> masks = List.of("plain-token", "with\"quote", "multi\nline", "uni\u00e9code");

        assertEquals(masks, ConsoleMasker.decode(ConsoleMasker.encode(masks)));
    }

    @Test
    void corruptEncodingFailsWithoutQuotingTheSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsoleMasker.decode("[\"top-secret-value\""));

        assertEquals("encoded masks are corrupt", e.getMessage());
        assertThat(e.getMessage()).doesNotContain("top-secret-value");
    }
}
