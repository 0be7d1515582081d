package io.jiraaccess.daemon.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportPeriodTest {
    @Test
    void plainDatesCoverWholeUtcDaysWithTheToDateIncluded() {
        ReportPeriod p = ReportPeriod.parse("2026-11-01", "2026-11-30");
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), p.from());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), p.to());
        assertEquals("2026-11-01 00:00 UTC \u2013 2026-12-01 00:00 UTC", p.describe());
    }

    @Test
    void oneDateForBothBoundsIsThatDay() {
        ReportPeriod p = ReportPeriod.parse("2026-11-29", "2026-11-29");
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), p.from());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), p.to());
    }

    @Test
    void dateTimesAreTakenAsWrittenAndWithoutAnOffsetAsUtc() {
        ReportPeriod p = ReportPeriod.parse("2026-11-01T08:00:00+01:00", "2026-11-01T12:30");
        assertEquals(Instant.parse("2026-11-01T07:00:00Z"), p.from());
        assertEquals(Instant.parse("2026-11-01T12:30:00Z"), p.to());
        assertEquals(Instant.parse("2026-11-02T10:15:30Z"), ReportPeriod.parse("2026-11-01", "2026-11-02T10:15:30Z").to());
    }

    @Test
    void aBadDateNamesTheOptionAndTheAcceptedForms() {
        assertThatThrownBy(() -> ReportPeriod.parse("2026-13-01", "2026-12-01"))
                .hasMessage("--from '2026-13-01' is not a date: write 2026-11-01, 2026-11-01T08:00:00Z or 2026-11-01T08:00:00+01:00");
        assertThatThrownBy(() -> ReportPeriod.parse("2026-11-01", "yesterday"))
                .hasMessageStartingWith("--to 'yesterday' is not a date");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> ReportPeriod.parse("2026-11-30", "2026-11-01"))
                .hasMessage("the period is empty: --from 2026-11-30T00:00:00Z is not before --to 2026-11-02T00:00:00Z "
                        + "(a --to date includes that whole day)");
        assertThatThrownBy(() -> ReportPeriod.parse("2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z"))
                .hasMessageStartingWith("the period is empty");
    }
}
