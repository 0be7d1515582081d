package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;

/** Planted: "manage" is Jenkins' own ManageJenkinsAction; "log" is Jenkins.getLog(). */
@Extension
public class ManageAction implements RootAction {
    private final boolean logs = false;

    @Override
    public String getUrlName() {
        return logs ? "log" : "manage";
    }
}
