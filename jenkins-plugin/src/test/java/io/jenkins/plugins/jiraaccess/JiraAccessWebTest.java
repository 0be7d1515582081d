package io.jenkins.plugins.jiraaccess;

import hudson.model.User;
import io.jenkins.plugins.jiraaccess.journal.JiraAccessPermissions;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.EventAction;
import io.jiraaccess.core.journal.EventJournal;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.net.URL;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management page and the events endpoint over HTTP, as a browser and the audit daemon reach them. Stapler
 * answers a GET to a {@code @POST} web method with 405 (stapler 1903, verb/HttpVerbInterceptor); Jenkins exempts
 * requests authenticated by API token from the crumb (jenkins 2.479.3, CrumbFilter / ApiTokenFilter).
 */
@WithJenkins
class JiraAccessWebTest {
    private static void secure(JenkinsRule j) {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, JiraAccessPermissions.READ_EVENTS).everywhere().to("auditor")
                .grant(Jenkins.READ).everywhere().to("user"));
    }

    private static long emit(int n) {
        EventJournal journal = JiraAccessRuntime.get().journal();
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = journal.append(AuditEvent.builder(EventAction.TOKEN_USED, Instant.now()).message("event " + i).build());
        }
        journal.sync();
        return last;
    }

    @Test
    void theManagementPageIsForAdministratorsAndItsActionsArePostOnly(JenkinsRule j) throws Exception {
        secure(j);
        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        Page page = admin.goTo("manage/jira-access-admin/");
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertTrue(page.getWebResponse().getContentAsString().contains("Jira Access"));

        j.createWebClient().login("user").assertFails("manage/jira-access-admin/", 403);
        admin.assertFails("manage/jira-access-admin/rotate?id=x&context=", 405);
        admin.assertFails("manage/jira-access-admin/revoke?id=x&context=", 405);
        admin.assertFails("manage/jira-access-admin/bulkRevoke?ids=x", 405);
    }

    @Test
    void readingEventsNeedsThePermissionAndNeverDeletesAnything(JenkinsRule j) throws Exception {
        secure(j);
        long last = emit(5);
        EventJournal journal = JiraAccessRuntime.get().journal();

        j.createWebClient().assertFails("jira-access/events?after=0", 403);
        j.createWebClient().login("user").assertFails("jira-access/events?after=0", 403);

        JenkinsRule.WebClient auditor = j.createWebClient().withBasicApiToken("auditor");
        Page page = auditor.goTo("jira-access/events?after=0&limit=10", "application/x-ndjson");
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertEquals(Long.toString(last), page.getWebResponse().getResponseHeaderValue("X-Jira-Access-Last-Seq"));
        assertEquals(5, page.getWebResponse().getContentAsString().strip().split("\n").length);

        // what a cross-site <img src> would ask for: nothing is acknowledged, nothing deleted
        auditor.goTo("jira-access/events?after=" + Long.MAX_VALUE, "application/x-ndjson");
        auditor.goTo("jira-access/events?after=" + last, "application/x-ndjson");
        assertEquals(0, journal.acknowledged());
        assertEquals(5, journal.readAfter(0, 10).events().size());
    }

    @Test
    void acknowledgingIsAPostWithAnApiTokenAndRefusesABadSeq(JenkinsRule j) throws Exception {
        secure(j);
        long last = emit(3);
        EventJournal journal = JiraAccessRuntime.get().journal();
        JenkinsRule.WebClient auditor = j.createWebClient().withBasicApiToken(User.getById("auditor", true).getId());
        auditor.setThrowExceptionOnFailingStatusCode(false);

        Page get = auditor.goTo("jira-access/acknowledge?seq=" + last, null);
        assertEquals(405, get.getWebResponse().getStatusCode());
        assertEquals(0, journal.acknowledged());

        Page tooFar = auditor.getPage(new WebRequest(new URL(j.getURL(), "jira-access/acknowledge?seq=" + (last + 10)),
                HttpMethod.POST));
        assertEquals(400, tooFar.getWebResponse().getStatusCode());
        Page missing = auditor.getPage(new WebRequest(new URL(j.getURL(), "jira-access/acknowledge"), HttpMethod.POST));
        assertEquals(400, missing.getWebResponse().getStatusCode());

        Page ok = auditor.getPage(new WebRequest(new URL(j.getURL(), "jira-access/acknowledge?seq=" + last), HttpMethod.POST));
        assertEquals(204, ok.getWebResponse().getStatusCode());
        assertEquals(last, journal.acknowledged());

        JenkinsRule.WebClient user = j.createWebClient().withBasicApiToken("user");
        user.setThrowExceptionOnFailingStatusCode(false);
        Page denied = user.getPage(new WebRequest(new URL(j.getURL(), "jira-access/acknowledge?seq=1"), HttpMethod.POST));
        assertEquals(403, denied.getWebResponse().getStatusCode());
    }
}
