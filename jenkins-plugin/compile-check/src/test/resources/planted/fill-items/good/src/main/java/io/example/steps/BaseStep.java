package io.example.steps;

import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** Planted: an abstract step whose view each concrete step includes; the site list is filled by the shared base. */
public abstract class BaseStep extends Step {
    public abstract static class BaseDescriptor extends StepDescriptor {
        public ListBoxModel doFillSiteItems() {
            return new ListBoxModel();
        }
    }
}
