package io.jiraaccess.bench.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** CPU time per group of threads (names with their numbers removed), for seeing where a run spends its CPU. */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();

    ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) {
            start.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
    }

    /** CPU seconds per thread group since construction, largest first in the string. */
    String since() {
        Map<String, Double> groups = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            double s = (cpu - start.getOrDefault(id, 0L)) / 1e9;
            groups.merge(info.getThreadName().replaceAll("\\d+", "N"), s, Double::sum);
        }
        StringBuilder b = new StringBuilder();
        groups.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append(String.format("%n      %6.2f s  %s", e.getValue(), e.getKey())));
        return b.toString();
    }
}
