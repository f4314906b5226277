package io.propdesk.systemtests.bench;

import io.propdesk.standalone.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The command line of a benchmark, read the same way by each: every option is checked before anything starts (a
 * mistake found half-way through a run of many minutes would cost the run), and a run that fails still prints the
 * report it has so far.
 */
final class BenchmarkCommand {

    /** A benchmark's measuring, which appends to its report. */
    interface Run {
        void run() throws Exception;
    }

    private BenchmarkCommand() {}

    /**
     * {@code argv} read against {@code options}, each of which takes a value, and checked by {@code check} (which
     * throws {@link IllegalArgumentException}); on a mistake prints it with the options to stderr as {@code name:
     * ...} and exits with 2.
     */
    static CommandLine parse(String name, String[] argv, Set<String> options, Consumer<CommandLine> check) {
        try {
            CommandLine args = CommandLine.parse(argv, options).only(options);
            check.accept(args);
            return args;
        } catch (IllegalArgumentException e) {
            System.err.println(
                    name + ": " + e.getMessage() + "; options: --" + String.join(", --", new TreeSet<>(options)));
            System.exit(2);
            throw e;
        }
    }

    /**
     * Runs the benchmark, prints its report (ending in "The run failed" if it threw), writes it to {@code --out} if
     * given, and exits with 0, or 1 if it failed.
     */
    static void report(CommandLine args, StringBuilder report, Run run) throws IOException {
        int exit = 0;
        try {
            run.run();
        } catch (Exception e) {
            e.printStackTrace();
            report.append("\n**The run failed:** ").append(e).append('\n');
            exit = 1;
        }
        System.out.println(report);
        if (args.has("out")) {
            Files.writeString(Path.of(args.value("out")), report);
        }
        System.exit(exit);
    }

    /** The child system's JVM options from {@code --jvm="-Xmx2g -XX:..."}, split at white space; none if not given. */
    static List<String> jvmOptions(CommandLine args) {
        return args.has("jvm") ? List.of(args.value("jvm").trim().split("\\s+")) : List.of();
    }

    /** A report's first line: what ran, when, on how many CPUs and with which child JVM options. */
    static String heading(String title, Object when, List<String> jvm) {
        return String.format(
                "## %s run %s, %d CPUs, child JVM %s%n%n",
                title,
                when,
                Runtime.getRuntime().availableProcessors(),
                jvm.isEmpty() ? "default ergonomics" : String.join(" ", jvm));
    }
}
