/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials:1415.v831096eb_5534,
 * jenkinsci/credentials-plugin tag 1415.v831096eb_5534 (commit 831096eb553450632960a7c5c90f4320526ced81),
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission CREATE = null;

    public static Iterable<CredentialsStore> lookupStores(final ModelObject context) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
                                                                               Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> List<C> lookupCredentialsInItem(Class<C> type, Item item,
                                                                          Authentication authentication) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("stub");
    }

    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("stub");
    }
}
