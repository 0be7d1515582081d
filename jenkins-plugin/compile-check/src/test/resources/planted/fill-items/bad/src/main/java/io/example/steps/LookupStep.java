package io.example.steps;

import hudson.Extension;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** Planted: its view has three selects; its descriptor fills none of them publicly. */
public class LookupStep extends Step {
    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        /** Not public: Descriptor.calcFillSettings looks for a public method only. */
        ListBoxModel doFillProjectItems() {
            return new ListBoxModel();
        }
    }

    /** Planted: a class without a descriptor, whose view has a select. */
    public static class Nested {
    }
}
