package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.PluginTree;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebMethodCheckTest {
    private final WebMethodCheck check = new WebMethodCheck();

    @Test
    void getsThatChangeStateThroughHelpersOrFilesAndPostsWithoutPermissionAreReported() throws Exception {
        assertThat(check.findings(Planted.tree("web-methods/bad"))).containsExactly(
                "io.example.web.FeedAction.doRead answers GET (no @POST) but changes state: FeedAction.doRead -> "
                        + "Journal.page -> Journal.settle -> Segments.acknowledge; a GET needs no crumb, so a cross-site "
                        + "request can trigger it: move the change to a @POST method that checks a permission",
                "io.example.web.FeedAction.doPurge answers GET (no @POST) but changes state: FeedAction.doPurge -> "
                        + "Files.deleteIfExists; a GET needs no crumb, so a cross-site request can trigger it: move the "
                        + "change to a @POST method that checks a permission",
                "io.example.web.FeedAction.doReset is a POST but checks no permission: call checkPermission with the "
                        + "permission the action needs before changing anything");
    }

    @Test
    void aReadOnlyGetAndPostsThatCheckPermissionsPass() throws Exception {
        assertThat(check.findings(Planted.tree("web-methods/good"))).isEmpty();
        assertThat(check.seen()).extracting(Object::toString, WebMethodCheck.WebMethod::post).containsExactly(
                org.assertj.core.groups.Tuple.tuple("io.example.web.FeedAction.doRead", false),
                org.assertj.core.groups.Tuple.tuple("io.example.web.FeedAction.doAcknowledge", true),
                org.assertj.core.groups.Tuple.tuple("io.example.web.FeedAction.doReset", true));
    }

    @Test
    void thePluginsReadOnlyAndStateChangingWebMethodsAreAllHeldToTheirRule() throws Exception {
        check.findings(PluginTree.real());
        // the events read must be shown read-only (issue 13 defect 3), rotate, revoke and acknowledge as POSTs
        assertThat(check.seen()).filteredOn(m -> !m.post()).extracting(Object::toString)
                .contains("io.jenkins.plugins.jiraaccess.journal.JiraAccessEventsAction.doEvents");
        assertThat(check.seen()).filteredOn(WebMethodCheck.WebMethod::post).extracting(WebMethodCheck.WebMethod::name)
                .contains("doRotate", "doRevoke", "doBulkRevoke", "doAcknowledge", "doTestConnection");
    }
}
