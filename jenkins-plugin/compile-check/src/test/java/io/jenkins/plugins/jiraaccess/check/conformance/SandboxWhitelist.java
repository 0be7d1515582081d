package io.jenkins.plugins.jiraaccess.check.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * script-security's {@code generic-whitelist} as names: which method names an instance call may have, which static
 * methods a class offers, which classes may be constructed. The file's format (one signature a line, {@code #}
 * comments) is script-security's StaticWhitelist's; a GDK method ({@code staticMethod
 * org.codehaus.groovy.runtime.X name Self ...}) is callable as an instance method on its first parameter's type.
 */
final class SandboxWhitelist {
    static final String RESOURCE = "/upstream/generic-whitelist";

    private final Set<String> instanceMethods = new HashSet<>();
    private final Map<String, Set<String>> staticMethods = new HashMap<>();
    private final Set<String> constructors = new HashSet<>();

    static SandboxWhitelist load() throws IOException {
        SandboxWhitelist w = new SandboxWhitelist();
        try (InputStream in = SandboxWhitelist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the test resources");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] p = line.trim().split("\\s+");
                if (p.length < 2 || p[0].startsWith("#")) {
                    continue;
                }
                switch (p[0]) {
                    case "method" -> w.instanceMethods.add(p[2]);
                    case "staticMethod" -> {
                        w.staticMethods.computeIfAbsent(p[1], k -> new HashSet<>()).add(p[2]);
                        if (p[1].startsWith("org.codehaus.groovy.runtime.") || p[1].startsWith("com.cloudbees.groovy.cps.")) {
                            w.instanceMethods.add(p[2]);
                        }
                    }
                    case "new" -> w.constructors.add(p[1]);
                    default -> {
                        // fields and static fields: property reads, not calls
                    }
                }
            }
        }
        return w;
    }

    /** Some whitelisted class has an instance (or GDK) method of this name. */
    boolean instanceMethod(String name) {
        return instanceMethods.contains(name);
    }

    /** {@code className} (fully qualified, or simple to match any package) has a whitelisted static method. */
    boolean staticMethod(String className, String name) {
        if (className.contains(".")) {
            return staticMethods.getOrDefault(className, Set.of()).contains(name);
        }
        return staticMethods.entrySet().stream().anyMatch(e -> e.getKey().endsWith("." + className) && e.getValue().contains(name));
    }

    /** A DefaultGroovyMethods method callable on the script itself ({@code println}, ...). */
    boolean scriptMethod(String name) {
        return staticMethods.getOrDefault("org.codehaus.groovy.runtime.DefaultGroovyMethods", Set.of()).contains(name);
    }

    boolean constructor(String className) {
        if (className.contains(".")) {
            return constructors.contains(className);
        }
        return constructors.stream().anyMatch(c -> c.endsWith("." + className) || c.endsWith("$" + className));
    }
}
