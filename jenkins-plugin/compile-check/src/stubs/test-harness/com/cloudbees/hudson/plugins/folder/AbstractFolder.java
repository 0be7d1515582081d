/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:cloudbees-folder:6.1036.vb_94fd035b_287 (BOM 5043.v855ff4819a_0f),
 * jenkinsci/cloudbees-folder-plugin tag 6.1036.vb_94fd035b_287 (commit b94fd035b287f87a02c5a8d9ceb417b7585dfb08),
 * src/main/java/com/cloudbees/hudson/plugins/folder/AbstractFolder.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package com.cloudbees.hudson.plugins.folder;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import java.util.Collection;

public abstract class AbstractFolder<I extends TopLevelItem> extends AbstractItem implements TopLevelItem, ItemGroup<I> {
    public Collection<I> getItems() {
        throw new UnsupportedOperationException("stub");
    }
}
