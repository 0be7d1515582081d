/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/model/User.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package hudson.model;

import hudson.security.AccessControlled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

public class User extends AbstractModelObject implements AccessControlled {
    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException("stub");
    }

    public Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("stub");
    }
}
