package io.jiraaccess.sim.model;

/** A Jira project. */
public record Project(String id, String key, String name, String description) {
}
