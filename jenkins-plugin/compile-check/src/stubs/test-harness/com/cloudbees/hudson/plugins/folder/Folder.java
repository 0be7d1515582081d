/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:cloudbees-folder:6.1036.vb_94fd035b_287 (BOM 5043.v855ff4819a_0f),
 * jenkinsci/cloudbees-folder-plugin tag 6.1036.vb_94fd035b_287 (commit b94fd035b287f87a02c5a8d9ceb417b7585dfb08),
 * src/main/java/com/cloudbees/hudson/plugins/folder/Folder.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package com.cloudbees.hudson.plugins.folder;

import hudson.model.TopLevelItem;
import java.io.IOException;

public class Folder extends AbstractFolder<TopLevelItem> {
    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
