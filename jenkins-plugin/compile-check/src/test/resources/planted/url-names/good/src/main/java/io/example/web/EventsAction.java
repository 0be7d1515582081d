package io.example.web;

import hudson.Extension;
import hudson.model.RootAction;

/** Planted: the only root object named "example". */
@Extension
public class EventsAction implements RootAction {
    @Override
    public String getUrlName() {
        return "example";
    }
}
