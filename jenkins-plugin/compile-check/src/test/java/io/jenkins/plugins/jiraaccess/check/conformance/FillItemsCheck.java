package io.jenkins.plugins.jiraaccess.check.conformance;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.jenkins.plugins.jiraaccess.check.source.JavaModel;
import io.jenkins.plugins.jiraaccess.check.source.JellyFile;
import io.jenkins.plugins.jiraaccess.check.source.PluginTree;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every {@code f:select} and {@code c:select} in a view has its {@code doFill<Field>Items} as a public method of the
 * descriptor of the class the view belongs to (for a view of an abstract class: of every concrete plugin subclass,
 * whose forms include it).
 * Sources: jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/resources/lib/form/select.jelly calls {@code descriptor.calcFillSettings(field,attrs)}, and
 * core/src/main/java/hudson/model/Descriptor.java calcFillSettings throws "doesn't have the doFillXyzItems method"
 * when {@code getPublicMethodNamed(getClass(), "doFill" + Field + "Items")} is null (the field's first letter in
 * title case); jenkinsci/credentials-plugin tag 1415.v831096eb_5534 (commit
 * 831096eb553450632960a7c5c90f4320526ced81), src/main/resources/lib/credentials/select.jelly renders an
 * {@code f:select} with the same field. The field is the tag's own {@code field} or its enclosing {@code f:entry}'s.
 */
public final class FillItemsCheck implements ConformanceCheck {
    static final String DESCRIPTOR = "hudson.model.Descriptor";

    @Override
    public List<String> findings(PluginTree plugin) throws IOException {
        JavaModel java = plugin.java();
        List<String> out = new ArrayList<>();
        for (Path view : plugin.resourceFiles(".+\\.jelly")) {
            JellyFile jelly;
            try {
                jelly = JellyFile.read(view);
            } catch (JellyFile.Malformed e) {
                continue; // JellyEscapeCheck reports it
            }
            for (Element select : jelly.elements(Set.of(JellyFile.FORM_TAGLIB, JellyFile.CREDENTIALS_TAGLIB), "select")) {
                String field = field(select);
                String tag = select.getNamespaceURI().equals(JellyFile.FORM_TAGLIB) ? "f:select" : "c:select";
                if (field == null) {
                    out.add(plugin.rel(view) + ": " + tag + " has no field (on it or an enclosing f:entry), so no "
                            + "doFill...Items can fill it: give it one");
                    continue;
                }
                String method = "doFill" + Character.toTitleCase(field.charAt(0)) + field.substring(1) + "Items";
                for (String owner : concrete(java, plugin.owner(view))) {
                    String descriptor = descriptorOf(java, owner);
                    if (descriptor == null) {
                        out.add(plugin.rel(view) + ": " + owner + " has no nested Descriptor to hold " + method);
                    } else if (java.methods(descriptor, method).stream().noneMatch(MethodDeclaration::isPublic)) {
                        out.add(plugin.rel(view) + ": " + tag + " field '" + field + "' needs public " + method
                                + " on " + descriptor + " (Descriptor.calcFillSettings fails without it)");
                    }
                }
            }
        }
        return out;
    }

    private static String field(Element select) {
        if (!select.getAttribute("field").isEmpty()) {
            return select.getAttribute("field");
        }
        for (Node n = select.getParentNode(); n instanceof Element e; n = n.getParentNode()) {
            if (JellyFile.FORM_TAGLIB.equals(e.getNamespaceURI()) && e.getLocalName().equals("entry")) {
                return e.getAttribute("field").isEmpty() ? null : e.getAttribute("field");
            }
        }
        return null;
    }

    /** The class itself when concrete, else every concrete plugin class that inherits its views. */
    private static List<String> concrete(JavaModel java, String owner) {
        if (!java.isAbstractOrInterface(owner)) {
            return List.of(owner);
        }
        return java.ownTypes().stream().filter(t -> !java.isAbstractOrInterface(t) && java.isSubtypeOf(t, owner)).toList();
    }

    /** A Descriptor's own views belong to it; another class's descriptor is its nested Descriptor subclass. */
    static String descriptorOf(JavaModel java, String owner) {
        if (java.isSubtypeOf(owner, DESCRIPTOR)) {
            return owner;
        }
        TypeDeclaration<?> t = java.type(owner).orElse(null);
        if (t == null) {
            return null;
        }
        for (var member : t.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested && java.isSubtypeOf(JavaModel.fqn(nested), DESCRIPTOR)) {
                return JavaModel.fqn(nested);
            }
        }
        return null;
    }
}
