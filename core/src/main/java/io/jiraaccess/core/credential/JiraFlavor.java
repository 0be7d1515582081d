package io.jiraaccess.core.credential;

import java.net.URI;
import java.util.Locale;

/** Jira Cloud or Jira Data Center: they differ in endpoints, audit formats and token administration. */
public enum JiraFlavor {
    CLOUD("cloud"),
    DATACENTER("datacenter");

    private final String id;

    JiraFlavor(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static JiraFlavor fromId(String id) {
        for (JiraFlavor f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }

    /** Cloud for {@code *.atlassian.net} and {@code api.atlassian.com}, Data Center for anything else. */
    public static JiraFlavor guess(URI site) {
        String host = site.getHost() == null ? "" : site.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".atlassian.net") || host.equals("api.atlassian.com") ? CLOUD : DATACENTER;
    }

    @Override
    public String toString() {
        return id;
    }
}
