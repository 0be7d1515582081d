/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/jenkins/model/Jenkins.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package jenkins.model;

import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.AuthorizationStrategy;
import hudson.security.SecurityRealm;
import hudson.security.Permission;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;

public class Jenkins implements AccessControlled, ModelObjectWithContextMenu {
    public static final Permission ADMINISTER = null;

    public static final Permission READ = null;

    public void setSecurityRealm(SecurityRealm securityRealm) {
        throw new UnsupportedOperationException("stub");
    }

    public void setAuthorizationStrategy(AuthorizationStrategy a) {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    public List<TopLevelItem> getItems() {
        throw new UnsupportedOperationException("stub");
    }

    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException("stub");
    }
}
