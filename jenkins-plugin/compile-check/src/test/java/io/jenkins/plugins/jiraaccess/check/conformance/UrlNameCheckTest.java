package io.jenkins.plugins.jiraaccess.check.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlNameCheckTest {
    private final UrlNameCheck check = new UrlNameCheck();

    @Test
    void duplicateNamesNamesJenkinsClaimsAndUnreadableNamesAreReported() throws Exception {
        assertThat(check.findings(Planted.tree("url-names/bad"))).containsExactly(
                "io.example.web.ComputedAction.getUrlName() does not return a string literal, a constant or null: the "
                        + "check cannot tell its URL name; return a literal",
                "URL name 'example' is claimed by both io.example.web.EventsAction (RootAction) and "
                        + "io.example.web.ExampleLink (ManagementLink): Jenkins.getDynamic tries root actions before "
                        + "management links, so the ManagementLink is unreachable at /example/ and /manage/example/; "
                        + "give each a name nothing else claims",
                "URL name 'log' of io.example.web.ManageAction (RootAction) is already claimed at the Jenkins root by "
                        + "Jenkins.getLog(): choose a name nothing else claims",
                "URL name 'manage' of io.example.web.ManageAction (RootAction) is already claimed at the Jenkins root "
                        + "by hudson.model.ManageJenkinsAction (RootAction): choose a name nothing else claims");
    }

    @Test
    void distinctNamesNullAndNonExtensionActionsPass() throws Exception {
        assertThat(check.findings(Planted.tree("url-names/good"))).isEmpty();
    }

    @Test
    void theUpstreamListHoldsWhatJenkinsAndTheCredentialsPluginClaim() throws Exception {
        assertThat(UrlNameCheck.upstreamNames()).containsEntry("manage", "hudson.model.ManageJenkinsAction (RootAction)")
                .containsEntry("configure", "Jenkins view configure.jelly")
                .containsEntry("credentials", "com.cloudbees.plugins.credentials.ManageCredentialsConfiguration (ManagementLink)")
                .containsEntry("script", "Jenkins.doScript()")
                .doesNotContainKey("jira-access");
    }
}
