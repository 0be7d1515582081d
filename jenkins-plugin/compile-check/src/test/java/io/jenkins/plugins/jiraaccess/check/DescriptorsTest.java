package io.jenkins.plugins.jiraaccess.check;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.AdministrativeMonitor;
import hudson.model.Descriptor;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Descriptors and other extensions: each has a display name, is registered, and the credential kinds have JCasC
 * symbols and a "Test connection" that is a permission-checked POST taking exactly the fields its button sends.
 */
class DescriptorsTest {
    private static final Pattern BUTTON = Pattern.compile("<f:validateButton[^>]*method=\"([^\"]+)\"[^>]*with=\"([^\"]+)\"");

    @Test
    void everyDescriptorAndUiExtensionHasADisplayName() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        for (Class<?> c : PluginSources.pluginClasses()) {
            boolean ui = Descriptor.class.isAssignableFrom(c) || Action.class.isAssignableFrom(c)
                    || AdministrativeMonitor.class.isAssignableFrom(c);
            if (!ui || Modifier.isAbstract(c.getModifiers()) || c.isInterface()) {
                continue;
            }
            Method m = c.getMethod("getDisplayName");
            // the stubs' constructors throw: create the instance without running one, as getDisplayName needs none
            String name = (String) m.invoke(allocate(c));
            names.put(c.getName(), name);
        }
        names.forEach((c, n) -> assertEquals(true, n != null && !n.isBlank() && !n.equals(c), c + " has no display name"));
        assertEquals(Set.of(
                "Jira personal access token (Data Center, rotating)",
                "Jira Cloud API token (legacy Basic auth)",
                "Jira OAuth 2.0 client credentials (service account)",
                "Jira OAuth 2.0 refresh token (3LO or Data Center provider)",
                "Jira Connect app (shared secret, JWT per request)",
                "Bind a Jira credential to JIRA_URL, JIRA_AUTH_HEADER and JIRA_TOKEN",
                "Send one request to Jira with a Jira credential",
                "Jira credential (JIRA_URL, JIRA_AUTH_HEADER, JIRA_TOKEN)",
                "Jira Access",
                "Jira Access events",
                "Jira Access: credentials failing to rotate or refresh",
                "Jira Access: audit event journal near or over its size cap"), Set.copyOf(names.values()));
        assertEquals(12, names.size());
    }

    @Test
    void everyDescriptorIsAnExtensionAndEveryCredentialKindHasAUniqueSymbol() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> symbols = new LinkedHashSet<>();
        Set<String> functions = new LinkedHashSet<>();
        for (Class<?> c : PluginSources.pluginClasses()) {
            if (Descriptor.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                if (!c.isAnnotationPresent(Extension.class)) {
                    problems.add(c.getName() + " is not an @Extension");
                }
                Symbol s = c.getAnnotation(Symbol.class);
                if (s != null) {
                    symbols.addAll(Arrays.asList(s.value()));
                }
                if (StepDescriptor.class.isAssignableFrom(c)) {
                    functions.add((String) c.getMethod("getFunctionName").invoke(allocate(c)));
                }
            }
            if (JiraCredentials.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                Class<?> d = PluginSources.load(c.getName() + "$DescriptorImpl");
                if (!d.isAnnotationPresent(Symbol.class)) {
                    problems.add(d.getName() + " has no @Symbol: JCasC could not name it");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Set.of("jiraPat", "jiraApiToken", "jiraOAuthClient", "jiraOAuthRefreshToken", "jiraConnectApp", "jiraAuth"), symbols);
        assertEquals(Set.of("withJiraAuth", "jiraRequest"), functions);
    }

    @Test
    void everyTestConnectionButtonCallsAPostMethodTakingExactlyItsFields() throws Exception {
        List<String> problems = new ArrayList<>();
        int buttons = 0;
        for (Path view : PluginSources.resourceFiles("(config|credentials)\\.jelly")) {
            Matcher m = BUTTON.matcher(Files.readString(view));
            while (m.find()) {
                buttons++;
                Class<?> descriptor = PluginSources.load(PluginSources.owner(view).getName() + "$DescriptorImpl");
                String methodName = "do" + Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
                Method method = Arrays.stream(descriptor.getMethods()).filter(x -> x.getName().equals(methodName))
                        .findFirst().orElse(null);
                if (method == null) {
                    problems.add(view + ": no " + methodName + " on " + descriptor.getName());
                    continue;
                }
                if (!method.isAnnotationPresent(POST.class)) {
                    problems.add(descriptor.getName() + "." + methodName + " must be @POST: it sends a secret");
                }
                Set<String> params = new LinkedHashSet<>();
                for (Parameter p : method.getParameters()) {
                    if (p.isAnnotationPresent(QueryParameter.class)) {
                        params.add(p.getName());
                    }
                }
                Set<String> with = new LinkedHashSet<>(Arrays.asList(m.group(2).split(",")));
                if (!with.equals(params)) {
                    problems.add(view + ": button sends " + with + " but " + methodName + " reads " + params);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(5, buttons);
    }

    @Test
    void stateChangingActionsAreAllPost() throws Exception {
        List<String> problems = new ArrayList<>();
        int actions = 0;
        for (Class<?> c : PluginSources.pluginClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getName().matches("do(Rotate|Revoke|BulkRevoke|Acknowledge|TestConnection)")) {
                    actions++;
                    if (!m.isAnnotationPresent(POST.class)) {
                        problems.add(c.getName() + "." + m.getName() + " changes state or sends a secret but is not @POST");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(9, actions);
    }

    private static Object allocate(Class<?> c) throws Exception {
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        return unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, c);
    }
}
