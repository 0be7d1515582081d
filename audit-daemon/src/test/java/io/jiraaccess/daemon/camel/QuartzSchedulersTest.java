package io.jiraaccess.daemon.camel;

import io.jiraaccess.daemon.testing.CamelHarness;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.impl.engine.DefaultRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.RAMJobStore;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A host's own source (the spool) is scheduled on the local in-memory scheduler and never enters the shared one, whose
 * job store a cluster shares; every other source and the maintenance jobs are on the shared scheduler.
 */
class QuartzSchedulersTest {
    private final CamelHarness harness = new CamelHarness(List.of());

    public static final class Poller {
        public void poll() {
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theSpoolIsOnTheLocalSchedulerAndSharedSourcesOnTheSharedOne() throws Exception {
        harness.beans.put("source-spool", new Poller());
        harness.beans.put("source-jenkins-ci-main", new Poller());
        CamelContext ctx = harness.start(List.of(new DaemonCamel.SourceRoute("spool", "0 0 0 1 1 ? 2099", true),
                new DaemonCamel.SourceRoute("jenkins-ci-main", "0 0 0 1 1 ? 2099"))).context();

        QuartzComponent local = ctx.getComponent(QuartzSchedulers.LOCAL, QuartzComponent.class);
        QuartzComponent shared = ctx.getComponent(QuartzSchedulers.SHARED, QuartzComponent.class);
        assertNotSame(local.getScheduler(), shared.getScheduler());
        assertSame(local, endpoint(ctx, "source-spool").getComponent());
        assertSame(shared, endpoint(ctx, "source-jenkins-ci-main").getComponent());
        assertSame(shared, endpoint(ctx, "retention").getComponent());
        assertSame(shared, endpoint(ctx, "enforcement").getComponent());

        assertEquals(RAMJobStore.class, local.getScheduler().getMetaData().getJobStoreClass());
        assertEquals(Set.of("jira-access-local.spool"), jobs(local.getScheduler()));
        assertEquals(Set.of("jira-access-maintenance.enforcement", "jira-access-maintenance.retention",
                "jira-access-sources.jenkins-ci-main"), jobs(shared.getScheduler()));
    }

    private static QuartzEndpoint endpoint(CamelContext ctx, String routeId) {
        return (QuartzEndpoint) ((DefaultRoute) ctx.getRoute(routeId)).getEndpoint();
    }

    private static Set<String> jobs(Scheduler s) throws Exception {
        Set<String> out = new TreeSet<>();
        for (JobKey k : s.getJobKeys(GroupMatcher.anyJobGroup())) {
            out.add(k.getGroup() + "." + k.getName());
        }
        return out;
    }
}
