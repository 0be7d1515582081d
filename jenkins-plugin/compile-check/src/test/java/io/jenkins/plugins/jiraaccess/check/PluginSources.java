package io.jenkins.plugins.jiraaccess.check;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The plugin's sources and views as the tests see them: resource files, compiled classes, bound properties. The
 * walker ({@link #files}) also serves the conformance checks, which read any plugin directory, planted or real.
 */
public final class PluginSources {
    static final String ROOT_PACKAGE = "io.jenkins.plugins.jiraaccess";
    private static final Pattern FIELD = Pattern.compile("\\bfield=\"([^\"]+)\"");

    private PluginSources() {
    }

    /** The real plugin's directory ({@code jiraaccess.plugin.dir}, set by the POM). */
    public static Path pluginDir() {
        String dir = System.getProperty("jiraaccess.plugin.dir");
        return dir != null ? Path.of(dir) : Path.of("..");
    }

    static Path resources() {
        return pluginDir().resolve("src/main/resources");
    }

    /** Every file under the plugin's resources whose name matches {@code regex}. */
    static List<Path> resourceFiles(String regex) throws IOException {
        return files(resources(), regex);
    }

    /** Every file under {@code root} whose name matches {@code regex}, sorted; none when {@code root} is absent. */
    public static List<Path> files(Path root, String regex) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches(regex)).sorted().toList();
        }
    }

    /** The class a view folder belongs to: {@code io/jenkins/plugins/jiraaccess/steps/JiraRequestStep/config.jelly}. */
    static Class<?> owner(Path viewFile) throws ClassNotFoundException {
        Path rel = resources().relativize(viewFile.getParent());
        return load(rel.toString().replace('/', '.'));
    }

    static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, PluginSources.class.getClassLoader());
    }

    /** The {@code field="..."} names of a Jelly view. */
    static Set<String> fields(Path jelly) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(Files.readString(jelly));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Properties stapler can bind: {@code @DataBoundConstructor} parameters and {@code @DataBoundSetter}s. */
    static Set<String> boundProperties(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (!p.isNamePresent()) {
                        throw new IllegalStateException(type + ": compile with -parameters, stapler binds by name");
                    }
                    out.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                out.add(decapitalize(m.getName().substring(3)));
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(DataBoundSetter.class)) {
                    out.add(f.getName());
                }
            }
        }
        return out;
    }

    /**
     * For a concrete class its bound properties; for an abstract one (the shared credential base, whose views are
     * included by each kind) the properties every concrete plugin subclass binds.
     */
    static Set<String> boundPropertiesOfEveryKind(Class<?> type) throws IOException, ClassNotFoundException {
        if (!Modifier.isAbstract(type.getModifiers())) {
            return boundProperties(type);
        }
        Set<String> common = null;
        for (Class<?> c : pluginClasses()) {
            if (type.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                Set<String> b = boundProperties(c);
                if (common == null) {
                    common = new LinkedHashSet<>(b);
                } else {
                    common.retainAll(b);
                }
            }
        }
        return common == null ? Set.of() : common;
    }

    /** True when the form can show the property's current value: a public getter or is-method. */
    static boolean hasGetter(Class<?> type, String property) {
        return getter(type, property) != null;
    }

    /** The public {@code getX} or {@code isX} of a property, or null. */
    static Method getter(Class<?> type, String property) {
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : List.of("get" + cap, "is" + cap)) {
            try {
                Method m = type.getMethod(name);
                if (Modifier.isPublic(m.getModifiers())) {
                    return m;
                }
            } catch (NoSuchMethodException ignored) {
                // try the next form
            }
        }
        return null;
    }

    /** Every class compiled from the plugin's own sources. */
    static List<Class<?>> pluginClasses() throws IOException, ClassNotFoundException {
        Path classes = Path.of(PluginSources.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolveSibling("classes");
        Path root = classes.resolve(ROOT_PACKAGE.replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('/', '.');
                out.add(load(name.substring(0, name.length() - ".class".length())));
            }
        }
        return out;
    }

    static String decapitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
