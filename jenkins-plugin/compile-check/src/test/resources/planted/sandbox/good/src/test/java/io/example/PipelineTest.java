package io.example;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;

/** Planted: pipelines that use only steps, symbols, the script's own methods and whitelisted calls. */
class PipelineTest {
    static final String BODY = "echo 'hi'";

    void pipelines() {
        new CpsFlowDefinition("""
                def shout(String s) { s.toUpperCase() }
                node {
                  withCredentials([usernamePassword(credentialsId: 'c', usernameVariable: 'U', passwordVariable: 'P')]) {
                    sh 'echo "$U" | base64 -w0'
                  }
                  plantedStep(site: 'x') {
                    echo "pct=${java.net.URLEncoder.encode(env.TOKEN, 'UTF-8')}"
                    echo "b64=${java.util.Base64.getEncoder().encodeToString(env.TOKEN.getBytes('UTF-8'))}"
                    echo shout(env.TOKEN.trim())
                    echo new StringBuilder().append('x').toString()
                  }
                }""", true);
        new CpsFlowDefinition("node { " + BODY + " }", true);
    }

    static void pipeline(String name, String script) {
        new CpsFlowDefinition(script, true);
    }

    void throughAHelper() {
        pipeline("p", "node { echo 'through a helper' }");
    }
}
