package io.jiraaccess.core.binding;

/**
 * The CI run using a credential, as events name it ({@code jira_access.pipeline.*}).
 *
 * @param job   full job name, e.g. {@code team/app/main}
 * @param build build number or id
 * @param url   absolute URL of the build, or null when the CI does not know its own URL
 * @param node  the agent the block runs on ({@code built-in} for the controller), or null outside a node
 */
public record PipelineRun(String job, String build, String url, String node) {
    /** The name Jenkins gives its controller when it runs a block itself. */
    public static final String BUILT_IN = "built-in";

    /** {@code job#build}, for messages. */
    public String label() {
        return job + "#" + build;
    }
}
