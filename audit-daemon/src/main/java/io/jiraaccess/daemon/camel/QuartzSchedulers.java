package io.jiraaccess.daemon.camel;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's two Quartz schedulers, as the Camel components the routes name:
 * <ul>
 *   <li>{@value #SHARED}: the sources and maintenance jobs that every daemon of a cluster shares (Jenkins journals,
 *       Jira audit logs and inventories, enforcement, retention). In memory for a daemon alone (the packaged
 *       {@code jira-access-quartz.properties}, or {@code scheduler.quartzProperties}); for a cluster, Quartz's
 *       clustered JDBC job store, where each fire runs on one daemon.</li>
 *   <li>{@value #LOCAL}: always in memory, for the sources of this host alone (its spool): their jobs never enter a
 *       shared job store, so a job of host A never fires on host B.</li>
 * </ul>
 */
public final class QuartzSchedulers {
    public static final String SHARED = "quartz";
    public static final String LOCAL = "quartz-local";
    static final String PACKAGED_PROPERTIES = "classpath:jira-access-quartz.properties";
    /** Quartz keeps one scheduler per name in a JVM: each daemon's local scheduler gets its own. */
    private static final AtomicInteger LOCAL_SCHEDULERS = new AtomicInteger();

    private final Path propertiesFile;
    private final Properties clustered;
    private final List<JobListener> sharedListeners;
    private final List<QuartzComponent> components = new ArrayList<>();

    private QuartzSchedulers(Path propertiesFile, Properties clustered, List<JobListener> sharedListeners) {
        this.propertiesFile = propertiesFile;
        this.clustered = clustered;
        this.sharedListeners = List.copyOf(sharedListeners);
    }

    /** A daemon alone: the shared scheduler from {@code quartzProperties}, or the packaged one when null. */
    public static QuartzSchedulers standalone(Path quartzProperties) {
        return new QuartzSchedulers(quartzProperties, null, List.of());
    }

    /** A member of a cluster: the shared scheduler from these properties, with a listener on its jobs. */
    public static QuartzSchedulers clustered(Properties properties, JobListener listener) {
        return new QuartzSchedulers(null, properties, List.of(listener));
    }

    QuartzComponent shared() {
        QuartzComponent q = new QuartzComponent();
        if (clustered != null) {
            q.setProperties(clustered);
            // the scheduler name is the SCHED_NAME every daemon of the cluster shares: exactly as configured
            q.setPrefixInstanceName(false);
            q.setEnableJmx(false);
        } else {
            q.setPropertiesFile(propertiesFile != null ? "file:" + propertiesFile.toAbsolutePath() : PACKAGED_PROPERTIES);
        }
        for (JobListener l : sharedListeners) {
            q.addScheduleInitTask(s -> s.getListenerManager().addJobListener(l));
        }
        components.add(q);
        return q;
    }

    QuartzComponent local() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "jira-access-local-" + LOCAL_SCHEDULERS.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        // as the packaged shared scheduler: a poll drains its source, so missed fires collapse into one
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        QuartzComponent q = new QuartzComponent();
        q.setProperties(p);
        q.setPrefixInstanceName(false);
        q.setEnableJmx(false);
        components.add(q);
        return q;
    }

    /** Stops firing new jobs (before Camel stops its routes, so no fire finds its route gone). */
    void standby() {
        for (QuartzComponent q : components) {
            Scheduler s = q.getScheduler();
            try {
                if (s != null && !s.isShutdown()) {
                    s.standby();
                }
            } catch (SchedulerException e) {
                // stopping anyway: Camel shuts the scheduler down next
            }
        }
    }
}
