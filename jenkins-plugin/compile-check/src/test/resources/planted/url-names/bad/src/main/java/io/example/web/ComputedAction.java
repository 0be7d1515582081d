package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;

/** Planted: a URL name the check cannot read without running the code. */
@Extension
public class ComputedAction implements RootAction {
    @Override
    public String getUrlName() {
        return String.join("-", "computed", "name");
    }
}
