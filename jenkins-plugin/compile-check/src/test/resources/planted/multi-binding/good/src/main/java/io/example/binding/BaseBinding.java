package io.example.binding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;

/** Planted: an abstract binding whose config-variables.jelly its subclasses inherit. */
public abstract class BaseBinding extends MultiBinding<StandardCredentials> {
    protected BaseBinding(String credentialsId) {
        super(credentialsId);
    }

    /** Planted: inherits BaseBinding's page, as Stapler looks it up the class hierarchy. */
    public static class Inheriting extends BaseBinding {
        public Inheriting(String credentialsId) {
            super(credentialsId);
        }
    }
}
