package io.jenkins.plugins.jiraaccess.masking;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-build registry the jiraAuth binding fills when it binds and its unbinder empties when the block ends. */
class BoundMasksTest {
    private final BoundMasks bound = new BoundMasks();

    private static BlockMasks masks(String secret, String pattern) {
        return new BlockMasks(List.of(secret), pattern == null ? List.of() : List.of(pattern));
    }

    @Test
    void aBuildSeesItsBindingsInForceTogetherAndNoOtherBuilds() {
        bound.put("team/app#7", "k1", masks("secret-one", "p1"), "UTF-8");
        bound.put("team/app#7", "k2", masks("secret-two", "p2"), "UTF-8");
        bound.put("other#1", "k3", masks("secret-three", null), "ISO-8859-1");

        BoundMasks.Bound seven = bound.of("team/app#7").orElseThrow();
        assertEquals(List.of("secret-one", "secret-two"), seven.masks().secrets());
        assertEquals(List.of("p1", "p2"), seven.masks().patterns());
        assertEquals("UTF-8", seven.charset());
        assertEquals(List.of("secret-three"), bound.of("other#1").orElseThrow().masks().secrets());
        assertEquals("ISO-8859-1", bound.of("other#1").orElseThrow().charset());
        assertEquals(Optional.empty(), bound.of("team/app#8"));
        assertEquals(Optional.empty(), bound.of(null));
    }

    @Test
    void anUnbinderRemovesOnlyItsOwnBindingAndTheLastOneLeavesNothing() {
        bound.put("p#1", "outer", masks("outer-secret", null), "UTF-8");
        bound.put("p#1", "inner", masks("inner-secret", null), "UTF-8");

        bound.remove("p#1", "inner");
        assertEquals(List.of("outer-secret"), bound.of("p#1").orElseThrow().masks().secrets());
        bound.remove("p#1", "unknown");
        assertEquals(List.of("outer-secret"), bound.of("p#1").orElseThrow().masks().secrets());
        bound.remove("p#1", "outer");

        assertEquals(Optional.empty(), bound.of("p#1"));
        assertTrue(bound.isEmpty());
    }

    @Test
    void puttingAKeyAgainAfterARestartReplacesItInsteadOfAddingIt() {
        bound.put("p#1", "k", masks("secret-value", "p"), "UTF-8");
        bound.put("p#1", "k", masks("secret-value", "p"), "UTF-8");

        assertEquals(List.of("secret-value"), bound.of("p#1").orElseThrow().masks().secrets());
        bound.remove("p#1", "k");
        assertTrue(bound.isEmpty());
    }

    @Test
    void aFinishedBuildIsForgottenWithEveryBindingItStillHad() {
        bound.put("p#1", "a", masks("secret-a", null), "UTF-8");
        bound.put("p#1", "b", masks("secret-b", null), "UTF-8");
        bound.put("p#2", "c", masks("secret-c", null), "UTF-8");

        bound.clear("p#1");

        assertEquals(Optional.empty(), bound.of("p#1"));
        assertFalse(bound.isEmpty());
        assertEquals(List.of("secret-c"), bound.of("p#2").orElseThrow().masks().secrets());
    }

    @Test
    void aSecretInTwoBindingsIsMaskedOnce() {
        bound.put("p#1", "a", masks("shared-secret", "p"), "UTF-8");
        bound.put("p#1", "b", masks("shared-secret", "p"), "UTF-8");

        BlockMasks all = bound.of("p#1").orElseThrow().masks();
        assertEquals(List.of("shared-secret"), all.secrets());
        assertEquals(List.of("p"), all.patterns());
    }
}
