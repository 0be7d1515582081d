package io.jenkins.plugins.jiraaccess.masking;

import io.jiraaccess.core.binding.JiraBinding;
import io.jiraaccess.core.testing.EncodedLogs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The jiraAuth binding's masking, through the path its output takes in Pipeline: the binding registers its masks
 * ({@link BoundMasks}, as {@code MaskingUnbinder.register} does), the decorator factory takes the build's masks in
 * force and seals them into the step's decorator ({@code JiraAuthMasking.of}, {@code MaskingDecorator}), and the
 * decorator masks the step's output ({@link BlockMasks#maskSealed}, what {@code MaskingDecorator.decorate} runs,
 * on an agent too). withJiraAuth's filter ({@code MaskingConsoleLogFilter}) seals its block's masks and masks with the
 * same call. The Jenkins holders only keep the sealed string in a {@code Secret}, which cannot be made here.
 */
class BindingMaskingTest {
    private static final String BUILD = "team/app#42";

    /** The output of one step inside a withCredentials([jiraAuth]) block whose binding is {@code b}. */
    private static byte[] throughTheBinding(List<JiraBinding> bindings, byte[] output, int chunk) throws IOException {
        BoundMasks bound = new BoundMasks();
        int n = 0;
        for (JiraBinding b : bindings) {
            bound.put(BUILD, "binding-" + n++, BlockMasks.of(b, Bindings.THEIR_PATTERN), "UTF-8");
        }
        BoundMasks.Bound inForce = bound.of(BUILD).orElseThrow();
        String decorator = inForce.masks().seal();
        return written(BlockMasks.maskSealed(decorator, inForce.charset(), sinkOf()), output, chunk);
    }

    /** The output of one step inside a withJiraAuth block whose binding is {@code b}. */
    private static byte[] throughWithJiraAuth(JiraBinding b, byte[] output, int chunk) throws IOException {
        String filter = BlockMasks.of(b, Bindings.THEIR_PATTERN).seal();
        return written(BlockMasks.maskSealed(filter, StandardCharsets.UTF_8.name(), sinkOf()), output, chunk);
    }

    private static final ThreadLocal<ByteArrayOutputStream> SINK = new ThreadLocal<>();

    private static OutputStream sinkOf() {
        SINK.set(new ByteArrayOutputStream());
        return SINK.get();
    }

    private static byte[] written(OutputStream out, byte[] input, int chunk) throws IOException {
        for (int i = 0; i < input.length; i += chunk) {
            out.write(input, i, Math.min(chunk, input.length - i));
        }
        out.close();
        return SINK.get().toByteArray();
    }

    private static List<String> log(JiraBinding b, List<String> printed) {
        List<String> log = new ArrayList<>();
        for (String s : printed) {
            log.addAll(EncodedLogs.encodings(s));
        }
        // what sh -x prints of a command line holding the header, single-quoted: credentials-binding's form
        log.add("+ curl -H 'Authorization: " + b.secretValues().get(JiraBinding.JIRA_AUTH_HEADER) + "' x\n");
        log.add("+ printf %s '" + b.secretValues().get(JiraBinding.JIRA_AUTH_HEADER) + "'\n");
        return log;
    }

    private static void assertNotRecoverable(JiraBinding b, List<String> log, byte[] masked) {
        String text = new String(masked, StandardCharsets.UTF_8);
        List<String> lines = text.lines().map(l -> l + "\n").toList();
        assertEquals(log.size(), lines.size());
        String recovered = EncodedLogs.recoverAll(lines);
        for (String secret : b.masked()) {
            assertThat(EncodedLogs.recoverAll(log)).as("the decoders find the secret before masking").contains(secret);
            assertThat(recovered).as("a decoder recovered a secret from the binding's masked output")
                    .doesNotContain(secret);
        }
        assertThat(text).contains("end of log");
    }

    @Test
    void noEncodingOfAPatCanBeDecodedFromTheBindingsMaskedOutput() throws IOException {
        JiraBinding b = Bindings.pat(Bindings.PAT);
        List<String> log = log(b, List.of("Bearer " + Bindings.PAT, Bindings.PAT));

        assertNotRecoverable(b, log, throughTheBinding(List.of(b),
                String.join("", log).getBytes(StandardCharsets.UTF_8), 5));
    }

    @Test
    void noEncodingOfAnApiTokenOrItsBasicPairCanBeDecodedFromTheBindingsMaskedOutput() throws IOException {
        JiraBinding b = Bindings.apiToken();
        String header = b.secretValues().get(JiraBinding.JIRA_AUTH_HEADER);
        List<String> log = log(b, List.of(header, Bindings.EMAIL + ":" + Bindings.API, Bindings.API));

        assertNotRecoverable(b, log, throughTheBinding(List.of(b),
                String.join("", log).getBytes(StandardCharsets.UTF_8), 11));
    }

    @Test
    void withJiraAuthAndTheBindingMaskTheSameOutputIdentically() throws IOException {
        for (JiraBinding b : List.of(Bindings.pat(Bindings.PAT), Bindings.apiToken())) {
            List<String> printed = new ArrayList<>(b.masked());
            printed.add(Bindings.EMAIL + ":" + Bindings.API);
            List<String> log = log(b, printed);
            log.add("ordinary output, \u00e9 and all\r\n");
            byte[] output = String.join("", log).getBytes(StandardCharsets.UTF_8);

            for (int chunk : new int[] {1, 3, 64, output.length}) {
                byte[] theirs = throughWithJiraAuth(b, output, chunk);
                byte[] ours = throughTheBinding(List.of(b), output, chunk);
                assertEquals(new String(theirs, StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8),
                        "chunks of " + chunk);
            }
            assertThat(new String(throughWithJiraAuth(b, output, 64), StandardCharsets.UTF_8))
                    .contains("****").contains("ordinary output");
        }
    }

    @Test
    void twoBindingsInForceMaskBothSecrets() throws IOException {
        JiraBinding one = Bindings.pat(Bindings.PAT);
        JiraBinding two = Bindings.pat("c2Vjb25kLXBhdC0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo=");
        List<String> log = log(one, List.of(Bindings.PAT));
        log.addAll(EncodedLogs.encodings("c2Vjb25kLXBhdC0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo="));

        byte[] masked = throughTheBinding(List.of(one, two), String.join("", log).getBytes(StandardCharsets.UTF_8), 17);

        String recovered = EncodedLogs.recoverAll(new String(masked, StandardCharsets.UTF_8).lines().toList());
        assertThat(recovered).doesNotContain(Bindings.PAT).doesNotContain("c2Vjb25kLXBhdC0wMTIzNDU2Nzg5LWFiY2RlZmdoaWo=");
    }
}
