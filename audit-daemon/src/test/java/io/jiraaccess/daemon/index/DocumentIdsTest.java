package io.jiraaccess.daemon.index;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DocumentIdsTest {
    /** The rule as the documentation states it. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}");

    @Test
    void safeIdsAreExactlyThoseOfTheDocumentedPattern() {
        Random random = new Random(20261129);
        String alphabet = "aZ09._:@+-/ \u00fc#%?*\\\"";
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(8) == 0 ? 195 + random.nextInt(10) : random.nextInt(12);
            StringBuilder b = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                b.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
            }
            String id = b.toString();
            assertEquals(SAFE.matcher(id).matches(), DocumentIds.safe(id), id);
            if (!id.isEmpty()) {
                assertEquals(SAFE.matcher(id).matches() ? id : DocumentIds.sha256Hex(id), DocumentIds.of(id), id);
            }
        }
    }
}
