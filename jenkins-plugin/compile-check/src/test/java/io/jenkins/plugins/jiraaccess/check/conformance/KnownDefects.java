package io.jenkins.plugins.jiraaccess.check.conformance;

import java.util.List;

/**
 * The defects of issue 13 the conformance checks find in the plugin as it stands, each by its number in the issue.
 * {@link ThePluginConformsTest} requires each to be STILL found, and nothing else: when a fix lands, the check fails
 * with "defect N is fixed", and its entry here is deleted so that the check holds the fix from then on.
 */
final class KnownDefects {
    /** A finding of {@code check} that contains {@code finding}, caused by issue 13's defect {@code defect}. */
    record Defect(int defect, Class<? extends ConformanceCheck> check, String finding) {
    }

    static final List<Defect> STILL_PRESENT = List.of(
            new Defect(1, IndexJellyCheck.class, "src/main/resources/index.jelly is missing"),
            new Defect(2, UrlNameCheck.class, "URL name 'jira-access' is claimed by both"),
            new Defect(3, WebMethodCheck.class, "JiraAccessEventsAction.doEvents answers GET (no @POST) but changes state"),
            new Defect(5, MultiBindingViewsCheck.class, "JiraAuthBinding has no config-variables.jelly"),
            new Defect(6, FillItemsCheck.class, "steps/JiraRequestStep/config.jelly: c:select field 'credentialsId' needs public doFillCredentialsIdItems"),
            new Defect(6, FillItemsCheck.class, "steps/WithJiraAuthStep/config.jelly: c:select field 'credentialsId' needs public doFillCredentialsIdItems"),
            new Defect(8, SandboxWhitelistCheck.class, ".encodeBase64(...) is not in script-security's generic-whitelist"));

    private KnownDefects() {
    }

    static List<Defect> of(Class<? extends ConformanceCheck> check) {
        return STILL_PRESENT.stream().filter(d -> d.check().equals(check)).toList();
    }
}
