package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.jenkins.plugins.jiraaccess.check.PluginSources;
import io.jenkins.plugins.jiraaccess.check.source.JavaModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives upstream/root-url-names.txt: the URL names Jenkins core and the plugins this plugin depends on claim at
 * the Jenkins root, each with its claimant. Run by upstream-lists.sh on sources checked out at the pinned tags.
 * Jenkins' own names follow Stapler's dispatch rules (MetaClass.buildDispatchers): public {@code doX} methods and
 * {@code @WebMethod} names, public {@code getX()} and {@code getX(String|int|long)} selectors, public fields, and
 * views not starting with {@code _}, of {@code jenkins.model.Jenkins} and its supertypes; root actions and management
 * links are read as {@link UrlNameCheck} reads the plugin's.
 * usage: UpstreamRootNames CORE_DIR(core/, with src/main/java and src/main/resources) PLUGIN_JAVA_ROOT...
 */
public final class UpstreamRootNames {
    private static final Set<String> SELECTOR_PARAMETERS = Set.of("String", "int", "long");

    private UpstreamRootNames() {
    }

    public static void main(String[] args) throws IOException {
        Path core = Path.of(args[0]);
        List<Path> roots = new ArrayList<>(List.of(core.resolve("src/main/java")));
        for (int i = 1; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        derive(JavaModel.parse(roots, List.of()), core.resolve("src/main/resources"))
                .forEach((name, claimant) -> System.out.println(name + "\t" + claimant));
    }

    static Map<String, String> derive(JavaModel java, Path coreResources) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String type : java.ancestry("jenkins.model.Jenkins")) {
            TypeDeclaration<?> t = java.type(type).orElse(null);
            if (t == null) {
                continue;
            }
            boolean iface = t.isClassOrInterfaceDeclaration() && t.asClassOrInterfaceDeclaration().isInterface();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            for (MethodDeclaration m : t.getMethods()) {
                if (m.isPublic() || iface && !m.isPrivate()) {
                    for (String name : dispatchNames(m)) {
                        out.putIfAbsent(name, simple + "." + m.getNameAsString() + "()");
                    }
                }
            }
            for (FieldDeclaration f : t.getFields()) {
                if (f.isPublic()) {
                    for (VariableDeclarator v : f.getVariables()) {
                        out.putIfAbsent(v.getNameAsString(), simple + "." + v.getNameAsString() + " (public field)");
                    }
                }
            }
            for (Path view : PluginSources.files(coreResources.resolve(type.replace('.', '/')), "[^_].*\\.(jelly|groovy)")) {
                if (view.getParent().equals(coreResources.resolve(type.replace('.', '/')))) {
                    String file = view.getFileName().toString();
                    out.putIfAbsent(file.substring(0, file.lastIndexOf('.')), simple + " view " + file);
                }
            }
        }
        for (Map.Entry<String, String> root : UrlNameCheck.rootObjects(java).entrySet()) {
            for (String name : UrlNameCheck.urlNames(java, root.getKey()).orElse(List.of())) {
                String token = UrlNameCheck.token(name);
                if (token != null) {
                    out.putIfAbsent(token, root.getKey() + " (" + root.getValue() + ")");
                }
            }
        }
        return out;
    }

    /** The URL names Stapler routes to {@code m} on the root object. */
    private static List<String> dispatchNames(MethodDeclaration m) {
        String n = m.getNameAsString();
        List<String> out = new ArrayList<>();
        for (AnnotationExpr a : m.getAnnotations()) {
            if (a.getNameAsString().endsWith("WebMethod")) {
                a.findAll(MemberValuePair.class).stream().filter(p -> p.getNameAsString().equals("name"))
                        .flatMap(p -> p.findAll(StringLiteralExpr.class).stream()).forEach(s -> out.add(s.asString()));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (n.matches("do[A-Z]\\w*") && !n.equals("doDynamic") && !n.equals("doIndex")) {
            out.add(camelize(n.substring(2)));
        } else if (n.matches("get[A-Z]\\w*") && !n.equals("getDynamic") && selector(m)) {
            out.add(camelize(n.substring(3)));
        }
        return out;
    }

    private static boolean selector(MethodDeclaration m) {
        if (m.getParameters().isEmpty()) {
            return true;
        }
        Optional<String> only = m.getParameters().size() == 1
                ? Optional.of(m.getParameter(0).getType().asString()) : Optional.empty();
        return only.filter(p -> SELECTOR_PARAMETERS.contains(p) || p.startsWith("StaplerRequest")).isPresent();
    }

    /** Stapler's MetaClass.camelize: the first letter in lower case. */
    private static String camelize(String s) {
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
