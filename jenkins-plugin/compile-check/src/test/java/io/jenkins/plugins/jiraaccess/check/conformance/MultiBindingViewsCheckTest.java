package io.jenkins.plugins.jiraaccess.check.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultiBindingViewsCheckTest {
    private final MultiBindingViewsCheck check = new MultiBindingViewsCheck();

    @Test
    void aMultiBindingWithoutConfigVariablesCannotBeRendered() throws Exception {
        assertThat(check.findings(Planted.tree("multi-binding/bad"))).containsExactly(
                "io.example.binding.TokenBinding has no config-variables.jelly: credentials-binding's "
                        + "MultiBinding/config.jelly includes it without optional; add "
                        + "src/main/resources/io/example/binding/TokenBinding/config-variables.jelly (an empty "
                        + "<j:jelly/> when the binding has no variable names to set)");
    }

    @Test
    void ownInheritedAndUpstreamConfigVariablesAllCount() throws Exception {
        assertThat(check.findings(Planted.tree("multi-binding/good"))).isEmpty();
    }
}
