package io.jiraaccess.core.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The projects a JQL query can return issues from, or null when it can return issues from any project.
 * <p>Sound rather than clever: a clause {@code project = X}, {@code project in (X, Y)} (quoted or not, any case), or
 * {@code key/issuekey = ABC-1 | in (...)} bounds the result; {@code AND} intersects bounds, {@code OR} unites them,
 * and anything else ({@code NOT}, {@code !=}, functions, other fields, syntax we do not follow) bounds nothing.
 * So {@code project = ABC OR assignee = me} is unbounded, as it is in Jira.
 */
final class JqlProjects {
    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern ISSUE_KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-\\d+");

    private enum Type { WORD, STRING, OP, OPEN, CLOSE, COMMA }

    private record Token(Type type, String text) {
        boolean isWord(String w) {
            return type == Type.WORD && text.equalsIgnoreCase(w);
        }

        boolean isLiteral() {
            return type == Type.WORD || type == Type.STRING;
        }
    }

    private final List<Token> tokens;
    private int pos;
    private boolean malformed;

    private JqlProjects(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The upper-case project keys {@code jql} is limited to, or null when it is not limited. */
    static Set<String> of(String jql) {
        if (jql == null || jql.isBlank()) {
            return null;
        }
        List<Token> tokens = tokenize(jql);
        if (tokens == null) {
            return null;
        }
        JqlProjects p = new JqlProjects(tokens);
        Set<String> scope = p.or();
        // only ORDER BY may follow the condition; anything else means we did not understand the query
        if (p.malformed || (p.pos < tokens.size() && !p.atOrderBy())) {
            return null;
        }
        return scope;
    }

    private Set<String> or() {
        Set<String> s = and();
        while (peekIs("or") || peekOp("||")) {
            pos++;
            Set<String> right = and();
            s = s == null || right == null ? null : union(s, right);
        }
        return s;
    }

    private Set<String> and() {
        Set<String> s = not();
        while (peekIs("and") || peekOp("&&")) {
            pos++;
            Set<String> right = not();
            s = s == null ? right : right == null ? s : intersect(s, right);
        }
        return s;
    }

    private Set<String> not() {
        if (peekIs("not") || peekOp("!")) {
            pos++;
            not();
            return null;
        }
        if (pos < tokens.size() && tokens.get(pos).type() == Type.OPEN) {
            pos++;
            Set<String> s = or();
            if (pos < tokens.size() && tokens.get(pos).type() == Type.CLOSE) {
                pos++;
                return s;
            }
            malformed = true;
            return null;
        }
        return clause();
    }

    private Set<String> clause() {
        int start = pos;
        int depth = 0;
        while (pos < tokens.size()) {
            Token t = tokens.get(pos);
            if (depth == 0 && (t.isWord("and") || t.isWord("or") || (t.type() == Type.OP && (t.text().equals("&&")
                    || t.text().equals("||"))) || t.type() == Type.CLOSE || atOrderBy())) {
                break;
            }
            if (t.type() == Type.OPEN) {
                depth++;
            } else if (t.type() == Type.CLOSE) {
                depth--;
            }
            pos++;
        }
        return bound(tokens.subList(start, pos));
    }

    /** The bound one clause puts on projects, or null for none. */
    private static Set<String> bound(List<Token> c) {
        if (c.size() < 3 || !c.get(0).isLiteral()) {
            return null;
        }
        String field = c.get(0).text().toLowerCase(Locale.ROOT);
        boolean project = field.equals("project");
        boolean issueKey = field.equals("key") || field.equals("issuekey") || field.equals("issue");
        if (!project && !issueKey) {
            return null;
        }
        List<String> values = new ArrayList<>();
        Token op = c.get(1);
        if (op.type() == Type.OP && op.text().equals("=") && c.size() == 3 && c.get(2).isLiteral()) {
            values.add(c.get(2).text());
        } else if (op.isWord("in") && c.size() >= 4 && c.get(2).type() == Type.OPEN && c.get(c.size() - 1).type() == Type.CLOSE) {
            for (int i = 3; i < c.size() - 1; i++) {
                Token v = c.get(i);
                boolean expectValue = (i - 3) % 2 == 0;
                if (expectValue ? !v.isLiteral() : v.type() != Type.COMMA) {
                    return null;
                }
                if (expectValue) {
                    values.add(v.text());
                }
            }
            if (values.isEmpty() || c.get(c.size() - 2).type() == Type.COMMA) {
                return null;
            }
        } else {
            return null;
        }
        Set<String> keys = new HashSet<>();
        for (String v : values) {
            String value = v.trim();
            if (project) {
                // a numeric value is a project id, which names no key we can check
                if (!PROJECT_KEY.matcher(value).matches()) {
                    return null;
                }
                keys.add(value.toUpperCase(Locale.ROOT));
            } else {
                var m = ISSUE_KEY.matcher(value);
                if (!m.matches()) {
                    return null;
                }
                keys.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return keys;
    }

    private boolean atOrderBy() {
        return pos + 1 < tokens.size() && tokens.get(pos).isWord("order") && tokens.get(pos + 1).isWord("by");
    }

    private boolean peekIs(String word) {
        return pos < tokens.size() && tokens.get(pos).isWord(word);
    }

    private boolean peekOp(String op) {
        return pos < tokens.size() && tokens.get(pos).type() == Type.OP && tokens.get(pos).text().equals(op);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.retainAll(b);
        return s;
    }

    /** Tokens, or null for unterminated strings. */
    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    b.append(s.charAt(j));
                    j++;
                }
                if (j >= s.length()) {
                    return null;
                }
                out.add(new Token(Type.STRING, b.toString()));
                i = j + 1;
            } else if (c == '(') {
                out.add(new Token(Type.OPEN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Token(Type.CLOSE, ")"));
                i++;
            } else if (c == ',') {
                out.add(new Token(Type.COMMA, ","));
                i++;
            } else if ("=!~<>&|".indexOf(c) >= 0) {
                int j = i + 1;
                while (j < s.length() && "=!~<>&|".indexOf(s.charAt(j)) >= 0 && j - i < 2) {
                    j++;
                }
                out.add(new Token(Type.OP, s.substring(i, j)));
                i = j;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "\"'(),=!~<>&|".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(new Token(Type.WORD, s.substring(i, j)));
                i = j;
            }
        }
        return out;
    }
}
