package io.jiraaccess.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The simple names of the classes in the libraries the project runs with (the jars on this test's class path: every
 * module's dependencies), so a document may name the upstream class it explains (Camel's {@code StatefulCamelJob}).
 */
final class Libraries {
    private static Set<String> names;

    private Libraries() {
    }

    static synchronized boolean hasClass(String simpleName) {
        if (names == null) {
            names = new HashSet<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    read(entry);
                }
            }
        }
        return names.contains(simpleName);
    }

    private static void read(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String n = entries.nextElement().getName();
                if (n.endsWith(".class")) {
                    String simple = n.substring(n.lastIndexOf('/') + 1, n.length() - ".class".length());
                    names.add(simple.contains("$") ? simple.substring(simple.lastIndexOf('$') + 1) : simple);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jar + ": cannot be read", e);
        }
    }
}
