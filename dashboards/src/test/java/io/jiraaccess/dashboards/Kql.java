package io.jiraaccess.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of Kibana Query Language the saved objects use, parsed into a tree that names its fields and turns into
 * Elasticsearch query DSL the way Kibana does: {@code field : value}, {@code field : "phrase"}, {@code field : (a or b)},
 * {@code field : *} (exists), {@code field : pre*} (wildcard), {@code field < value} (also {@code <= > >=}),
 * {@code and}, {@code or}, {@code not}, parentheses, and free text.
 */
public final class Kql {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** A parsed KQL expression. */
    public sealed interface Node permits And, Or, Not, Match, Exists, Range, FreeText, MatchAll {
        /** The equivalent Elasticsearch query. */
        JsonNode toQuery();

        /** Every field this expression names, with how it uses it. */
        default List<FieldUse> fields() {
            List<FieldUse> out = new ArrayList<>();
            collect(this, out);
            return out;
        }
    }

    /** How an expression uses one field: the value it compares with, if any. */
    public record FieldUse(String field, Use use, String value) {
    }

    public enum Use { MATCH, PHRASE, WILDCARD, EXISTS, RANGE }

    public record And(List<Node> nodes) implements Node {
        public JsonNode toQuery() {
            ObjectNode bool = F.objectNode();
            ArrayNode filter = bool.putArray("filter");
            nodes.forEach(n -> filter.add(n.toQuery()));
            return wrap("bool", bool);
        }
    }

    public record Or(List<Node> nodes) implements Node {
        public JsonNode toQuery() {
            ObjectNode bool = F.objectNode();
            ArrayNode should = bool.putArray("should");
            nodes.forEach(n -> should.add(n.toQuery()));
            bool.put("minimum_should_match", 1);
            return wrap("bool", bool);
        }
    }

    public record Not(Node node) implements Node {
        public JsonNode toQuery() {
            ObjectNode bool = F.objectNode();
            bool.putArray("must_not").add(node.toQuery());
            return wrap("bool", bool);
        }
    }

    /** {@code field : value}; quoted values match as a phrase, unquoted ones with {@code *} as a wildcard. */
    public record Match(String field, String value, boolean quoted) implements Node {
        public boolean isWildcard() {
            return !quoted && value.indexOf('*') >= 0;
        }

        public JsonNode toQuery() {
            if (quoted) {
                return wrap("match_phrase", F.objectNode().put(field, value));
            }
            if (isWildcard()) {
                return wrap("wildcard", F.objectNode().set(field, F.objectNode().put("value", value)));
            }
            return wrap("match", F.objectNode().put(field, value));
        }
    }

    public record Exists(String field) implements Node {
        public JsonNode toQuery() {
            return wrap("exists", F.objectNode().put("field", field));
        }
    }

    /** {@code field op value}; Elasticsearch date math ({@code now-90d}) works on date fields. */
    public record Range(String field, String op, String value) implements Node {
        public JsonNode toQuery() {
            String key = switch (op) {
                case "<" -> "lt";
                case "<=" -> "lte";
                case ">" -> "gt";
                default -> "gte";
            };
            return wrap("range", F.objectNode().set(field, F.objectNode().put(key, value)));
        }
    }

    /** Text without a field: searched across all fields, leniently, as Kibana does. */
    public record FreeText(String value, boolean quoted) implements Node {
        public JsonNode toQuery() {
            ObjectNode mm = F.objectNode().put("query", value).put("type", quoted ? "phrase" : "best_fields")
                    .put("lenient", true);
            return wrap("multi_match", mm);
        }
    }

    /** The empty query. */
    public record MatchAll() implements Node {
        public JsonNode toQuery() {
            return wrap("match_all", F.objectNode());
        }
    }

    private Kql() {
    }

    /**
     * Parses a KQL expression; an empty or blank one matches everything.
     *
     * @throws IllegalArgumentException naming the position and what was expected
     */
    public static Node parse(String kql) {
        Parser p = new Parser(kql == null ? "" : kql);
        if (p.atEnd()) {
            return new MatchAll();
        }
        Node n = p.orQuery(null);
        if (!p.atEnd()) {
            throw p.error("unexpected '" + p.peekText() + "'");
        }
        return n;
    }

    private static ObjectNode wrap(String name, JsonNode body) {
        ObjectNode o = F.objectNode();
        o.set(name, body);
        return o;
    }

    private static void collect(Node n, List<FieldUse> out) {
        if (n instanceof And a) {
            a.nodes().forEach(x -> collect(x, out));
        } else if (n instanceof Or o) {
            o.nodes().forEach(x -> collect(x, out));
        } else if (n instanceof Not not) {
            collect(not.node(), out);
        } else if (n instanceof Match m) {
            out.add(new FieldUse(m.field(), m.quoted() ? Use.PHRASE : m.isWildcard() ? Use.WILDCARD : Use.MATCH, m.value()));
        } else if (n instanceof Exists e) {
            out.add(new FieldUse(e.field(), Use.EXISTS, null));
        } else if (n instanceof Range r) {
            out.add(new FieldUse(r.field(), Use.RANGE, r.value()));
        }
    }

    /** Recursive descent over: or > and > not > (group | field expression | free text). */
    private static final class Parser {
        private final String src;
        private int pos;

