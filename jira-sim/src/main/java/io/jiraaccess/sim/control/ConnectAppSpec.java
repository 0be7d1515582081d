package io.jiraaccess.sim.control;

import java.util.List;

/** An installed Atlassian Connect app: its key, the install {@code sharedSecret}, and the projects its user sees. */
public record ConnectAppSpec(String key, String sharedSecret, String name, List<String> projects) {

    public ConnectAppSpec {
        projects = List.copyOf(projects);
    }

    @Override
    public String toString() {
        return "ConnectAppSpec[" + key + "]";
    }
}
