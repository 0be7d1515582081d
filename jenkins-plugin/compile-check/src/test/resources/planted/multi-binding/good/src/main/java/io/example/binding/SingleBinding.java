package io.example.binding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import org.jenkinsci.plugins.credentialsbinding.Binding;

/** Planted: a single-variable Binding, which has upstream's Binding/config-variables.jelly. */
public class SingleBinding extends Binding<StandardCredentials> {
    public SingleBinding(String variable, String credentialsId) {
        super(variable, credentialsId);
    }
}
