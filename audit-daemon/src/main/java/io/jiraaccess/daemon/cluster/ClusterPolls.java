package io.jiraaccess.daemon.cluster;

import io.jiraaccess.core.http.RequestIdentity;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What this daemon holds of the cluster's shared jobs: a listener on the clustered scheduler, told on the worker
 * thread before and after each job it runs. It keeps which jobs run here now (and since when) and how often each
 * fired here, and while a job runs it names the daemon and the fire in the thread's {@code User-Agent}
 * ({@code jira-access-daemon/<version> (instance <instance>; fire <fire id>)}), so Jira's and Jenkins' access logs
 * show which daemon polled a source and which requests belong to one poll.
 */
public final class ClusterPolls implements JobListener {
    private static final String VERSION = Objects.requireNonNullElse(
            ClusterPolls.class.getPackage().getImplementationVersion(), "dev");

    /** A job of the cluster as this daemon sees it; {@code runningSince} is null when it does not run here now. */
    public record Job(String group, String name, Instant runningSince, String fireId, long firedHere,
                      Instant lastFiredHereAt) {
    }

    private record Running(String fireId, Instant since) {
    }

    private record Fired(long count, Instant lastAt) {
    }

    private final String instance;
    private final Clock clock;
    private final ConcurrentMap<JobKey, Running> running = new ConcurrentHashMap<>();
    private final ConcurrentMap<JobKey, Fired> fired = new ConcurrentHashMap<>();

    public ClusterPolls(String instance, Clock clock) {
        this.instance = instance;
        this.clock = clock;
    }

    /** The User-Agent of the requests a fire sends. */
    public String userAgent(String fireId) {
        return "jira-access-daemon/" + VERSION + " (instance " + instance + "; fire " + fireId + ")";
    }

    public String instance() {
        return instance;
    }

    @Override
    public String getName() {
        return "jira-access-cluster-polls";
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
        JobKey key = context.getJobDetail().getKey();
        Instant now = clock.instant();
        running.put(key, new Running(context.getFireInstanceId(), now));
        fired.merge(key, new Fired(1, now), (a, b) -> new Fired(a.count() + 1, now));
        RequestIdentity.set(userAgent(context.getFireInstanceId()));
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
        // not run: nothing was recorded for it
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException jobException) {
        running.remove(context.getJobDetail().getKey());
        RequestIdentity.clear();
    }

    /** Every job known here, running ones first, then by group and name. */
    public List<Job> jobs() {
        List<Job> out = new ArrayList<>();
        for (var e : fired.entrySet()) {
            Running r = running.get(e.getKey());
            out.add(new Job(e.getKey().getGroup(), e.getKey().getName(), r == null ? null : r.since(),
                    r == null ? null : r.fireId(), e.getValue().count(), e.getValue().lastAt()));
        }
        out.sort(Comparator.comparing((Job j) -> j.runningSince() == null).thenComparing(Job::group)
                .thenComparing(Job::name));
        return out;
    }
}
