package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;

/** Planted: no URL at all (null), and a non-extension action with a taken name, which Jenkins never lists at root. */
@Extension
public class HiddenAction implements RootAction {
    @Override
    public String getUrlName() {
        return null;
    }

    /** Not an @Extension: never at the root. */
    public static class Detail implements RootAction {
        @Override
        public String getUrlName() {
            return "example";
        }
    }
}
