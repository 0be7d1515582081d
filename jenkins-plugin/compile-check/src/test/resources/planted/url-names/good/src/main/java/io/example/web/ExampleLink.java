package io.example.web;

import hudson.Extension;
import hudson.model.ManagementLink;

/** Planted: a name of its own, through a constant. */
@Extension
public class ExampleLink extends ManagementLink {
    static final String NAME = "example-admin";

    @Override
    public String getUrlName() {
        return NAME;
    }
}
