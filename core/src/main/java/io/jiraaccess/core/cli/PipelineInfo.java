package io.jiraaccess.core.cli;

/**
 * The CI job a CLI run belongs to, for {@code jira_access.pipeline.*} in events: read from the variables Jenkins,
 * GitHub Actions and GitLab CI set, or from {@code JIRA_ACCESS_PIPELINE_JOB/_BUILD/_URL/_NODE}, which win.
 */
record PipelineInfo(String job, String build, String url, String node) {
    static PipelineInfo from(CliIo io) {
        String job = first(io, "JIRA_ACCESS_PIPELINE_JOB", "JOB_NAME", "CI_JOB_NAME");
        String build = first(io, "JIRA_ACCESS_PIPELINE_BUILD", "BUILD_NUMBER", "GITHUB_RUN_ID", "CI_JOB_ID");
        String url = first(io, "JIRA_ACCESS_PIPELINE_URL", "BUILD_URL", "CI_JOB_URL");
        String node = first(io, "JIRA_ACCESS_PIPELINE_NODE", "NODE_NAME", "RUNNER_NAME", "CI_RUNNER_DESCRIPTION");
        if (job == null && io.env("GITHUB_WORKFLOW") != null) {
            job = io.env("GITHUB_REPOSITORY") == null ? io.env("GITHUB_WORKFLOW")
                    : io.env("GITHUB_REPOSITORY") + "/" + io.env("GITHUB_WORKFLOW");
        }
        if (url == null && io.env("GITHUB_SERVER_URL") != null && io.env("GITHUB_REPOSITORY") != null
                && io.env("GITHUB_RUN_ID") != null) {
            url = io.env("GITHUB_SERVER_URL") + "/" + io.env("GITHUB_REPOSITORY") + "/actions/runs/" + io.env("GITHUB_RUN_ID");
        }
        return new PipelineInfo(job, build, url, node);
    }

    private static String first(CliIo io, String... names) {
        for (String n : names) {
            String v = io.env(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
