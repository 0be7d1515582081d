package io.jenkins.plugins.jiraaccess.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The runtime belongs to the running Jenkins: a Jenkins started again in the same JVM (the next JenkinsRule test, a
 * restart) must not get the previous one's runtime, whose journal its {@code @Terminator} closed and whose
 * {@code JENKINS_HOME} may be gone. Before, {@code JiraAccessRuntime.instance} was a static made once per JVM.
 */
class PerOwnerTest {
    static final class Runtime {
        final String home;
        boolean closed;

        Runtime(String home) {
            this.home = home;
        }
    }

    private final List<String> made = new ArrayList<>();
    private final PerOwner<String, Runtime> holder = new PerOwner<>(home -> {
        made.add(home);
        return new Runtime(home);
    }, r -> r.closed = true);

    @Test
    void oneValuePerOwnerMadeOnce() {
        Runtime a = holder.get("jenkins-1");
        assertSame(a, holder.get("jenkins-1"));
        assertEquals(List.of("jenkins-1"), made);
    }

    @Test
    void aNewOwnerGetsANewValueAndTheStaleOneIsClosed() {
        Runtime first = holder.get("jenkins-1");
        Runtime second = holder.get("jenkins-2");

        assertNotSame(first, second);
        assertEquals("jenkins-2", second.home);
        assertEquals(true, first.closed);
        assertEquals(false, second.closed);
    }

    @Test
    void afterCloseTheSameOwnerGetsAFreshValue() {
        Runtime first = holder.get("jenkins-1");
        holder.close();
        Runtime again = holder.get("jenkins-1");

        assertEquals(true, first.closed);
        assertNotSame(first, again);
        assertEquals(false, again.closed);
        assertEquals(List.of("jenkins-1", "jenkins-1"), made);
        holder.close();
        holder.close();
        assertEquals(true, again.closed);
    }
}
