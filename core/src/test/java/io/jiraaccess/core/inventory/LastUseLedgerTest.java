package io.jiraaccess.core.inventory;

import io.jiraaccess.core.binding.CredentialFields;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.upkeep.UpkeepPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LastUseLedgerTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void usesSurviveReopenAndUsesWithinResolutionAreNotRewritten(@TempDir Path dir) {
        Path file = dir.resolve("last-use.properties");
        LastUseLedger ledger = new LastUseLedger(file, Duration.ofMinutes(5));

        assertTrue(ledger.record("a", T0));
        assertFalse(ledger.record("a", T0.plusSeconds(60)));
        assertTrue(ledger.record("a", T0.plusSeconds(600)));
        assertTrue(ledger.record("b", T0));

        LastUseLedger reopened = new LastUseLedger(file, Duration.ofMinutes(5));
        assertEquals(Optional.of(T0.plusSeconds(600)), reopened.lastUse("a"));
        assertEquals(Optional.of(T0), reopened.lastUse("b"));
        assertEquals(Optional.empty(), reopened.lastUse("c"));
    }

    @Test
    void anOlderUseNeverMovesTheTimeBack(@TempDir Path dir) {
        LastUseLedger ledger = new LastUseLedger(dir.resolve("l.properties"), Duration.ZERO);
        ledger.record("a", T0);
        ledger.record("a", T0.minusSeconds(3600));

        assertEquals(Optional.of(T0), ledger.lastUse("a"));
    }

    @Test
    void tornEntryLosesOnlyItself(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("l.properties");
        Files.writeString(file, "a=2026-03-01T10:00:00Z\nb=2026-03-0\n");

        LastUseLedger ledger = new LastUseLedger(file, Duration.ZERO);
        assertEquals(Optional.of(T0), ledger.lastUse("a"));
        assertEquals(Optional.empty(), ledger.lastUse("b"));
    }

    @Test
    void inventoryRowShowsStoredTimesAndNoSecret() {
        var spec = CredentialFields.of(CredentialKind.PAT, "p").set("site", "https://jira.example.com").set("owner", "bot")
                .set("rotation.everyDays", 30).secret("token", "pat-secret-value").toSpec("t");
        CredentialState state = CredentialState.EMPTY.with(UpkeepPlanner.LAST_RENEWED, "2026-02-01T00:00:00Z")
                .with(UpkeepPlanner.EXPIRES_AT, "2026-04-01T00:00:00Z").with(InventoryRow.LAST_FAILURE, "Jira answered 503");

        InventoryRow row = InventoryRow.of(spec, state, T0);

        assertEquals(new InventoryRow("p", "pat", "https://jira.example.com", "bot", Instant.parse("2026-04-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), T0, true, false, "Jira answered 503"), row);
        assertThat(row.toString()).doesNotContain("pat-secret-value");
    }
}
