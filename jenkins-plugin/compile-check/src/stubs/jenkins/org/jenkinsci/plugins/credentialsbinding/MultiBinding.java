/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials-binding:696.v256688029804,
 * jenkinsci/credentials-binding-plugin tag 696.v256688029804 (commit 256688029804dec5005c5d20aebc9810833f6dbe),
 * src/main/java/org/jenkinsci/plugins/credentialsbinding/MultiBinding.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.credentialsbinding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.ExtensionPoint;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.credentialsbinding.impl.CredentialNotFoundException;

public abstract class MultiBinding<C extends StandardCredentials> extends AbstractDescribableImpl<MultiBinding<C>> implements ExtensionPoint {
    protected MultiBinding(String credentialsId) {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract Class<C> type();

    public final String getCredentialsId() {
        throw new UnsupportedOperationException("stub");
    }

    public static final class MultiEnvironment implements Serializable {
        public MultiEnvironment(Map<String, String> secretValues, Map<String, String> publicValues) {
            throw new UnsupportedOperationException("stub");
        }

        public MultiEnvironment(Map<String, String> secretValues, Map<String, String> publicValues, Unbinder unbinder) {
            throw new UnsupportedOperationException("stub");
        }
    }

    public interface Unbinder extends Serializable {
        void unbind(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException;
    }

    public abstract MultiEnvironment bind(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException;

    public /*abstract*/ Set<String> variables(Run<?, ?> build) throws CredentialNotFoundException {
        throw new UnsupportedOperationException("stub");
    }
}
