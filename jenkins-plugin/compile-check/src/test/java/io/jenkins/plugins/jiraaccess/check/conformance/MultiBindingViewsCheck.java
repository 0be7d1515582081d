package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.JavaModel;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Every concrete {@code MultiBinding} of the plugin has a {@code config-variables.jelly}, in its own view folder or
 * a plugin superclass's (Stapler looks a page up the class hierarchy: jenkinsci/stapler tag
 * 1903.1905.ve5a_f469356f0, core/src/main/java/org/kohsuke/stapler/AbstractTearOff.java, findScript).
 * Source: jenkinsci/credentials-binding-plugin tag 696.v256688029804 (commit
 * 256688029804dec5005c5d20aebc9810833f6dbe),
 * src/main/resources/org/jenkinsci/plugins/credentialsbinding/MultiBinding/config.jelly:
 * {@code <st:include page="config-variables.jelly" class="${descriptor.clazz}"/>} without {@code optional}, so the
 * Snippet Generator and the freestyle wrapper fail to render a binding without one. A subclass of the single-variable
 * {@code Binding} inherits upstream's {@code Binding/config-variables.jelly}.
 */
public final class MultiBindingViewsCheck implements ConformanceCheck {
    static final String MULTI_BINDING = "org.jenkinsci.plugins.credentialsbinding.MultiBinding";
    static final String BINDING = "org.jenkinsci.plugins.credentialsbinding.Binding";

    @Override
    public List<String> findings(PluginTree plugin) {
        JavaModel java = plugin.java();
        List<String> out = new ArrayList<>();
        for (String type : java.ownTypes()) {
            if (java.isAbstractOrInterface(type) || !java.isSubtypeOf(type, MULTI_BINDING)) {
                continue;
            }
            boolean found = false;
            for (String a : java.ancestry(type)) {
                if (a.equals(BINDING) || java.isOwn(a) && Files.isRegularFile(plugin.viewFolder(a).resolve("config-variables.jelly"))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                out.add(type + " has no config-variables.jelly: credentials-binding's MultiBinding/config.jelly includes "
                        + "it without optional; add " + plugin.rel(plugin.viewFolder(type).resolve("config-variables.jelly"))
                        + " (an empty <j:jelly/> when the binding has no variable names to set)");
            }
        }
        return out;
    }
}
