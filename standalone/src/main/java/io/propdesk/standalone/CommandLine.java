package io.propdesk.standalone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one command-line reader of the project: {@code --name=value}, {@code --name value} for the
 * names that take a value, and bare {@code --flag}s. The standalone system's {@link Options} reads it, and so do the
 * benchmark and reliability commands of the system tests. Every mistake is an {@link IllegalArgumentException} with
 * a message fit for the user.
 */
public final class CommandLine {

    /** One {@code --name[=value]}; {@code value} is null for a bare flag. */
    public record Arg(String name, String value) {}

    private final List<Arg> args;

    private final Map<String, String> byName = new LinkedHashMap<>();

    private CommandLine(List<Arg> args) {
        this.args = List.copyOf(args);
        for (Arg arg : args) {
            this.byName.put(arg.name(), arg.value());
        }
    }

    /**
     * Reads {@code argv}; a name in {@code valued} written without {@code =} takes the next argument as its value.
     */
    public static CommandLine parse(String[] argv, Set<String> valued) {
        List<Arg> args = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (valued.contains(name)) {
                if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = argv[++i];
            }
            args.add(new Arg(name, value));
        }
        return new CommandLine(args);
    }

    /** Every argument, in the order given. */
    public List<Arg> args() {
        return this.args;
    }

    /** Throws when an argument is not one of {@code known}. */
    public CommandLine only(Set<String> known) {
        for (Arg arg : this.args) {
            if (!known.contains(arg.name())) {
                throw new IllegalArgumentException("unknown option '--" + arg.name() + "'");
            }
        }
        return this;
    }

    public boolean has(String name) {
        return this.byName.containsKey(name);
    }

    /** A bare {@code --name} is true; {@code --name=false} is false. */
    public boolean flag(String name) {
        return has(name) && (this.byName.get(name) == null || Boolean.parseBoolean(this.byName.get(name)));
    }

    public String text(String name, String fallback) {
        return has(name) ? value(name) : fallback;
    }

    public int number(String name, int fallback) {
        return has(name) ? number(name, value(name), Integer::parseInt) : fallback;
    }

    public long longNumber(String name, long fallback) {
        return has(name) ? number(name, value(name), Long::parseLong) : fallback;
    }

    /** A comma-separated list, e.g. {@code --levels=4,8,16}. */
    public List<String> list(String name, List<String> fallback) {
        if (!has(name)) {
            return fallback;
        }
        List<String> items = new ArrayList<>();
        for (String item : value(name).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** The value of {@code --name=value}; a bare {@code --name} is refused. */
    public String value(String name) {
        String value = this.byName.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " needs a value");
        }
        return value;
    }

    /** Reads {@code value} as a number, naming the option when it is not one. */
    public static <T> T number(String name, String value, Function<String, T> read) {
        try {
            return read.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
        }
    }
}
