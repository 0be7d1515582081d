package io.jenkins.plugins.jiraaccess;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jenkins.plugins.jiraaccess.credentials.JiraOAuthRefreshTokenCredentials;
import io.jenkins.plugins.jiraaccess.runtime.JenkinsCredentialStore;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jenkins.plugins.jiraaccess.runtime.JiraCredentialsLocator;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * A restart keeps rotated secrets and the journal, and the restarted Jenkins gets its own runtime (its journal open,
 * not the one the previous Jenkins closed on shutdown).
 */
class RestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void rotatedSecretsAndTheJournalSurviveARestart() throws Throwable {
        long[] seq = new long[1];
        JiraAccessRuntime[] before = new JiraAccessRuntime[1];
        sessions.then(j -> {
            JiraAccessPluginTest.add(new JiraOAuthRefreshTokenCredentials(CredentialsScope.GLOBAL, "rt", null,
                    "https://jira.example.com", "client", Secret.fromString("rt-0")));
            new JenkinsCredentialStore("").save("rt",
                    CredentialState.EMPTY.withSecret("oauth.refresh_token", SecretValue.of("rt-1-rotated")));
            before[0] = JiraAccessRuntime.get();
            seq[0] = before[0].journal().append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.now())
                    .message("before restart").build());
            before[0].journal().sync();
        });
        sessions.then(j -> {
            JiraAccessRuntime after = JiraAccessRuntime.get();
            assertNotSame(before[0], after);
            JiraCredentials rt = JiraCredentialsLocator.at("", "rt").orElseThrow().credentials();
            assertEquals("rt-1-rotated", rt.currentState().secret("oauth.refresh_token").reveal());
            assertEquals(seq[0], after.journal().readAfter(seq[0] - 1, 1).events().get(0).seq());
            long next = after.journal().append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.now())
                    .message("after restart").build());
            assertEquals(seq[0] + 1, next);
        });
    }
}
