package io.jiraaccess.daemon.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cluster tests' overlap check catches two daemons polling one source at once, also when their requests interleave. */
class PollLogTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static String agent(String instance, String fire) {
        return "jira-access-daemon/dev (instance " + instance + "; fire " + fire + ")";
    }

    private static PollLog.Call call(String source, long fromMs, long toMs, String agent) {
        return new PollLog.Call(source, T.plusMillis(fromMs), T.plusMillis(toMs), agent);
    }

    @Test
    void pollsOneAfterTheOtherDoNotOverlapWhicheverDaemonRanThem() {
        PollLog log = new PollLog()
                .add(call("jenkins-1", 0, 10, agent("a", "a1")))
                .add(call("jenkins-1", 20, 30, agent("a", "a1")))
                .add(call("jenkins-1", 1000, 1010, agent("b", "b7")))
                .add(call("jenkins-2", 5, 1005, agent("c", "c3")));
        assertEquals(List.of(), log.overlaps());
        assertEquals(3, log.polls().size());
        assertEquals(new PollLog.Poll("jenkins-1", "a", "a1", T, T.plusMillis(30), 2), log.polls().get(0));
    }

    @Test
    void interleavedRequestsOfTwoFiresAreTwoPollsAtOnce() {
        PollLog log = new PollLog()
                .add(call("audit", 0, 10, agent("a", "a1")))
                .add(call("audit", 12, 20, agent("b", "b1")))
                .add(call("audit", 25, 30, agent("a", "a1")));
        assertThat(log.overlaps()).hasSize(1).allMatch(s -> s.contains("fire=a1") && s.contains("fire=b1"));
    }

    @Test
    void requestsThatNameNoFireAreReportedAndTheFirstPollAfterAMomentIsMeasured() {
        PollLog log = new PollLog()
                .add(call("audit", 0, 10, "Java-http-client/17"))
                .add(call("audit", 3000, 3010, agent("c", "c9")));
        assertEquals(1, log.unnamed().size());
        assertEquals(Optional.of(Duration.ofMillis(2000)), log.firstPollAfter("audit", T.plusMillis(1000)));
        assertEquals(Optional.empty(), log.firstPollAfter("audit", T.plusMillis(4000)));
    }
}
