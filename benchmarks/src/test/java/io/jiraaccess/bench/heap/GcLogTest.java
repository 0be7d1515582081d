package io.jiraaccess.bench.heap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcLogTest {
    /** Lines as JDK 17's G1 writes them with -Xlog:gc* (default decorators). */
    private static final List<String> G1 = List.of(
            "[0.004s][info][gc] Using G1",
            "[3.507s][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)",
            "[3.572s][info][gc,metaspace] GC(0) Metaspace: 8425K(8640K)->8425K(8640K) NonClass: 7431K(7552K)->7431K(7552K)",
            "[3.572s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 12M->4M(256M) 64.831ms",
            "[9.100s][info][gc          ] GC(1) Concurrent Mark Cycle 40.100ms",
            "[9.200s][info][gc          ] GC(2) Pause Remark 90M->88M(256M) 3.001ms",
            "[9.300s][info][gc          ] GC(3) Pause Young (Mixed) (G1 Evacuation Pause) 120M->40M(256M) 7.5ms",
            "[10.000s][info][gc          ] GC(4) Pause Young (Normal) (G1 Evacuation Pause) (Evacuation Failure) 250M->251M(256M) 30.2ms",
            "[11.000s][info][gc          ] GC(5) Pause Full (G1 Compaction Pause) 251M->1536K(256M) 99.0ms");

    @Test
    void readsEveryPauseAndItsHeapAfter() {
        GcLog log = GcLog.parse(G1);
        assertEquals("G1", log.collector());
        List<GcLog.Collection> c = log.collections();
        assertEquals(List.of(0L, 2L, 3L, 4L, 5L), c.stream().map(GcLog.Collection::id).toList(),
                "the concurrent cycle has no heap sizes: not a collection");
        assertEquals(4.0, c.get(0).afterMb());
        assertEquals(12.0, c.get(0).beforeMb());
        assertEquals(256.0, c.get(0).capacityMb());
        assertEquals(64.831, c.get(0).pauseMillis(), 1e-9);
        assertEquals(3.572, c.get(0).uptimeSeconds(), 1e-9);
        assertEquals(1.5, c.get(4).afterMb(), 1e-9, "K converted to MB");
        assertTrue(c.get(4).full() && c.get(4).reclaimsOld());
        assertTrue(c.get(2).reclaimsOld() && !c.get(2).full());
        assertFalse(c.get(0).reclaimsOld());
    }

    @Test
    void reportsEvacuationFailures() {
        assertEquals(1, GcLog.parse(G1).alarms().size());
    }

    @Test
    void selectsTheCollectionsOfAWindow() {
        assertEquals(List.of(2L, 3L), GcLog.parse(G1).between(9.0, 9.5).stream().map(GcLog.Collection::id).toList());
    }

    @Test
    void readsSerialCollectorLines() {
        GcLog log = GcLog.parse(List.of("[0.003s][info][gc] Using Serial",
                "[1.234s][info][gc             ] GC(0) Pause Young (Allocation Failure) 69M->10M(247M) 12.345ms"));
        assertEquals("Serial", log.collector());
        assertEquals(10.0, log.collections().get(0).afterMb());
    }
}
