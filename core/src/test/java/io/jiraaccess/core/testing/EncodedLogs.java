package io.jiraaccess.core.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build logs holding a secret in every encoding a pipeline commonly prints, and the decoders an attacker would run on
 * a log: a masking test prints the one, masks it, runs the other, and searches the result for the secret.
 *
 * <p>The encodings are those of the tools' documented behaviour: GNU coreutils {@code base64} wraps at 76 columns
 * ({@code -w}, default 76), {@code xxd -p} prints 30 bytes (60 hex digits) per line, Python's
 * {@code urllib.parse.quote} keeps {@code _.-~/} and {@code quote_plus} keeps {@code _.-~} and turns a space into
 * {@code +}, JavaScript's {@code encodeURIComponent} keeps {@code -_.!~*'()}, JSON escapes {@code "} and {@code \}
 * (some writers {@code /} too). The decoders read Base64 and Base64url at every character offset, line by line and
 * with the line breaks of up to four consecutive lines removed (how {@code base64 -d} and {@code xxd -r -p} read a
 * wrapped block), hex at both nibble offsets, percent-encoding with and without {@code +} as a space, and JSON
 * string escapes.
 */
public final class EncodedLogs {
    private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]{4,}");
    private static final Pattern B64URL = Pattern.compile("[A-Za-z0-9_-]{4,}");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{4,}");
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\(u[0-9A-Fa-f]{4}|[\"\\\\/bfnrt])");

    private EncodedLogs() {
    }

    /** Every encoding of {@code secret}, as lines of a console log (each ends with {@code \n}). */
    public static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> log = new ArrayList<>();
        log.add("literal: " + secret + " end of log\n");
        for (String prefix : List.of("", "x", "xy")) {
            byte[] framed = (prefix + secret + "!").getBytes(StandardCharsets.UTF_8);
            log.add("b64 " + prefix.length() + ": " + Base64.getEncoder().encodeToString(framed) + " end of log\n");
            log.add("b64url " + prefix.length() + ": " + Base64.getUrlEncoder().withoutPadding().encodeToString(framed)
                    + "\n");
            // echo -n "$PREFIX$SECRET" | base64   (GNU: wrapped at 76 columns)
            log.add("$ echo -n \"$X\" | base64\n");
            log.addAll(wrap(Base64.getEncoder().encodeToString((prefix + secret).getBytes(StandardCharsets.UTF_8)), 76));
            log.addAll(wrap(Base64.getUrlEncoder().encodeToString((prefix + secret).getBytes(StandardCharsets.UTF_8)), 76));
        }
        log.add("hex: " + HexFormat.of().formatHex(bytes) + "\n");
        log.add("HEX: " + HexFormat.of().withUpperCase().formatHex(bytes) + "\n");
        // xxd -p: 60 hex digits per line
        log.add("$ echo -n \"$X\" | xxd -p\n");
        log.addAll(wrap(HexFormat.of().formatHex(bytes), 60));
        log.addAll(wrap(HexFormat.of().formatHex(("x" + secret).getBytes(StandardCharsets.UTF_8)), 60));
        log.add("quote: https://x/?q=" + percent(secret, "_.-~/", "%20") + "&n=1\n");
        log.add("quote_plus: q=" + percent(secret, "_.-~", "+") + "\n");
        log.add("encodeURIComponent: q=" + percent(secret, "-_.!~*'()", "%20") + "\n");
        String json = secret.replace("\\", "\\\\").replace("\"", "\\\"");
        log.add("json: {\"h\":\"" + json + "\"}\n");
        log.add("json escaped slash: {\"h\":\"" + json.replace("/", "\\/") + "\"}\n");
        return log;
    }

    /** {@code text} cut into lines of {@code width} characters, each ending with {@code \n}. */
    public static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < text.length(); i += width) {
            lines.add(text.substring(i, Math.min(text.length(), i + width)) + "\n");
        }
        return lines;
    }

    /** UTF-8 percent-encoding keeping ASCII letters, digits and {@code safe}; a space becomes {@code space}. */
    public static String percent(String s, String safe, String space) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || safe.indexOf(c) >= 0) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append(space);
            } else {
                b.append(String.format("%%%02X", c));
            }
        }
        return b.toString();
    }

    /** Everything the decoders make of a log's lines, alone and with the breaks of wrapped blocks removed. */
    public static String recoverAll(List<String> lines) {
        return decodeAll(wrappedBlocks(lines), lines);
    }

    /** Consecutive lines joined without their line breaks: how {@code base64 -d} and {@code xxd -r -p} read a wrap. */
    public static List<String> wrappedBlocks(List<String> log) {
        List<String> blocks = new ArrayList<>();
        for (int from = 0; from < log.size(); from++) {
            StringBuilder b = new StringBuilder();
            for (int to = from; to < Math.min(log.size(), from + 4); to++) {
                b.append(log.get(to).replace("\r", "").replace("\n", ""));
                blocks.add(b.toString());
            }
        }
        return blocks;
    }

    /** Everything the decoders make of the texts, one result a line. */
    public static String decodeAll(List<String> blocks, List<String> lines) {
        StringBuilder out = new StringBuilder();
        List<String> texts = new ArrayList<>(lines);
        texts.addAll(blocks);
        for (String t : texts) {
            out.append(t).append('\n');
            out.append(percentDecode(t, true)).append('\n');
            out.append(percentDecode(t, false)).append('\n');
            out.append(jsonUnescape(t)).append('\n');
            for (Matcher m = B64.matcher(t); m.find(); ) {
                base64AtEveryOffset(m.group(), Base64.getDecoder(), out);
            }
            for (Matcher m = B64URL.matcher(t); m.find(); ) {
                base64AtEveryOffset(m.group(), Base64.getUrlDecoder(), out);
            }
            for (Matcher m = HEX.matcher(t); m.find(); ) {
                for (int offset = 0; offset < 2; offset++) {
                    String run = m.group().substring(offset);
                    out.append(new String(HexFormat.of().parseHex(run.substring(0, run.length() / 2 * 2)),
                            StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void base64AtEveryOffset(String run, Base64.Decoder decoder, StringBuilder out) {
        for (int offset = 0; offset < 4 && offset < run.length(); offset++) {
            String aligned = run.substring(offset);
            aligned = aligned.substring(0, aligned.length() / 4 * 4);
            out.append(new String(decoder.decode(aligned), StandardCharsets.UTF_8)).append('\n');
        }
    }

    private static String jsonUnescape(String s) {
        return JSON_ESCAPE.matcher(s).replaceAll(m -> {
            String e = m.group(1);
            String plain = switch (e.charAt(0)) {
                case 'u' -> String.valueOf((char) Integer.parseInt(e.substring(1), 16));
                case 'b' -> "\b";
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                default -> e;
            };
            return Matcher.quoteReplacement(plain);
        });
    }

    private static String percentDecode(String s, boolean plusIsSpace) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && HexFormat.isHexDigit(s.charAt(i + 1)) && HexFormat.isHexDigit(s.charAt(i + 2))) {
                b.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                b.write(' ');
            } else {
                b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
