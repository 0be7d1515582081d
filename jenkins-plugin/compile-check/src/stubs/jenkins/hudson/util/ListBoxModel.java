/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.main:jenkins-core:2.479.3,
 * jenkinsci/jenkins tag jenkins-2.479.3 (commit ff61e3756a7e7c301c28a5a042f965ebcc6a90cc),
 * core/src/main/java/hudson/util/ListBoxModel.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    public static final class Option {
        public Option(String name, String value) {
            throw new UnsupportedOperationException("stub");
        }
    }

    public ListBoxModel() {
        throw new UnsupportedOperationException("stub");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("stub");
    }
}
