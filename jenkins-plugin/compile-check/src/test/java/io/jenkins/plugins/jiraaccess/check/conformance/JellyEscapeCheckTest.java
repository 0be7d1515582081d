package io.jenkins.plugins.jiraaccess.check.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JellyEscapeCheckTest {
    private static final String DIR = "src/main/resources/io/example/Thing/";
    private final JellyEscapeCheck check = new JellyEscapeCheck();

    @Test
    void viewsWithoutEscapingOrWithEscapingOffOrMalformedAreEachReported() throws Exception {
        assertThat(check.findings(Planted.tree("jelly-escape/bad"))).satisfiesExactly(
                f -> assertThat(f).isEqualTo(DIR + "escaping-off.jelly does not escape by default: start it with "
                        + "<?jelly escape-by-default='true'?>"),
                f -> assertThat(f).isEqualTo(DIR + "no-instruction.jelly does not escape by default: start it with "
                        + "<?jelly escape-by-default='true'?>"),
                f -> assertThat(f).startsWith(DIR + "unclosed.jelly is not well-formed XML (line 2: ")
                        .endsWith("): fix the markup"));
    }

    @Test
    void viewsThatEscapeByDefaultInEitherQuotingPass() throws Exception {
        assertThat(check.findings(Planted.tree("jelly-escape/good"))).isEmpty();
    }
}
