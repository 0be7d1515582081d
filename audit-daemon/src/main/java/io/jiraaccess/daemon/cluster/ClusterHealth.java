package io.jiraaccess.daemon.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;

/**
 * The cluster in {@code /health} and {@code /metrics}: this instance, the shared jobs it runs now and has run, the
 * daemons that check in, and whether the job store's database answers (while it does not, shared sources are not
 * scheduled anywhere: the daemon is degraded, its spool goes on). Check-ins are judged by the system clock, the one
 * Quartz writes them with.
 */
public final class ClusterHealth {
    private final ClusterPolls polls;
    private final ClusterView view;

    public ClusterHealth(ClusterPolls polls, ClusterView view) {
        this.polls = polls;
        this.view = view;
    }

    public static ClusterHealth of(Cluster cluster) {
        return new ClusterHealth(cluster.polls(), cluster.view());
    }

    public boolean healthy() {
        return view.snapshot().databaseUp();
    }

    /** The {@code cluster} object of {@code /health}. */
    public ObjectNode json(ObjectMapper json) {
        ClusterView.Snapshot s = view.snapshot();
        Instant now = Instant.now();
        ObjectNode root = json.createObjectNode();
        root.put("instance", polls.instance());
        root.put("checkinIntervalSeconds", ClusterQuartz.CHECKIN_INTERVAL.toSeconds());
        ObjectNode db = root.putObject("database");
        db.put("available", s.databaseUp());
        db.put("checkedAt", s.checkedAt().toString());
        db.put("error", s.error());
        db.put("downSince", s.downSince() == null ? null : s.downSince().toString());
        ArrayNode jobs = root.putArray("jobs");
        for (ClusterPolls.Job j : polls.jobs()) {
            ObjectNode n = jobs.addObject();
            n.put("group", j.group());
            n.put("name", j.name());
            n.put("runningHere", j.runningSince() != null);
            n.put("runningSince", j.runningSince() == null ? null : j.runningSince().toString());
            n.put("fire", j.fireId());
            n.put("firedHere", j.firedHere());
            n.put("lastFiredHereAt", j.lastFiredHereAt() == null ? null : j.lastFiredHereAt().toString());
        }
        ArrayNode instances = root.putArray("instances");
        for (ClusterView.Instance i : s.instances()) {
            ObjectNode n = instances.addObject();
            n.put("instance", i.name());
            n.put("self", i.name().equals(polls.instance()));
            n.put("lastCheckinAt", i.lastCheckinAt().toString());
            n.put("alive", i.alive(now));
        }
        return root;
    }

    /** The {@code jira_access_cluster_*} metrics. */
    public String metrics() {
        ClusterView.Snapshot s = view.snapshot();
        Instant now = Instant.now();
        StringBuilder b = new StringBuilder(1024);
        header(b, "jira_access_cluster_instance_info", "gauge", "This daemon's cluster instance.");
        b.append("jira_access_cluster_instance_info{instance=\"").append(escape(polls.instance())).append("\"} 1\n");
        header(b, "jira_access_cluster_database_up", "gauge", "1 while the job store's database answers.");
        b.append("jira_access_cluster_database_up ").append(s.databaseUp() ? 1 : 0).append('\n');
        header(b, "jira_access_cluster_instances_alive", "gauge", "Daemons whose last check-in is recent.");
        b.append("jira_access_cluster_instances_alive ").append(s.instances().stream().filter(i -> i.alive(now)).count())
                .append('\n');
        header(b, "jira_access_cluster_checkin_age_seconds", "gauge", "Seconds since each daemon last checked in.");
        for (ClusterView.Instance i : s.instances()) {
            b.append("jira_access_cluster_checkin_age_seconds{instance=\"").append(escape(i.name())).append("\"} ")
                    .append(Math.max(0, Duration.between(i.lastCheckinAt(), now).toSeconds())).append('\n');
        }
        header(b, "jira_access_cluster_job_running", "gauge", "1 while a shared job runs on this daemon.");
        for (ClusterPolls.Job j : polls.jobs()) {
            b.append("jira_access_cluster_job_running{job=\"").append(escape(j.name())).append("\"} ")
                    .append(j.runningSince() != null ? 1 : 0).append('\n');
        }
        header(b, "jira_access_cluster_job_fires_total", "counter", "Fires of each shared job on this daemon.");
        for (ClusterPolls.Job j : polls.jobs()) {
            b.append("jira_access_cluster_job_fires_total{job=\"").append(escape(j.name())).append("\"} ")
                    .append(j.firedHere()).append('\n');
        }
        return b.toString();
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
