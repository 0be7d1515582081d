/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.kohsuke.stapler:stapler:1903.1905.ve5a_f469356f0 (the version Jenkins 2.479.3 bundles),
 * jenkinsci/stapler tag 1903.1905.ve5a_f469356f0 (commit e5af469356f0eaf05d00b525bd39a723e8778bf6),
 * core/src/main/java/org/kohsuke/stapler/QueryParameter.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
