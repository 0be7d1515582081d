package io.jenkins.plugins.jiraaccess.check.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FillItemsCheckTest {
    private static final String VIEWS = "src/main/resources/io/example/steps/LookupStep/";
    private final FillItemsCheck check = new FillItemsCheck();

    @Test
    void selectsWithoutAPublicFillMethodOrFieldOrDescriptorAreReported() throws Exception {
        assertThat(check.findings(Planted.tree("fill-items/bad"))).containsExactly(
                VIEWS + "Nested/config.jelly: io.example.steps.LookupStep.Nested has no nested Descriptor to hold "
                        + "doFillSiteItems",
                VIEWS + "config.jelly: c:select field 'credentialsId' needs public doFillCredentialsIdItems on "
                        + "io.example.steps.LookupStep.DescriptorImpl (Descriptor.calcFillSettings fails without it)",
                VIEWS + "config.jelly: f:select field 'project' needs public doFillProjectItems on "
                        + "io.example.steps.LookupStep.DescriptorImpl (Descriptor.calcFillSettings fails without it)",
                VIEWS + "config.jelly: f:select has no field (on it or an enclosing f:entry), so no doFill...Items can "
                        + "fill it: give it one");
    }

    @Test
    void selectsFilledByTheDescriptorOrItsBaseForEveryConcreteStepPass() throws Exception {
        assertThat(check.findings(Planted.tree("fill-items/good"))).isEmpty();
    }
}
