package io.jiraaccess.core.binding;

import io.jiraaccess.core.PolicyViolationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockLifetimeTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void requiredDurationDefaultsToThirtyMinutesAndIsCappedBelowAnHour() {
        assertEquals(Duration.ofMinutes(30), BlockLifetime.required(0));
        assertEquals(Duration.ofMinutes(10), BlockLifetime.required(10));
        assertEquals(Duration.ofMinutes(55), BlockLifetime.required(240));
    }

    @Test
    void tokenExpiringExactlyAtBlockEndOutlivesItAndOneMinuteEarlierDoesNot() {
        Duration block = Duration.ofMinutes(30);

        assertTrue(BlockLifetime.outlives(NOW.plus(block), NOW, block));
        assertFalse(BlockLifetime.outlives(NOW.plus(block).minusSeconds(60), NOW, block));
        assertTrue(BlockLifetime.outlives(null, NOW, block));
    }

    @Test
    void refusalNamesCredentialRemainingMinutesAndTheWayOut() {
        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> BlockLifetime.require("svc", NOW.plus(Duration.ofMinutes(12)), NOW, Duration.ofMinutes(30)));

        assertEquals("token.lifetime", e.rule());
        assertEquals("credential svc: the token it can hand out expires in 12 min, but the block may run 30 min "
                + "(minTokenValidity); shorten the block and lower minTokenValidity, or call Jira with jiraRequest, "
                + "which refreshes per request", e.getMessage());
        assertDoesNotThrow(() -> BlockLifetime.require("svc", NOW.plus(Duration.ofMinutes(45)), NOW, Duration.ofMinutes(30)));
    }
}
