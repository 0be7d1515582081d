package io.jiraaccess.core.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jiraaccess.core.testing.FuzzText;

/**
 * Jazzer target for the guard against the simulator ({@link GuardOracle}): the input is {@code METHOD\nTARGET\nBODY}
 * (a single line is a GET target); {@code ${site}} in it stands for the simulator's base URL, {@code ${other}} for
 * the same host on the next port and {@code ${pat}} for the credential's token (which a refusal may quote only where
 * the input wrote it). For every input: if the guard sends it, the simulator's reading of it reaches only
 * the allowed project with only allowed effects; if the guard refuses it, the simulator hears nothing.
 * <p>Seeds under {@code GuardAgainstSimulatorFuzzTestInputs/}: the families of request targets, and every bypass
 * found (issue 14's reports as {@code found-*}). The default build runs them in regression mode; {@code -Pproof}
 * fuzzes for five minutes (see FUZZING.md in core).
 */
class GuardAgainstSimulatorFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void whatTheGuardSendsReachesOnlyAllowedProjects(byte[] input) {
        GuardOracle oracle = GuardOracle.get();
        String site = oracle.sim.baseUrl();
        int port = Integer.parseInt(site.substring(site.lastIndexOf(':') + 1));
        String text = FuzzText.decode(input)
                .replace("${site}", site)
                .replace("${other}", site.substring(0, site.lastIndexOf(':') + 1) + (port + 1))
                .replace("${pat}", oracle.pat);
        oracle.checkText(text);
    }
}
