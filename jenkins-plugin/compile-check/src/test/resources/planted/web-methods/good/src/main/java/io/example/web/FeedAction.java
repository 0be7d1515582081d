package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;
import io.example.store.Journal;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.POST;

/** Planted: reading only reads; acknowledging is a POST that checks a permission through a helper. */
@Extension
public class FeedAction implements RootAction {
    private final Journal journal = new Journal();

    @Override
    public String getUrlName() {
        return "feed";
    }

    public void doRead(StaplerRequest2 request) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        journal.page(Long.parseLong(request.getParameter("after")));
    }

    @POST
    public void doAcknowledge(StaplerRequest2 request) {
        requireAdmin();
        journal.acknowledge(Long.parseLong(request.getParameter("seq")));
    }

    @RequirePOST
    public void doReset() {
        if (Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            journal.acknowledge(0);
        }
    }

    private static void requireAdmin() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    }
}
