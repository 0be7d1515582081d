package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.event.AuditEvent;

import java.util.HashMap;
import java.util.Map;

/** Counts of what the workload wrote, by action and dataset. */
final class WorkloadCounts {
    private final Map<String, Long> actions = new HashMap<>();
    private final Map<String, Long> datasets = new HashMap<>();
    private int builds;

    synchronized void count(AuditEvent event) {
        actions.merge(String.valueOf(event.action()), 1L, Long::sum);
        datasets.merge(String.valueOf(event.dataset()), 1L, Long::sum);
    }

    synchronized void build() {
        builds++;
    }

    synchronized DemoWorkload.Summary snapshot() {
        return new DemoWorkload.Summary(builds, actions, datasets);
    }
}
