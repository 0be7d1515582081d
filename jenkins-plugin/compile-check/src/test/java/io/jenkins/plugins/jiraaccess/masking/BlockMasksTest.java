package io.jenkins.plugins.jiraaccess.masking;

import io.jiraaccess.core.binding.JiraBinding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The masks of a block: core's forms of the binding's secrets plus credentials-binding's pattern of its values. */
class BlockMasksTest {
    @Test
    void aBindingsMasksAreCoresSecretsAndTheirPatternOfTheSecretValues() {
        JiraBinding b = Bindings.apiToken();
        List<Collection<String>> asked = new ArrayList<>();

        BlockMasks masks = BlockMasks.of(b, values -> {
            asked.add(List.copyOf(values));
            return "their-pattern";
        });

        // the header, the Base64 pair inside it and the API token inside that pair
        assertEquals(List.copyOf(b.masked()), masks.secrets());
        assertThat(masks.secrets()).contains(Bindings.API);
        assertEquals(List.of(List.copyOf(b.secretValues().values())), asked);
        assertEquals(List.of("their-pattern"), masks.patterns());
    }

    @Test
    void anEmptyPatternIsNone() {
        assertEquals(List.of(), BlockMasks.of(Bindings.pat(Bindings.PAT), values -> "").patterns());
    }

    @Test
    void sealedMasksComeBackAsTheyWereWhateverTheyHold() {
        BlockMasks masks = new BlockMasks(List.of("with\"quote", "multi\nline", "uni\u00e9code-\\"),
                List.of("\\Qa|b\\E", "'x'\\''y'"));

        assertEquals(masks, BlockMasks.unseal(masks.seal()));
    }

    @Test
    void corruptSealedMasksFailWithoutQuotingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockMasks.unseal("[\"[\\\"top-secret-value\\\"]\"]"));
        assertEquals("sealed masks are corrupt", e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> BlockMasks.unseal("[\"top-secret-value\""));
        assertThat(e2.getMessage()).doesNotContain("top-secret-value");
    }

    @Test
    void theMasksAreNeverPrinted() {
        BlockMasks masks = BlockMasks.of(Bindings.pat(Bindings.PAT), Bindings.THEIR_PATTERN);

        assertThat(masks.toString()).doesNotContain(Bindings.PAT).isEqualTo("BlockMasks[2 secrets, 1 patterns]");
    }
}
