package io.jenkins.plugins.jiraaccess.check.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexJellyCheckTest {
    private final IndexJellyCheck check = new IndexJellyCheck();

    @Test
    void aPluginWithoutIndexJellyCannotBePackaged() throws Exception {
        assertThat(check.findings(Planted.tree("index-jelly/missing"))).containsExactly(
                "src/main/resources/index.jelly is missing: maven-hpi-plugin's HpiMojo stops `package` without it; add "
                        + "one with <?jelly escape-by-default='true'?> and a <div> describing the plugin");
    }

    @Test
    void anIndexJellyWithoutTextDescribesNothing() throws Exception {
        assertThat(check.findings(Planted.tree("index-jelly/empty"))).containsExactly(
                "src/main/resources/index.jelly is empty: the plugin manager shows its text as the plugin's "
                        + "description; describe the plugin in it");
    }

    @Test
    void aMalformedIndexJellyIsReportedWithItsLine() throws Exception {
        assertThat(check.findings(Planted.tree("index-jelly/malformed"))).singleElement().asString()
                .startsWith("src/main/resources/index.jelly is not well-formed XML (line 4: ")
                .endsWith("): fix the markup");
    }

    @Test
    void anIndexJellyWithADescriptionPasses() throws Exception {
        assertThat(check.findings(Planted.tree("index-jelly/good"))).isEmpty();
    }
}
