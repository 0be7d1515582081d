package io.jenkins.plugins.jiraaccess.check.source;

import io.jenkins.plugins.jiraaccess.check.PluginSources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A Jenkins plugin's directory as the conformance checks read it: {@code src/main/java}, {@code src/main/resources}
 * and {@code src/test/java}, with the API sources its classes extend (the compile-check stubs). The same code reads
 * the real plugin and the small planted plugins the checks' own tests use.
 */
public final class PluginTree {
    private final Path dir;
    private final List<Path> apiRoots;
    private JavaModel main;

    private PluginTree(Path dir, List<Path> apiRoots) {
        this.dir = dir;
        this.apiRoots = apiRoots;
    }

    /** A plugin directory compiled against the compile-check stubs, as the real plugin is. */
    public static PluginTree at(Path dir) {
        Path stubs = PluginSources.pluginDir().resolve("compile-check/src/stubs");
        return new PluginTree(dir, List.of(stubs.resolve("jenkins"), stubs.resolve("libraries")));
    }

    /** The real plugin ({@code jiraaccess.plugin.dir}). */
    public static PluginTree real() {
        return at(PluginSources.pluginDir());
    }

    public Path dir() {
        return dir;
    }

    public Path mainJava() {
        return dir.resolve("src/main/java");
    }

    public Path resources() {
        return dir.resolve("src/main/resources");
    }

    public Path testJava() {
        return dir.resolve("src/test/java");
    }

    /** Files under {@code src/main/resources} whose name matches {@code regex}. */
    public List<Path> resourceFiles(String regex) throws IOException {
        return PluginSources.files(resources(), regex);
    }

    /** The plugin's main sources over the API sources, parsed once. */
    public synchronized JavaModel java() {
        if (main == null) {
            try {
                main = JavaModel.parse(List.of(mainJava()), apiRoots);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return main;
    }

    /** The folder Stapler looks up a class's views in: {@code a/b/Outer/Inner} for {@code a.b.Outer.Inner}. */
    public Path viewFolder(String fqn) {
        return resources().resolve(fqn.replace('.', '/'));
    }

    /** The class a view belongs to: the fully qualified name its folder spells. */
    public String owner(Path view) {
        return resources().relativize(view.getParent()).toString().replace('/', '.');
    }

    /** A path relative to the plugin directory, for messages. */
    public String rel(Path p) {
        return dir.relativize(p).toString();
    }
}
