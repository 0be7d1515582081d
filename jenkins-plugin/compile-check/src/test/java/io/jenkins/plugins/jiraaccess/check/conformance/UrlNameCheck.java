package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.ast.body.TypeDeclaration;
import io.jenkins.plugins.jiraaccess.check.source.JavaModel;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every URL name the plugin claims at the Jenkins root is unique: among its own root actions and management links,
 * and against the names Jenkins core and the plugins it depends on claim there (upstream/root-url-names.txt).
 * Source: jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/jenkins/model/Jenkins.java getDynamic: the first root action whose getUrlName() equals the token
 * (or "/" + token) wins, then management links; core/src/main/java/hudson/model/ManageJenkinsAction.java falls back
 * to Jenkins, so {@code /manage/<name>} resolves the same way. Stapler tries Jenkins' own getters, do-methods, fields
 * and views before getDynamic (jenkinsci/stapler tag 1903.1905.ve5a_f469356f0,
 * core/src/main/java/org/kohsuke/stapler/MetaClass.java buildDispatchers), so those names are taken as well.
 */
public final class UrlNameCheck implements ConformanceCheck {
    static final String ROOT_ACTION = "hudson.model.RootAction";
    static final String MANAGEMENT_LINK = "hudson.model.ManagementLink";
    static final String EXTENSION = "hudson.Extension";
    static final String UPSTREAM_NAMES = "/upstream/root-url-names.txt";

    @Override
    public List<String> findings(PluginTree plugin) throws IOException {
        JavaModel java = plugin.java();
        Map<String, String> upstream = upstreamNames();
        Map<String, String> claimed = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> root : rootObjects(java).entrySet()) {
            String type = root.getKey();
            Optional<List<String>> names = urlNames(java, type);
            if (names.isEmpty()) {
                out.add(type + ".getUrlName() does not return a string literal, a constant or null: the check cannot "
                        + "tell its URL name; return a literal");
                continue;
            }
            for (String name : names.get()) {
                String token = token(name);
                if (token == null) {
                    continue;
                }
                String self = type + " (" + root.getValue() + ")";
                if (upstream.containsKey(token)) {
                    out.add("URL name '" + token + "' of " + self + " is already claimed at the Jenkins root by "
                            + upstream.get(token) + ": choose a name nothing else claims");
                }
                String other = claimed.putIfAbsent(token, self);
                if (other != null) {
                    out.add("URL name '" + token + "' is claimed by both " + other + " and " + self + ": "
                            + (other.endsWith("(RootAction)") == self.endsWith("(RootAction)")
                                    ? "Jenkins.getDynamic answers with whichever Jenkins lists first"
                                    : "Jenkins.getDynamic tries root actions before management links, so the "
                                            + "ManagementLink is unreachable")
                            + " at /" + token + "/ and /manage/" + token + "/; give each a name nothing else claims");
                }
            }
        }
        return out;
    }

    /** The concrete {@code @Extension} root actions and management links of {@code java}'s own code, with their kind. */
    static Map<String, String> rootObjects(JavaModel java) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String type : java.ownTypes()) {
            TypeDeclaration<?> t = java.type(type).orElseThrow();
            if (java.isAbstractOrInterface(type) || !java.annotated(t, t, EXTENSION)) {
                continue;
            }
            if (java.isSubtypeOf(type, ROOT_ACTION)) {
                out.put(type, "RootAction");
            } else if (java.isSubtypeOf(type, MANAGEMENT_LINK)) {
                out.put(type, "ManagementLink");
            }
        }
        return out;
    }

    /** The names {@code getUrlName()} of {@code type} returns, null (no URL) left out; empty when not literal. */
    static Optional<List<String>> urlNames(JavaModel java, String type) {
        return java.returnedStrings(type, "getUrlName");
    }

    /**
     * The root token a URL name answers to: Jenkins.getDynamic matches {@code name} and {@code "/" + token}; a name
     * that is a URL or a path elsewhere (a management link may point anywhere) claims no root token.
     */
    static String token(String urlName) {
        String n = urlName.startsWith("/") ? urlName.substring(1) : urlName;
        if (n.isEmpty() || n.contains(":") || n.startsWith(".")) {
            return null;
        }
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(0, slash);
    }

    /** Name to claimant, from the derived list with provenance (see {@link UpstreamRootNames}). */
    static Map<String, String> upstreamNames() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = UrlNameCheck.class.getResourceAsStream(UPSTREAM_NAMES)) {
            if (in == null) {
                throw new IOException(UPSTREAM_NAMES + " is missing from the test resources");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                out.putIfAbsent(parts[0], parts[1]);
            }
        }
        return out;
    }
}
