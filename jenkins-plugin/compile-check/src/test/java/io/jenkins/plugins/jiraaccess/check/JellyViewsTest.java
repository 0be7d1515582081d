package io.jenkins.plugins.jiraaccess.check;

import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every form field is a property stapler can bind and the form can show, in every view of the plugin. */
class JellyViewsTest {
    @Test
    void everyConfigFieldIsAConstructorParameterOrSetterWithAGetter() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> views = PluginSources.resourceFiles("(config|credentials)\\.jelly");
        for (Path view : views) {
            Class<?> owner = PluginSources.owner(view);
            Set<String> bound = PluginSources.boundProperties(owner);
            for (String field : PluginSources.fields(view)) {
                if (!bound.contains(field)) {
                    problems.add(view + ": field '" + field + "' is neither a @DataBoundConstructor parameter nor a @DataBoundSetter of " + owner.getName());
                }
                if (!PluginSources.hasGetter(owner, field)) {
                    problems.add(view + ": field '" + field + "' has no getter on " + owner.getName() + ", so an edit form shows it empty");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(7, views.size());
    }

    @Test
    void sharedCredentialFieldsBindOnEveryKind() throws Exception {
        Path common = PluginSources.resources().resolve("io/jenkins/plugins/jiraaccess/credentials/JiraCredentials/common.jelly");
        Set<String> fields = PluginSources.fields(common);
        assertEquals(Set.of("site", "flavor", "owner", "allowHosts", "allowProjects", "allowOperations", "agentLabel", "state"), fields);

        List<String> problems = new ArrayList<>();
        for (Class<?> c : PluginSources.pluginClasses()) {
            if (JiraCredentials.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                Set<String> bound = PluginSources.boundProperties(c);
                for (String f : fields) {
                    if (!bound.contains(f) || !PluginSources.hasGetter(c, f)) {
                        problems.add(c.getSimpleName() + " does not bind " + f);
                    }
                }
                Path config = PluginSources.resources().resolve(c.getName().replace('.', '/')).resolve("credentials.jelly");
                String text = Files.readString(config);
                if (!text.contains("page=\"common.jelly\"") || !text.contains("page=\"id-and-description\"")) {
                    problems.add(config + " must include common.jelly and id-and-description");
                }
                if (Files.exists(config.resolveSibling("config.jelly"))) {
                    problems.add(config.resolveSibling("config.jelly") + " would replace the credentials plugin's page and its scope field");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everySecretFieldIsAPasswordInput() throws Exception {
        List<String> problems = new ArrayList<>();
        int secrets = 0;
        for (Path view : PluginSources.resourceFiles("(config|credentials|common)\\.jelly")) {
            Class<?> owner = PluginSources.owner(view);
            String text = Files.readString(view);
            for (String field : PluginSources.fields(view)) {
                var getter = PluginSources.getter(owner, field);
                if (getter != null && getter.getReturnType().getName().equals("hudson.util.Secret")
                        && !text.matches("(?s).*<f:password field=\"" + field + "\"/>.*")
                        && !text.matches("(?s).*field=\"" + field + "\">\\s*<f:password/>.*")) {
                    problems.add(view + ": secret field " + field + " must be an f:password");
                }
                if (getter != null && getter.getReturnType().getName().equals("hudson.util.Secret")) {
                    secrets++;
                }
            }
        }
        assertEquals(List.of(), problems);
        // token, rotationPassword, token, clientSecret, refreshToken, clientSecret, sharedSecret, and the shared state
        assertEquals(8, secrets);
    }

    @Test
    void everyHelpFileBelongsToAFieldOfItsClassAndEveryVisibleFieldHasHelp() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<Path> helpDirs = new LinkedHashSet<>();
        for (Path help : PluginSources.resourceFiles("help-.+\\.html")) {
            String field = help.getFileName().toString().replaceFirst("^help-(.+)\\.html$", "$1");
            Class<?> owner = PluginSources.owner(help);
            helpDirs.add(help.getParent());
            Set<String> viewFields = new LinkedHashSet<>();
            for (String view : List.of("config.jelly", "credentials.jelly", "common.jelly")) {
                Path p = help.getParent().resolve(view);
                if (Files.exists(p)) {
                    viewFields.addAll(PluginSources.fields(p));
                }
            }
            if (!PluginSources.boundPropertiesOfEveryKind(owner).contains(field) || !viewFields.contains(field)) {
                problems.add(help + ": no field '" + field + "' in " + owner.getName() + " and its view");
            }
        }
        for (Path view : PluginSources.resourceFiles("(config|credentials|common)\\.jelly")) {
            for (String field : PluginSources.fields(view)) {
                if (field.equals("state")) {
                    continue; // hidden: carries the rotation state through the form
                }
                if (!hasHelp(view, field)) {
                    problems.add(view + ": field '" + field + "' has no help-" + field + ".html");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertThat(helpDirs).hasSize(8);
    }

    /** Jenkins looks for a field's help in the class's folder, then its superclasses' folders. */
    private static boolean hasHelp(Path view, String field) throws Exception {
        for (Class<?> c = PluginSources.owner(view); c != null && c.getName().startsWith(PluginSources.ROOT_PACKAGE); c = c.getSuperclass()) {
            if (Files.exists(PluginSources.resources().resolve(c.getName().replace('.', '/')).resolve("help-" + field + ".html"))) {
                return true;
            }
        }
        return false;
    }
}
