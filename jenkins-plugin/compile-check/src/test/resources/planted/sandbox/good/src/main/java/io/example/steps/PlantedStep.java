package io.example.steps;

import hudson.Extension;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** Planted: the plugin's own step, whose function name pipelines may call. */
public class PlantedStep extends Step {
    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "plantedStep";
        }
    }
}