        Parser(String src) {
            this.src = src;
            skipSpace();
        }

        boolean atEnd() {
            return pos >= src.length();
        }

        /** {@code field} is non-null inside {@code field : ( ... )}: the operands are values of that field. */
        Node orQuery(String field) {
            List<Node> parts = new ArrayList<>();
            parts.add(andQuery(field));
            while (keyword("or")) {
                parts.add(andQuery(field));
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        Node andQuery(String field) {
            List<Node> parts = new ArrayList<>();
            parts.add(notQuery(field));
            while (keyword("and")) {
                parts.add(notQuery(field));
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        Node notQuery(String field) {
            if (keyword("not")) {
                return new Not(subQuery(field));
            }
            return subQuery(field);
        }

        Node subQuery(String field) {
            if (peek() == '(') {
                pos++;
                skipSpace();
                Node inner = orQuery(field);
                expect(')');
                return inner;
            }
            return field == null ? expression() : value(field);
        }

        Node expression() {
            int start = pos;
            Literal first = literal();
            if (first == null) {
                throw error(atEnd() ? "expected a query" : "unexpected '" + peekText() + "'");
            }
            if (!first.quoted) {
                if (peek() == ':') {
                    String field = fieldName(first, start);
                    pos++;
                    skipSpace();
                    if (peek() == '(') {
                        pos++;
                        skipSpace();
                        Node inner = orQuery(field);
                        expect(')');
                        return inner;
                    }
                    return value(field);
                }
                String op = rangeOp();
                if (op != null) {
                    String field = fieldName(first, start);
                    Literal v = literal();
                    if (v == null) {
                        throw error("expected a value after '" + op + "'");
                    }
                    return new Range(field, op, v.text);
                }
            }
            return new FreeText(first.text, first.quoted);
        }

        Node value(String field) {
            Literal v = literal();
            if (v == null) {
                throw error("expected a value for " + field);
            }
            if (!v.quoted && v.text.equals("*")) {
                return new Exists(field);
            }
            return new Match(field, v.text, v.quoted);
        }

        private String fieldName(Literal l, int start) {
            if (l.text.indexOf('*') >= 0) {
                throw new IllegalArgumentException("KQL at " + start + ": field name patterns ('" + l.text
                        + "') are not supported; name the field");
            }
            return l.text;
        }

        private String rangeOp() {
            for (String op : List.of("<=", ">=", "<", ">")) {
                if (src.startsWith(op, pos)) {
                    pos += op.length();
                    skipSpace();
                    return op;
                }
            }
            return null;
        }

        private record Literal(String text, boolean quoted) {
        }

        /** A quoted string, or unquoted words up to an operator, a bracket or a keyword. */
        private Literal literal() {
            if (atEnd()) {
                return null;
            }
            if (peek() == '"') {
                pos++;
                StringBuilder sb = new StringBuilder();
                while (!atEnd() && peek() != '"') {
                    char c = src.charAt(pos++);
                    if (c == '\\' && !atEnd()) {
                        c = src.charAt(pos++);
                    }
                    sb.append(c);
                }
                if (atEnd()) {
                    throw error("expected a closing '\"'");
                }
                pos++;
                skipSpace();
                return new Literal(sb.toString(), true);
            }
            StringBuilder words = new StringBuilder();
            while (!atEnd() && !isSpecial(peek()) && !atKeyword()) {
                if (words.length() > 0) {
                    words.append(' ');
                }
                words.append(word());
                skipSpace();
            }
            return words.length() == 0 ? null : new Literal(words.toString(), false);
        }

        private String word() {
            StringBuilder sb = new StringBuilder();
            while (!atEnd() && !Character.isWhitespace(peek()) && !isSpecial(peek())) {
                char c = src.charAt(pos++);
                if (c == '\\' && !atEnd()) {
                    c = src.charAt(pos++);
                }
                sb.append(c);
            }
            return sb.toString();
        }

        private static boolean isSpecial(char c) {
            return c == '(' || c == ')' || c == ':' || c == '<' || c == '>' || c == '"';
        }

        private boolean atKeyword() {
            for (String k : List.of("and", "or", "not")) {
                int end = pos + k.length();
                if (end <= src.length() && src.substring(pos, end).toLowerCase(Locale.ROOT).equals(k)
                        && (end == src.length() || Character.isWhitespace(src.charAt(end)) || src.charAt(end) == '(')) {
                    return true;
                }
            }
            return false;
        }

        private boolean keyword(String k) {
            int end = pos + k.length();
            if (end <= src.length() && src.substring(pos, end).toLowerCase(Locale.ROOT).equals(k)
                    && (end == src.length() || Character.isWhitespace(src.charAt(end)) || src.charAt(end) == '(')) {
                pos = end;
                skipSpace();
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
            skipSpace();
        }

        private char peek() {
            return atEnd() ? '\0' : src.charAt(pos);
        }

        private String peekText() {
            return src.substring(pos, Math.min(src.length(), pos + 20));
        }

        private void skipSpace() {
            while (!atEnd() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        /** {@code problem} reads as "expected X" or "unexpected 'Y'". */
        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("KQL at " + pos + " of \"" + src + "\": " + problem);
        }
    }
}
