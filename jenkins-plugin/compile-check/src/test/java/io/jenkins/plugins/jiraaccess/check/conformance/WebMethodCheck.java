package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.jenkins.plugins.jiraaccess.check.source.CallGraph;
import io.jenkins.plugins.jiraaccess.check.source.JavaModel;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Web methods and state. Every public {@code doX} method of the plugin is routed by Stapler at {@code .../x}
 * (jenkinsci/stapler tag 1903.1905.ve5a_f469356f0, core/src/main/java/org/kohsuke/stapler/MetaClass.java, "check
 * action &lt;obj&gt;.do&lt;token&gt;(...)"). Jenkins checks the CSRF crumb only on POST (jenkinsci/jenkins tag
 * jenkins-2.479.3, core/src/main/java/hudson/security/csrf/CrumbFilter.java: {@code "POST".equals(method)}), so:
 * <ul>
 * <li>a do-method annotated {@code @POST} (org.kohsuke.stapler.verb.POST) or {@code @RequirePOST}
 * (org.kohsuke.stapler.interceptor.RequirePOST) is taken to change state and must reach a permission check
 * ({@code checkPermission}, {@code hasPermission}, ...) through the plugin's own calls (Jenkins' guide
 * "Securely implementing form validation", jenkins.io/doc/developer/security/form-validation: permission check and
 * POST for methods with side effects);</li>
 * <li>any other do-method answers GET and must not reach a state-changing call ({@link #STATE_CHANGING}) through the
 * plugin's own calls ({@link CallGraph}): a cross-site {@code <img src>} could make an administrator's browser call it.</li>
 * </ul>
 */
public final class WebMethodCheck implements ConformanceCheck {
    static final Set<String> POST_ANNOTATIONS = Set.of("org.kohsuke.stapler.verb.POST",
            "org.kohsuke.stapler.interceptor.RequirePOST");
    static final Set<String> PERMISSION_CHECKS = Set.of("checkPermission", "hasPermission", "hasPermission2",
            "checkAnyPermission", "hasAnyPermission");
    /**
     * Calls that change what Jenkins or the plugin keeps, by the APIs the plugin reaches: core's event journal
     * ({@code acknowledge} deletes segments, {@code emit} writes events), core's credential store and upkeep
     * ({@code save}, {@code delete}, {@code revoke}, {@code renew}, {@code rotate}, {@code refresh}, {@code invalidate}
     * of cached tokens, {@code record} of last use), Jenkins' {@code CredentialsStore} ({@code addCredentials},
     * {@code updateCredentials}, {@code removeCredentials}, {@code addDomain}, {@code removeDomain}) and
     * {@code Saveable.save}/{@code Item.delete}.
     */
    static final Set<String> STATE_CHANGING = Set.of("acknowledge", "emit", "save", "delete", "revoke", "renew",
            "rotate", "refresh", "invalidate", "record", "addCredentials", "updateCredentials", "removeCredentials",
            "addDomain", "removeDomain");
    /** {@code java.nio.file.Files} calls that write: a file written on a GET is state as well. */
    static final Set<String> FILE_WRITES = Set.of("write", "writeString", "delete", "deleteIfExists", "move", "copy",
            "createFile", "createDirectory", "createDirectories", "newOutputStream", "newBufferedWriter");

    /** A do-method as the check classified it: held as state-changing (POST) or as read-only (GET). */
    public record WebMethod(String type, String name, boolean post) {
        @Override
        public String toString() {
            return type + "." + name;
        }
    }

    private final List<WebMethod> seen = new ArrayList<>();

    @Override
    public List<String> findings(PluginTree plugin) {
        JavaModel java = plugin.java();
        CallGraph calls = new CallGraph(java);
        seen.clear();
        List<String> out = new ArrayList<>();
        for (String type : java.ownTypes()) {
            TypeDeclaration<?> t = java.type(type).orElseThrow();
            for (MethodDeclaration m : t.getMethods()) {
                if (!m.isPublic() || !m.getNameAsString().matches("do[A-Z]\\w*")) {
                    continue;
                }
                boolean post = POST_ANNOTATIONS.stream().anyMatch(a -> java.annotated(m, t, a));
                seen.add(new WebMethod(type, m.getNameAsString(), post));
                List<CallGraph.Call> reached = calls.reach(m);
                String where = type + "." + m.getNameAsString();
                if (post) {
                    if (reached.stream().noneMatch(c -> PERMISSION_CHECKS.contains(c.name()))) {
                        out.add(where + " is a POST but checks no permission: call checkPermission with the permission "
                                + "the action needs before changing anything");
                    }
                } else {
                    reached.stream().filter(WebMethodCheck::changesState).findFirst().ifPresent(c ->
                            out.add(where + " answers GET (no @POST) but changes state: " + c.chain() + "; a GET needs "
                                    + "no crumb, so a cross-site request can trigger it: move the change to a @POST "
                                    + "method that checks a permission"));
                }
            }
        }
        return out;
    }

    private static boolean changesState(CallGraph.Call c) {
        if ("java.nio.file.Files".equals(c.receiverType()) || "Files".equals(c.receiverType())) {
            return FILE_WRITES.contains(c.name());
        }
        return STATE_CHANGING.contains(c.name());
    }

    /** The do-methods the last run classified, so a test can show which were held to which rule. */
    public List<WebMethod> seen() {
        return List.copyOf(seen);
    }
}
