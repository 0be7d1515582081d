package io.jiraaccess.core.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestIdentityTest {
    @AfterEach
    void clear() {
        RequestIdentity.clear();
    }

    @Test
    void aThreadSendsItsOwnUserAgentUntilClearedAndOtherThreadsTheDefault() throws Exception {
        assertEquals("jira-access/dev", RequestIdentity.userAgent("jira-access/dev"));
        RequestIdentity.set("jira-access-daemon/dev (instance a; fire a17)");
        assertEquals("jira-access-daemon/dev (instance a; fire a17)", RequestIdentity.userAgent("jira-access/dev"));
        assertEquals("jira-access/dev", CompletableFuture.supplyAsync(() -> RequestIdentity.userAgent("jira-access/dev")).get());
        RequestIdentity.clear();
        assertEquals("jira-access/dev", RequestIdentity.userAgent("jira-access/dev"));
    }

    @Test
    void aUserAgentThatCouldBreakTheHeaderIsRefused() {
        for (String bad : new String[] {"a\r\nX-Injected: 1", "a\nb", "caf\u00e9", "tab\there"}) {
            assertThrows(IllegalArgumentException.class, () -> RequestIdentity.set(bad), bad);
        }
        assertEquals("d", RequestIdentity.userAgent("d"), "nothing was set");
    }
}
