package io.jenkins.plugins.jiraaccess.journal;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.core.journal.JournalRead;
import jakarta.servlet.http.HttpServletResponse;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET <jenkins>/jira-access/events?after=<seq>&limit=<n>}: the event journal as NDJSON, one event a line, for
 * the audit daemon. Reading never changes anything: a GET needs no crumb, so a page an administrator merely loads
 * (an {@code <img src>}) must not be able to delete events. {@code POST <jenkins>/jira-access/acknowledge?seq=<seq>}
 * is the only way to acknowledge (the daemon posts with an API token, which Jenkins exempts from the crumb); the
 * journal deletes segments only once acknowledged, or when its size cap is reached ({@code JournalCapMonitor}).
 * {@code X-Jira-Access-Last-Seq} is the newest durable seq, so the reader can show its lag.
 * Both need {@link JiraAccessPermissions#READ_EVENTS} (implied by Administer), so the daemon's account needs nothing else but Overall/Read.
 */
@Extension
public class JiraAccessEventsAction implements RootAction {
    /** Most events one page returns, whatever {@code limit} asks. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 500;

    public JiraAccessEventsAction() {
        // Jenkins creates its extensions at startup: registering here puts the permission in the security matrix
        JiraAccessPermissions.register();
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Jira Access events";
    }

    @Override
    public String getUrlName() {
        return "jira-access";
    }

    public void doEvents(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        Jenkins.get().checkPermission(JiraAccessPermissions.READ_EVENTS);
        long after;
        int limit;
        try {
            after = parse(request.getParameter("after"), 0L);
            limit = (int) Math.min(MAX_LIMIT, parse(request.getParameter("limit"), DEFAULT_LIMIT));
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "after and limit must be whole numbers, e.g. "
                    + "events?after=0&limit=500");
            return;
        }
        if (after < 0 || limit < 1) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "after must be 0 or more and limit 1 or more");
            return;
        }
        JournalRead page;
        EventJournal journal = JiraAccessRuntime.get().journal();
        try {
            page = journal.readAfter(after, limit);
        } catch (JiraAccessException e) {
            // the journal's messages name the file and the fix, never an event's content
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        response.setContentType("application/x-ndjson;charset=UTF-8");
        response.setHeader("X-Jira-Access-Last-Seq", Long.toString(page.durableSeq()));
        response.setHeader("X-Jira-Access-Has-More", Boolean.toString(page.hasMore()));
        response.setHeader("X-Jira-Access-Skipped", Integer.toString(page.skippedCount()));
        // each event's line as the journal stores it (validated by the journal's reader): the daemon parses it once
        OutputStream out = response.getOutputStream();
        for (byte[] line : page.lines()) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    @POST
    public void doAcknowledge(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        Jenkins.get().checkPermission(JiraAccessPermissions.READ_EVENTS);
        long seq;
        try {
            seq = parse(request.getParameter("seq"), -1L);
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 0) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "seq must be the last seq indexed, e.g. acknowledge?seq=1200");
            return;
        }
        try {
            JiraAccessRuntime.get().journal().acknowledge(seq);
        } catch (IllegalArgumentException e) {
            // beyond the last durable event: no reader can have indexed it
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (JiraAccessException e) {
            // the cursor could not be written: nothing was acknowledged, the daemon retries
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static long parse(String value, long defaultValue) {
        return value == null || value.isBlank() ? defaultValue : Long.parseLong(value.trim());
    }
}
