package io.jiraaccess.daemon.cluster;

import io.jiraaccess.core.http.RequestIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener on a real (in-memory) Quartz scheduler: what runs here, and the User-Agent of a fire's requests. */
class ClusterPollsTest {
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final AtomicReference<String> AGENT = new AtomicReference<>();
    static final AtomicReference<String> FIRE = new AtomicReference<>();
    private Scheduler scheduler;

    @DisallowConcurrentExecution
    public static final class Poll implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            AGENT.set(RequestIdentity.userAgent("default"));
            FIRE.set(context.getFireInstanceId());
            STARTED.countDown();
            try {
                RELEASE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        RELEASE.countDown();
        if (scheduler != null) {
            scheduler.shutdown(true);
        }
    }

    @Test
    void aRunningFireIsHeldHereAndItsRequestsNameTheInstanceAndTheFire() throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "cluster-polls-test");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        ClusterPolls polls = new ClusterPolls("audit-b", Clock.systemUTC());
        scheduler.getListenerManager().addJobListener(polls);
        scheduler.scheduleJob(JobBuilder.newJob(Poll.class).withIdentity("jenkins-ci-1", "jira-access-sources").build(),
                TriggerBuilder.newTrigger().startNow().build());
        scheduler.start();

        assertTrue(STARTED.await(30, TimeUnit.SECONDS));
        List<ClusterPolls.Job> running = polls.jobs();
        assertEquals(1, running.size());
        assertEquals("jira-access-sources", running.get(0).group());
        assertEquals("jenkins-ci-1", running.get(0).name());
        assertThat(running.get(0).runningSince()).isNotNull();
        assertEquals(FIRE.get(), running.get(0).fireId());
        assertEquals(1, running.get(0).firedHere());
        assertThat(AGENT.get()).matches("jira-access-daemon/\\S+ \\(instance audit-b; fire " + FIRE.get() + "\\)");

        RELEASE.countDown();
        scheduler.shutdown(true);
        ClusterPolls.Job done = polls.jobs().get(0);
        assertNull(done.runningSince(), "not held once it finished");
        assertEquals(1, done.firedHere());
        assertThat(done.lastFiredHereAt()).isNotNull();
    }
}
