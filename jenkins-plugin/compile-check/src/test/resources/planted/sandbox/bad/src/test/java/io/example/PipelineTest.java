package io.example;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;

/** Planted: pipelines a real sandbox refuses. */
class PipelineTest {
    static final String PREFIX = "node {\n";

    void masking(String dynamic) {
        new CpsFlowDefinition("""
                node {
                  echo "b64=${env.TOKEN.bytes.encodeBase64()}"
                }""", true);
        new CpsFlowDefinition(PREFIX + "  def f = new java.io.File('/etc/passwd')\n  echo System.getenv('HOME')\n}", true);
        new CpsFlowDefinition("notAStep(x: 1)", true);
        new CpsFlowDefinition(dynamic, true);
        new CpsFlowDefinition("node { echo 'unclosed'", true);
    }

    static void pipeline(String script) {
        new CpsFlowDefinition(script, true);
    }

    void throughAHelper() {
        pipeline("node { echo 'ls'.execute().text }");
    }
}
