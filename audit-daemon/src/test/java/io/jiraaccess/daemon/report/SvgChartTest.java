package io.jiraaccess.daemon.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SvgChartTest {
    @Test
    void theValueAxisEndsOnARoundNumberThatFourGridlinesDivide() {
        assertEquals(4, SvgChart.niceCeiling(0));
        assertEquals(4, SvgChart.niceCeiling(3));
        assertEquals(8, SvgChart.niceCeiling(5));
        assertEquals(20, SvgChart.niceCeiling(11));
        assertEquals(40, SvgChart.niceCeiling(37));
        assertEquals(200, SvgChart.niceCeiling(147));
        assertEquals(1000, SvgChart.niceCeiling(801));
    }

    @Test
    void timeLabelsPutTheTimeOrDayFirstAndTheDateOrYearBelow() {
        assertArrayEquals(new String[] {"14:00", "2026-11-29"}, SvgChart.split("2026-11-29 14:00"));
        assertArrayEquals(new String[] {"11-29", "2026"}, SvgChart.split("2026-11-29"));
        assertArrayEquals(new String[] {"week 48", ""}, SvgChart.split("week 48"));
    }
}
