package io.jenkins.plugins.jiraaccess.check.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxWhitelistCheckTest {
    private static final String TEST = "src/test/java/io/example/PipelineTest.java:";
    private static final String REJECTED = ": the sandbox rejects it (RejectedAccessException); use a whitelisted method or a step";
    private final SandboxWhitelistCheck check = new SandboxWhitelistCheck();

    @Test
    void callsTheSandboxRejectsAndUnreadablePipelinesAreReported() throws Exception {
        assertThat(check.findings(Planted.tree("sandbox/bad"))).satisfiesExactly(
                f -> assertThat(f).isEqualTo(TEST + "10 (pipeline line 2): .encodeBase64(...) is not in "
                        + "script-security's generic-whitelist" + REJECTED),
                f -> assertThat(f).isEqualTo(TEST + "14 (pipeline line 2): new java.io.File(...) is not in "
                        + "script-security's generic-whitelist" + REJECTED),
                f -> assertThat(f).isEqualTo(TEST + "14 (pipeline line 3): System.getenv(...) is not in "
                        + "script-security's generic-whitelist" + REJECTED),
                f -> assertThat(f).isEqualTo(TEST + "15 (pipeline line 1): notAStep(...) is neither a step of the "
                        + "tests' plugins nor in the whitelist" + REJECTED),
                f -> assertThat(f).isEqualTo(TEST + "16: the pipeline is not a constant the check can read: write it "
                        + "as a literal or text block"),
                f -> assertThat(f).startsWith(TEST + "17: the pipeline does not parse as Groovy: "),
                // a helper's parameter: the script of each call site
                f -> assertThat(f).isEqualTo(TEST + "25 (pipeline line 1): .execute(...) is not in "
                        + "script-security's generic-whitelist" + REJECTED),
                f -> assertThat(f).isEqualTo("src/test/resources/io/example/Jenkinsfile (pipeline line 2): "
                        + ".getLog(...) is not in script-security's generic-whitelist" + REJECTED),
                f -> assertThat(f).isEqualTo("src/test/resources/io/example/Jenkinsfile (pipeline line 2): "
                        + ".getRawBuild(...) is not in script-security's generic-whitelist" + REJECTED));
    }

    @Test
    void stepsSymbolsOwnMethodsAndWhitelistedCallsPass() throws Exception {
        assertThat(check.findings(Planted.tree("sandbox/good"))).isEmpty();
    }

    @Test
    void theStepListHoldsTheStepsAndSymbolsOfTheTestsPlugins() throws Exception {
        assertThat(PipelineSteps.upstream()).containsKeys("node", "sh", "echo", "withCredentials", "usernamePassword",
                "writeFile", "parallel").doesNotContainKeys("withJiraAuth", "encodeBase64");
    }
}
