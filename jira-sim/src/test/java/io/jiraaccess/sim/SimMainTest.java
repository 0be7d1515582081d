package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimMainTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--seed demo|--port is required",
            "--port abc|--port must be a number from 0 to 65535, got 'abc'",
            "--port 70000|--port must be a number from 0 to 65535",
            "--port 0 --seed big|the only seed is 'demo', got 'big'",
            "--port 0 --verbose yes|unknown option --verbose",
            "--port|--port needs a value"})
    void badArgumentsExitWith2AndSayWhatToFix(String args, String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = SimMain.run(args.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
