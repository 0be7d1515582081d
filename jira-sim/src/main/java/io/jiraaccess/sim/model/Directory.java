package io.jiraaccess.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Users, projects and issues of the simulated site. Thread-safe (one monitor; operations are tiny). */
public final class Directory {

    private final Map<String, User> usersByAccountId = new LinkedHashMap<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, Issue> issuesByKey = new LinkedHashMap<>();
    private final Map<String, AtomicLong> issueCounters = new LinkedHashMap<>();
    private long nextUserNumber = 10100;
    private long nextProjectId = 10000;
    private long nextIssueId = 10000;

    public synchronized User addUser(String name, String displayName, String email, String passwordHash,
                                     Set<String> projectKeys, boolean admin, String accountType) {
        if (name != null && findByName(name).isPresent()) {
            throw new IllegalArgumentException("a user named '" + name + "' already exists");
        }
        if (email != null && findByEmail(email).isPresent()) {
            throw new IllegalArgumentException("a user with email '" + email + "' already exists");
        }
        long number = nextUserNumber++;
        // Cloud account ids are opaque 24-hex strings such as 5b10a2844c20165700ede21g
        String accountId = String.format(Locale.ROOT, "%024x", 0x5b10a2844c2L * 1_000_000L + number);
        User user = new User(accountId, "JIRAUSER" + number, name, displayName, email, passwordHash,
                projectKeys, admin, accountType);
        for (String key : projectKeys) {
            ensureProject(key, key + " project");
        }
        usersByAccountId.put(accountId, user);
        return user;
    }

    public synchronized Optional<User> byAccountId(String accountId) {
        return Optional.ofNullable(usersByAccountId.get(accountId));
    }

    public synchronized Optional<User> findByName(String name) {
        return usersByAccountId.values().stream().filter(u -> name.equals(u.name())).findFirst();
    }

    public synchronized Optional<User> findByEmail(String email) {
        return usersByAccountId.values().stream()
                .filter(u -> u.email() != null && u.email().equalsIgnoreCase(email)).findFirst();
    }

    /** A user named by username, email or account id (how the control API lets tests refer to one). */
    public synchronized Optional<User> find(String reference) {
        return byAccountId(reference).or(() -> findByName(reference)).or(() -> findByEmail(reference));
    }

    public synchronized List<User> users() {
        return new ArrayList<>(usersByAccountId.values());
    }

    public synchronized Project ensureProject(String key, String name) {
        if (!key.matches("[A-Z][A-Z0-9_]{0,9}")) {
            throw new IllegalArgumentException("project key '" + key
                    + "' must start with an uppercase letter, followed by up to 9 uppercase letters, digits or '_'");
        }
        return projects.computeIfAbsent(key, k -> new Project(String.valueOf(nextProjectId++), k, name, name));
    }

    public synchronized Optional<Project> project(String keyOrId) {
        Project byKey = projects.get(keyOrId);
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return projects.values().stream().filter(p -> p.id().equals(keyOrId)).findFirst();
    }

    public synchronized Collection<Project> projects() {
        return new ArrayList<>(projects.values());
    }

    public synchronized Issue addIssue(String projectKey, String summary, JsonNode description, String issueType,
                                       String reporterAccountId, Instant created) {
        long number = issueCounters.computeIfAbsent(projectKey, k -> new AtomicLong()).incrementAndGet();
        Issue issue = new Issue(String.valueOf(nextIssueId++), projectKey + "-" + number, projectKey, summary,
                description, issueType, "To Do", reporterAccountId, created);
        issuesByKey.put(issue.key(), issue);
        return issue;
    }

    public synchronized Optional<Issue> issue(String keyOrId) {
        Issue byKey = issuesByKey.get(keyOrId.toUpperCase(Locale.ROOT));
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return issuesByKey.values().stream().filter(i -> i.id().equals(keyOrId)).findFirst();
    }

    /** Issues of the given projects, in creation order. */
    public synchronized List<Issue> issuesIn(Collection<String> projectKeys) {
        List<Issue> result = new ArrayList<>();
        for (Issue issue : issuesByKey.values()) {
            if (projectKeys.contains(issue.projectKey())) {
                result.add(issue);
            }
        }
        return result;
    }

    public synchronized void clear() {
        usersByAccountId.clear();
        projects.clear();
        issuesByKey.clear();
        issueCounters.clear();
        nextUserNumber = 10100;
        nextProjectId = 10000;
        nextIssueId = 10000;
    }
}
