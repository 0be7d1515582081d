package io.jiraaccess.core.upkeep;

import io.jiraaccess.core.binding.CredentialFields;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.store.CredentialState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpkeepPlannerTest {
    static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");
    final UpkeepPlanner planner = new UpkeepPlanner(UpkeepPlanner.Settings.DEFAULT);

    static CredentialSpec pat(int everyDays) {
        CredentialFields f = CredentialFields.of(CredentialKind.PAT, "pat" + everyDays).set("site", "https://jira.example.com")
                .secret("token", "pat-value");
        if (everyDays > 0) {
            f.set("rotation.everyDays", everyDays).set("rotation.graceMinutes", 60);
        }
        return f.toSpec("t");
    }

    static CredentialSpec apiToken(String expiresAt) {
        return CredentialFields.of(CredentialKind.API_TOKEN, "api").set("site", "https://acme.atlassian.net")
                .set("email", "a@example.com").set("expiresAt", expiresAt).secret("token", "v").toSpec("t");
    }

    static CredentialSpec oauth() {
        return CredentialFields.of(CredentialKind.OAUTH_CLIENT_CREDENTIALS, "svc").set("site", "https://acme.atlassian.net")
                .set("clientId", "c").secret("clientSecret", "cs").toSpec("t");
    }

    static CredentialState state(String... kv) {
        CredentialState s = CredentialState.EMPTY;
        for (int i = 0; i < kv.length; i += 2) {
            s = s.with(kv[i], kv[i + 1]);
        }
        return s;
    }

    @Test
    void managedPatIsRotatedWhenAsOldAsItsPeriodAndNotADayEarlier() {
        CredentialSpec spec = pat(30);
        List<Upkeep> due = planner.plan(List.of(new UpkeepPlanner.Candidate(spec,
                state(UpkeepPlanner.LAST_RENEWED, "2026-03-01T12:00:00Z"))), NOW);
        List<Upkeep> early = planner.plan(List.of(new UpkeepPlanner.Candidate(spec,
                state(UpkeepPlanner.LAST_RENEWED, "2026-03-02T12:00:00Z"))), NOW);

        assertEquals(1, due.size());
        assertEquals(Upkeep.Action.ROTATE, due.get(0).action());
        assertEquals("the token is 30 days old; rotation is every 30 days", due.get(0).reason());
        assertEquals(0, early.size());
    }

    @Test
    void patAgeCountsFromFirstSightingWhenNeverRotatedAndUnmanagedPatsAreLeftAlone() {
        assertEquals(0, planner.plan(List.of(new UpkeepPlanner.Candidate(pat(30),
                state(UpkeepPlanner.FIRST_SEEN, "2026-03-20T00:00:00Z"))), NOW).size());
        assertEquals(1, planner.plan(List.of(new UpkeepPlanner.Candidate(pat(7),
                state(UpkeepPlanner.FIRST_SEEN, "2026-03-20T00:00:00Z"))), NOW).size());
        assertEquals(0, planner.plan(List.of(new UpkeepPlanner.Candidate(pat(0), CredentialState.EMPTY)), NOW).size());
    }

    @Test
    void patExpiringWithinGraceIsRotatedEvenIfYoung() {
        List<Upkeep> due = planner.plan(List.of(new UpkeepPlanner.Candidate(pat(30), state(
                UpkeepPlanner.LAST_RENEWED, "2026-03-30T12:00:00Z", UpkeepPlanner.EXPIRES_AT, "2026-03-31T12:30:00Z"))), NOW);

        assertEquals(1, due.size());
        assertEquals("the token expires at 2026-03-31T12:30:00Z, within the grace period", due.get(0).reason());
    }

    @Test
    void oauthIsRefreshedWeeklyAndAtOnceWhenNeverRefreshed() {
        assertEquals(Upkeep.Action.REFRESH, planner.plan(List.of(new UpkeepPlanner.Candidate(oauth(), null)), NOW).get(0).action());
        assertEquals(0, planner.plan(List.of(new UpkeepPlanner.Candidate(oauth(),
                state(UpkeepPlanner.LAST_RENEWED, NOW.minus(Duration.ofDays(6)).toString()))), NOW).size());
        assertEquals(1, planner.plan(List.of(new UpkeepPlanner.Candidate(oauth(),
                state(UpkeepPlanner.LAST_RENEWED, NOW.minus(Duration.ofDays(7)).toString()))), NOW).size());
    }

    @Test
    void apiTokenIsWarnedTwoWeeksAheadOncePerDayThenReportedExpired() {
        CredentialSpec soon = apiToken("2026-04-10");
        List<Upkeep> warn = planner.plan(List.of(new UpkeepPlanner.Candidate(soon, null)), NOW);
        assertEquals(Upkeep.Action.WARN_EXPIRING, warn.get(0).action());
        assertEquals("the API token expires at 2026-04-10T00:00:00Z (in 9 days) and cannot be rotated by API; replace it, "
                + "or migrate to a service account", warn.get(0).reason());

        assertEquals(0, planner.plan(List.of(new UpkeepPlanner.Candidate(soon,
                state(UpkeepPlanner.LAST_WARNED, NOW.minus(Duration.ofHours(3)).toString()))), NOW).size());
        assertEquals(0, planner.plan(List.of(new UpkeepPlanner.Candidate(apiToken("2026-06-01"), null)), NOW).size());
        assertEquals(Upkeep.Action.EXPIRED, planner.plan(List.of(new UpkeepPlanner.Candidate(apiToken("2026-03-01"), null)), NOW)
                .get(0).action());
    }

    @Test
    void failedRenewalBacksOffDoublingUpToTwelveHours() {
        assertEquals(NOW.plus(Duration.ofMinutes(15)), planner.nextAttempt(1, NOW));
        assertEquals(NOW.plus(Duration.ofMinutes(60)), planner.nextAttempt(3, NOW));
        assertEquals(NOW.plus(Duration.ofHours(12)), planner.nextAttempt(40, NOW));
        assertEquals(Instant.MIN, planner.nextAttempt(0, NOW));

        CredentialState failedTwice = state(UpkeepPlanner.FAILURES, "2", UpkeepPlanner.LAST_FAILED,
                NOW.minus(Duration.ofMinutes(20)).toString());
        assertEquals(0, planner.plan(List.of(new UpkeepPlanner.Candidate(oauth(), failedTwice)), NOW).size());
        assertEquals(1, planner.plan(List.of(new UpkeepPlanner.Candidate(oauth(), failedTwice)),
                NOW.plus(Duration.ofMinutes(10))).size());
    }

    @Test
    void upkeepEventsNameTheCredentialAndNeverItsSecret() {
        CredentialSpec spec = apiToken("2026-04-10");
        Upkeep warn = planner.plan(List.of(new UpkeepPlanner.Candidate(spec, null)), NOW).get(0);

        var expiring = UpkeepEvents.expiry(warn, "0011223344556677", Instant.parse("2026-04-10T00:00:00Z"), "jenkins", NOW);
        assertEquals("credential.expiring", expiring.action());
        assertEquals("jira_access.inventory", expiring.dataset());
        assertEquals("2026-04-10T00:00:00Z", expiring.getString("jira_access.credential.expires_at"));

        var failed = UpkeepEvents.failed(pat(30), "0011223344556677", Upkeep.Action.ROTATE, "Jira answered 503", 3, "jenkins", NOW);
        assertEquals("rotation.failed", failed.action());
        assertEquals("failure", failed.outcome());
        assertEquals("rotate of credential pat30 failed (3 in a row): Jira answered 503", failed.getString("message"));

        var revoked = UpkeepEvents.revoked(pat(30), "0011223344556677", "alice", false, "no rotation engine", "jenkins", NOW);
        assertEquals("credential.revoked", revoked.action());
        assertEquals("credential pat30 revoked by alice here only (no rotation engine)", revoked.getString("message"));
        for (var e : List.of(expiring, failed, revoked)) {
            org.assertj.core.api.Assertions.assertThat(e.toJson()).doesNotContain("pat-value").doesNotContain("\"v\"");
        }
    }

    @Test
    void unreadableStoredTimeCountsAsNeverDone() {
        assertEquals(1, planner.plan(List.of(new UpkeepPlanner.Candidate(oauth(),
                state(UpkeepPlanner.LAST_RENEWED, "yesterday"))), NOW).size());
    }
}
