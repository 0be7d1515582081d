package io.example.web;

import hudson.Extension;
import hudson.model.ManagementLink;

/** Planted: shadowed by EventsAction, as Jenkins.getDynamic tries root actions first. */
@Extension
public class ExampleLink extends ManagementLink {
    private static final String NAME = "/example";

    @Override
    public String getUrlName() {
        return NAME;
    }
}
