/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/util/FormValidation.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
