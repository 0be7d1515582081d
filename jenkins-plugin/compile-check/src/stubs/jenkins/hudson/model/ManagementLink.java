/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/model/ManagementLink.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.Permission;

public abstract class ManagementLink implements ExtensionPoint, Action {
    @Override
    public abstract String getIconFileName();

    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public abstract String getUrlName();

    public Permission getRequiredPermission() {
        throw new UnsupportedOperationException("stub");
    }

    public Category getCategory() {
        throw new UnsupportedOperationException("stub");
    }

    public enum Category {
        CONFIGURATION,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED
    }
}
