package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;
import io.example.store.Journal;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Planted: a GET that acknowledges through a helper, a GET that deletes a file, a POST without a permission check. */
@Extension
public class FeedAction implements RootAction {
    private final Journal journal = new Journal();

    @Override
    public String getUrlName() {
        return "feed";
    }

    public void doRead(StaplerRequest2 request) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        long after = Long.parseLong(request.getParameter("after"));
        journal.page(after);
    }

    public void doPurge() throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Files.deleteIfExists(Path.of("feed.log"));
    }

    @POST
    public void doReset() {
        journal.reset();
    }
}
