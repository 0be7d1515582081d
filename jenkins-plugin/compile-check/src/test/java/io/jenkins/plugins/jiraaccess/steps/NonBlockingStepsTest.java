package io.jenkins.plugins.jiraaccess.steps;

import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code StepExecution.start} runs on the CPS VM thread, which must not block (workflow-step-api 704,
 * StepExecution.java: "should not block"). Binding a Jira credential looks credentials up, may fetch a token and
 * write {@code credentials.xml}, so every execution of this plugin does its work through workflow-step-api's
 * non-blocking bases, as credentials-binding's {@code BindingStep.Execution2} (696) does. Before, withJiraAuth's
 * execution extended {@code StepExecution} and bound in {@code start()}.
 */
class NonBlockingStepsTest {
    @Test
    void everyStepExecutionRunsItsWorkOffTheCpsVmThread() {
        List<String> blocking = new ArrayList<>();
        for (Class<?> c : List.of(WithJiraAuthStep.Execution.class, JiraRequestStep.Execution.class)) {
            boolean nonBlocking = GeneralNonBlockingStepExecution.class.isAssignableFrom(c)
                    || SynchronousNonBlockingStepExecution.class.isAssignableFrom(c);
            if (!nonBlocking || !StepExecution.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                blocking.add(c.getName());
            }
        }
        assertEquals(List.of(), blocking);
    }
}
