/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci:symbol-annotation:1.24 (the version Jenkins 2.479.3 bundles),
 * jenkinsci/lib-symbol-annotation tag symbol-annotation-1.24 (commit 6d16ff8d895edc7c26ae17cbcab617870cce3536),
 * src/main/java/org/jenkinsci/Symbol.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
