package io.propdesk.systemtests.reliability;

import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The reliability figures: each fault kind run with the given number of tickets on its own fresh
 * standalone system, then one table: tickets run, faults injected, events lost, effects duplicated, 5xx seen.
 *
 * <pre>
 * java -cp "system-tests/target/classes:$(cat system-tests/target/classpath.txt)" \
 *   io.propdesk.systemtests.reliability.ReliabilityRun --tickets=100 [--parallel=8] [--faults=service-stops,...]
 * </pre>
 * Exit status 1 when anything was lost, duplicated or answered 5xx; 2 when the arguments are wrong.
 */
public final class ReliabilityRun {

    /** The options; each takes a value. */
    static final Set<String> OPTIONS = Set.of("tickets", "parallel", "faults", "hostile-cases", "seed");

    /** How much of each fault kind to run. */
    record Size(int tickets, int hostileCases, long seed) {}

    /** The fault kinds by name, in the order they run; each gets a fresh system. */
    static final Map<String, BiFunction<FaultRuns, Size, FaultRuns.Row>> KINDS = kinds();

    static final String USAGE = """
            Usage: ReliabilityRun [--tickets=N] [--parallel=N] [--faults=KIND,...] [--hostile-cases=N] [--seed=N]

              --tickets=N        tickets per fault kind (default 100)
              --parallel=N       tickets in flight at once (default 8)
              --faults=KIND,...  which fault kinds to run (default all): %s
              --hostile-cases=N  generated bodies per POST/PUT endpoint for hostile-input (default 25)
              --seed=N           seed of the hostile-input generator (default 20261127)
            """.formatted(String.join(", ", kinds().keySet()));

    private ReliabilityRun() {}

    private static Map<String, BiFunction<FaultRuns, Size, FaultRuns.Row>> kinds() {
        Map<String, BiFunction<FaultRuns, Size, FaultRuns.Row>> kinds = new LinkedHashMap<>();
        kinds.put("service-stops", (r, size) -> r.serviceStops(size.tickets()));
        kinds.put("broker-restarts", (r, size) -> r.brokerRestarts(size.tickets()));
        kinds.put("poison", (r, size) -> r.poison(size.tickets()));
        kinds.put("rebuild", (r, size) -> r.rebuild(size.tickets()));
        kinds.put("two-dispatchers", (r, size) -> r.twoDispatchers(size.tickets()));
        kinds.put("hostile-input", (r, size) -> r.hostile(size.tickets(), size.hostileCases(), size.seed()));
        return kinds;
    }

    public static void main(String[] args) throws IOException {
        List<String> faults;
        int parallel;
        Size size;
        try {
            CommandLine commandLine = CommandLine.parse(args, OPTIONS).only(OPTIONS);
            size = new Size(
                    commandLine.number("tickets", 100),
                    commandLine.number("hostile-cases", 25),
                    commandLine.longNumber("seed", 20261127L));
            parallel = commandLine.number("parallel", 8);
            faults = commandLine.list("faults", List.copyOf(KINDS.keySet()));
            for (String fault : faults) {
                if (!KINDS.containsKey(fault)) {
                    throw new IllegalArgumentException("unknown fault kind '" + fault + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("reliability: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        List<FaultRuns.Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String kind : faults) {
            Path dir = Files.createTempDirectory("propdesk-reliability-" + kind);
            long t = System.nanoTime();
            try (Running system = PropDeskStandalone.start(Options.randomPorts(dir))) {
                system.awaitHealthy(java.time.Duration.ofSeconds(90));
                FaultRuns.Row row = KINDS.get(kind)
                        .apply(new FaultRuns(system, "rel-" + kind + "-" + System.currentTimeMillis(), parallel), size);
                rows.add(row);
                System.out.printf(
                        "%s: %d tickets in %.0f s%n", row.kind(), row.tickets(), (System.nanoTime() - t) / 1e9);
                row.notes().forEach(n -> System.out.println("  " + n));
                // the table so far, so that an interrupted long run still leaves its figures
                System.out.println(table(rows));
                System.out.flush();
            } finally {
                deleteQuietly(dir);
            }
        }
        System.out.println(table(rows));
        System.out.printf("total %.0f s%n", (System.nanoTime() - t0) / 1e9);
        boolean clean = rows.stream().allMatch(FaultRuns.Row::clean);
        System.exit(clean ? 0 : 1);
    }

    /** The same Markdown table every time. */
    public static String table(List<FaultRuns.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| fault kind | tickets run | faults injected | events lost | effects duplicated | 5xx seen |\n");
        out.append("|---|---|---|---|---|---|\n");
        int tickets = 0;
        int faults = 0;
        int lost = 0;
        int duplicated = 0;
        long fiveXx = 0;
        for (FaultRuns.Row r : rows) {
            out.append(String.format(
                    "| %s | %d | %d | %d | %d | %d |%n",
                    r.kind(), r.tickets(), r.faults(), r.lost(), r.duplicated(), r.fiveXx()));
            tickets += r.tickets();
            faults += r.faults();
            lost += r.lost();
            duplicated += r.duplicated();
            fiveXx += r.fiveXx();
        }
        out.append(String.format(
                "| **all** | **%d** | **%d** | **%d** | **%d** | **%d** |%n",
                tickets, faults, lost, duplicated, fiveXx));
        return out.toString();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
