package io.example.binding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;

/** Planted: a concrete MultiBinding with no config-variables.jelly anywhere up its plugin hierarchy. */
public class TokenBinding extends MultiBinding<StandardCredentials> {
    public TokenBinding(String credentialsId) {
        super(credentialsId);
    }
}
