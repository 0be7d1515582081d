package io.jiraaccess.sim.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installed Connect apps. The shared secret is kept as given because HS256 verification needs it; it is held
 * in a char array and never rendered.
 */
public final class ConnectApps {

    /** One installed app and the app user Jira creates for it. */
    public static final class App {
        private final String key;
        private final String name;
        private final char[] sharedSecret;
        private final String accountId;

        App(String key, String name, char[] sharedSecret, String accountId) {
            this.key = key;
            this.name = name;
            this.sharedSecret = sharedSecret;
            this.accountId = accountId;
        }

        public String key() {
            return key;
        }

        public String name() {
            return name;
        }

        public String accountId() {
            return accountId;
        }

        /** The install secret, for signature verification only. */
        public String revealSharedSecret() {
            return new String(sharedSecret);
        }

        @Override
        public String toString() {
            return "ConnectApp[" + key + "]";
        }
    }

    private final Map<String, App> apps = new LinkedHashMap<>();

    public synchronized App add(String key, String name, String sharedSecret, String accountId) {
        if (apps.containsKey(key)) {
            throw new IllegalArgumentException("a Connect app with key '" + key + "' is already installed");
        }
        App app = new App(key, name, sharedSecret.toCharArray(), accountId);
        apps.put(key, app);
        return app;
    }

    public synchronized Optional<App> byKey(String key) {
        return Optional.ofNullable(apps.get(key));
    }

    public synchronized List<App> all() {
        return List.copyOf(apps.values());
    }

    public synchronized void clear() {
        apps.clear();
    }
}
