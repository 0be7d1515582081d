package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;

/** Planted: answers to "example", as does the management link. */
@Extension
public class EventsAction implements RootAction {
    @Override
    public String getUrlName() {
        return "example";
    }
}
