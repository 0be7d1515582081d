package io.jiraaccess.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown document as the checks read it: fenced code blocks (with their language), inline code spans (with the
 * header of the table they stand in, if any), and link targets, each with its line number.
 */
record MarkdownDoc(Path file, String name, List<Block> blocks, List<Span> spans, List<Link> links) {
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*).*$");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** A fenced code block; {@code firstLine} is the line after the opening fence. */
    record Block(String language, int firstLine, List<String> lines) {
        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /** An inline code span; {@code tableHeader} is the first cell of the table's header row, or "" outside tables. */
    record Span(int line, String text, String tableHeader) {
    }

    record Link(int line, String target) {
    }

    static MarkdownDoc read(Path file, String name) {
        try {
            return parse(file, name, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarkdownDoc parse(Path file, String name, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        String tableHeader = "";
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                List<String> body = new ArrayList<>();
                int first = i + 2;
                for (i++; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
                    body.add(lines.get(i));
                }
                blocks.add(new Block(fence.group(1).toLowerCase(), first, body));
                inTable = false;
                continue;
            }
            boolean row = line.trim().startsWith("|");
            if (row && !inTable) {
                String[] cells = line.trim().split("\\|");
                tableHeader = cells.length > 1 ? cells[1].replace("`", "").trim().toLowerCase() : "";
                inTable = true;
            } else if (!row) {
                inTable = false;
                tableHeader = "";
            }
            // a '\|' inside a table cell is a literal bar
            Matcher span = SPAN.matcher(line.replace("\\|", "|"));
            while (span.find()) {
                spans.add(new Span(i + 1, span.group(1), inTable ? tableHeader : ""));
            }
            Matcher link = LINK.matcher(line);
            while (link.find()) {
                links.add(new Link(i + 1, link.group(1)));
            }
        }
        return new MarkdownDoc(file, name, List.copyOf(blocks), List.copyOf(spans), List.copyOf(links));
    }

    /** Every line of code the document shows: shell-like block lines and inline spans, with their line numbers. */
    List<Located> codeLines() {
        List<Located> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.language().isEmpty() || b.language().equals("bash") || b.language().equals("sh")
                    || b.language().equals("shell") || b.language().equals("console") || b.language().equals("groovy")) {
                // a line ending in '\' continues on the next one
                StringBuilder joined = new StringBuilder();
                int start = -1;
                for (int k = 0; k < b.lines().size(); k++) {
                    String l = b.lines().get(k);
                    if (start < 0) {
                        start = b.firstLine() + k;
                    }
                    if (l.endsWith("\\")) {
                        joined.append(l, 0, l.length() - 1).append(' ');
                        continue;
                    }
                    joined.append(l);
                    out.add(new Located(start, joined.toString()));
                    joined.setLength(0);
                    start = -1;
                }
            }
        }
        for (Span s : spans) {
            out.add(new Located(s.line(), s.text()));
        }
        return out;
    }

    record Located(int line, String text) {
    }
}
