package io.jiraaccess.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options of a bench's command line; unknown ones are refused. */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args, Set<String> valued, Set<String> flags, String usage) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flags.contains(a)) {
                values.put(a, "true");
            } else if (valued.contains(a) && i + 1 < args.length) {
                values.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException((valued.contains(a) ? a + " needs a value" : "unknown option " + a)
                        + "\nusage: " + usage);
            }
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    long number(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }

    List<Long> numbers(String name, List<Long> fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return java.util.Arrays.stream(v.split(",")).map(s -> Long.parseLong(s.trim().replace("_", ""))).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be whole numbers separated by commas, not '" + v + "'");
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
