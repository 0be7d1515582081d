package io.jiraaccess.sim.auth;

/** Which Jira a request speaks to; decided by the credential (and the API version) it arrived with. */
public enum Flavor {
    CLOUD,
    DATA_CENTER
}
