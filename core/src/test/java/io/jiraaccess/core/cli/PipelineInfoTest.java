package io.jiraaccess.core.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PipelineInfoTest {
    static PipelineInfo from(Map<String, String> env) {
        return PipelineInfo.from(new CliIo(System.out, System.err, System.in, env));
    }

    @Test
    void jenkinsVariablesAreRead() {
        assertEquals(new PipelineInfo("deploy/main", "17", "https://ci.example.com/job/deploy/17/", "agent-1"),
                from(Map.of("JOB_NAME", "deploy/main", "BUILD_NUMBER", "17", "BUILD_URL", "https://ci.example.com/job/deploy/17/",
                        "NODE_NAME", "agent-1")));
    }

    @Test
    void githubActionsVariablesAreRead() {
        assertEquals(new PipelineInfo("acme/app/CI", "123", "https://github.com/acme/app/actions/runs/123", "runner-7"),
                from(Map.of("GITHUB_WORKFLOW", "CI", "GITHUB_REPOSITORY", "acme/app", "GITHUB_RUN_ID", "123",
                        "GITHUB_SERVER_URL", "https://github.com", "RUNNER_NAME", "runner-7")));
    }

    @Test
    void gitlabVariablesAreRead() {
        assertEquals(new PipelineInfo("test", "99", "https://gitlab.example.com/g/p/-/jobs/99", "shared-runner"),
                from(Map.of("CI_JOB_NAME", "test", "CI_JOB_ID", "99", "CI_JOB_URL", "https://gitlab.example.com/g/p/-/jobs/99",
                        "CI_RUNNER_DESCRIPTION", "shared-runner")));
    }

    @Test
    void explicitVariablesWinAndBlankOnesAreIgnored() {
        assertEquals(new PipelineInfo("mine", "1", null, null),
                from(Map.of("JIRA_ACCESS_PIPELINE_JOB", "mine", "JOB_NAME", "jenkins-job", "JIRA_ACCESS_PIPELINE_BUILD", "1",
                        "NODE_NAME", "  ")));
        assertEquals(new PipelineInfo(null, null, null, null), from(Map.of()));
    }
}
