package io.example.steps;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import org.kohsuke.stapler.AncestorInPath;

/** Planted: every select of its views (its own and BaseStep's) has a public doFill...Items. */
public class LookupStep extends BaseStep {
    @Extension
    public static class DescriptorImpl extends BaseDescriptor {
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item) {
            return new ListBoxModel();
        }

        public ListBoxModel doFillProjectItems() {
            return new ListBoxModel();
        }
    }
}
